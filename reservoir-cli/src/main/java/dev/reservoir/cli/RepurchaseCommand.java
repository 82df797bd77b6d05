package dev.reservoir.cli;

import dev.reservoir.engine.Engine;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.metric.RepurchaseAfterFirst;
import dev.reservoir.metric.RepurchaseInPeriod;
import dev.reservoir.metric.RepurchaseLadder;
import dev.reservoir.metric.RepurchaseSplit;
import dev.reservoir.time.AsOf;
import dev.reservoir.time.PeriodUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

/**
 * {@code reservoir repurchase [--period month] [--periods 12] [--within 30,90] [--ladder 5]
 * [--look-back DAYS] [--split paid_member] [--as-of D] [--known-at T]}: repurchase (a) within
 * each period, (b) of first-time buyers within W days, (c) the order ladder, optionally split by
 * a customer attribute (d).
 */
@Command(name = "repurchase", mixinStandardHelpOptions = true, sortOptions = false)
final class RepurchaseCommand implements Callable<Integer> {
    @Mixin
    private SharedOptions shared;

    @Mixin
    private ServerOptions server;

    @Option(names = "--period", paramLabel = "UNIT", defaultValue = "month", descriptionKey = "repurchase-period")
    private String period;

    @Option(names = "--periods", paramLabel = "N", defaultValue = "12", descriptionKey = "repurchase-periods")
    private int periods;

    @Option(names = "--within", paramLabel = "DAYS", split = ",", defaultValue = "30,90",
            descriptionKey = "repurchase-within")
    private List<Integer> within;

    @Option(names = "--ladder", paramLabel = "N", defaultValue = "5", descriptionKey = "repurchase-ladder")
    private int ladder;

    @Option(names = "--look-back", paramLabel = "DAYS", descriptionKey = "repurchase-look-back")
    private Integer lookBack;

    @Option(names = "--split", paramLabel = "ATTRIBUTE", descriptionKey = "repurchase-split")
    private String split;

    @Mixin
    private AsOfOptions asOf;

    @Override
    public Integer call() {
        return shared.run(texts -> {
            if (server.given(shared)) {
                return server.forward(shared, "metrics/repurchase");
            }
            PeriodUnit unit = periodUnit(period);
            Optional<RepurchaseSplit> by = split == null ? Optional.empty() : Optional.of(RepurchaseSplit.parse(split));
            try (Engine engine = shared.openEngine()) {
                TenantStore store = engine.store(shared.tenant());
                AsOf at = asOf.resolve(store, shared);
                RepurchaseView.Report report = new RepurchaseView.Report(store.tenant(),
                        store.repurchase().inPeriod(new RepurchaseInPeriod(unit, periods, at, by)),
                        store.repurchase().afterFirst(new RepurchaseAfterFirst(unit, periods, within, at, by)),
                        store.repurchase().ladder(new RepurchaseLadder(ladder,
                                lookBack == null ? OptionalInt.empty() : OptionalInt.of(lookBack), at, by)));
                shared.print(() -> RepurchaseView.table(report, texts), () -> RepurchaseView.json(report));
            }
            return 0;
        });
    }

    /** {@code day}, {@code week}, {@code month}, {@code quarter} or {@code year}. */
    static PeriodUnit periodUnit(String text) {
        return PeriodUnit.fromWireName(text.strip().toLowerCase(Locale.ROOT)).orElseThrow(() ->
                new ReservoirException(ErrorCode.INVALID_PARAMETER, "--period",
                        Localizable.of("day, week, month, quarter or year", "day、week、month、quarter 或 year"), text));
    }
}
