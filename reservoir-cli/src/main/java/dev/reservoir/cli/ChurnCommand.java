package dev.reservoir.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.Engine;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.metric.ChurnRate;
import dev.reservoir.metric.PeriodChurn;
import dev.reservoir.time.AsOf;
import dev.reservoir.time.Period;
import dev.reservoir.time.PeriodUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code reservoir churn}: churn rate per period (reached the churn standard during P ÷ active
 * base at the start of P), or with {@code --period-over-period} the share of P's customers not
 * active in the next period. {@code --preset auto} first prints the return-gap curve and the
 * recommended window, then uses it.
 */
@Command(name = "churn", mixinStandardHelpOptions = true, sortOptions = false)
final class ChurnCommand implements Callable<Integer> {
    @Mixin
    private SharedOptions shared;

    @Mixin
    private ServerOptions server;

    @Mixin
    private ChurnOptions churn;

    @Option(names = "--period", paramLabel = "day|week|month|quarter|year", defaultValue = "month",
            descriptionKey = "churn-period")
    private String period;

    @Option(names = "--periods", paramLabel = "K", defaultValue = "12", descriptionKey = "churn-periods")
    private int periods;

    @Option(names = "--period-over-period", descriptionKey = "churn-period-over-period")
    private boolean periodOverPeriod;

    @Mixin
    private AsOfOptions asOf;

    @Override
    public Integer call() {
        return shared.run(texts -> {
            if (server.given(shared)) {
                return server.forward(shared, "metrics/churn");
            }
            PeriodUnit unit = PeriodUnit.fromWireName(period).orElseThrow(() -> new ReservoirException(
                    ErrorCode.INVALID_PARAMETER, "--period",
                    Localizable.of("day, week, month, quarter or year", "day、week、month、quarter 或 year"), period));
            if (periods < 1 || periods > 1000) {
                throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "--periods",
                        Localizable.of("a number of periods from 1 to 1000", "1 到 1000 之间的周期数"), String.valueOf(periods));
            }
            try (Engine engine = shared.openEngine()) {
                TenantStore store = engine.store(shared.tenant());
                AsOf at = asOf.resolve(store, shared);
                ChurnOptions.Resolved r = churn.resolve(store, at);
                if (periodOverPeriod) {
                    PeriodChurn.Result result = store.churn().periodChurn(
                            new PeriodChurn(r.rule().activity(), unit, periods, at));
                    shared.print(() -> popTable(r, at, result, texts), () -> popJson(r, at, result), () -> popCsv(result));
                } else {
                    ChurnRate.Result result = store.churn().churnRate(new ChurnRate(r.rule(), unit, periods, at));
                    shared.print(() -> rateTable(r, at, result, texts), () -> rateJson(r, at, result), () -> rateCsv(result));
                }
            }
            return 0;
        });
    }

    private static String head(ChurnOptions.Resolved r, AsOf at, Texts texts) {
        StringBuilder b = new StringBuilder(ChurnOptions.definitionLine(r, at, texts));
        if (r.auto() != null) {
            b.append(ChurnOptions.autoSummary(r.auto(), texts));
        }
        return b.toString();
    }

    static String rateTable(ChurnOptions.Resolved r, AsOf at, ChurnRate.Result result, Texts texts) {
        StringBuilder b = new StringBuilder(head(r, at, texts));
        b.append(texts.format("churn.rate-formula", r.rule().churnDays())).append('\n');
        Table t = new Table("  ", false, false, true, true, true, true);
        t.row(texts.get("churn.period-start"), texts.get("churn.period-end"), texts.get("churn.base"),
                texts.get("churn.churned"), texts.get("churn.rate"), texts.get("churn.joined-churned"));
        boolean incomplete = false;
        for (ChurnRate.Row row : result.rows()) {
            incomplete |= !row.period().complete();
            t.row(row.period().start().toString(), end(row.period()), texts.count(row.base()),
                    texts.count(row.churned()), ChurnOptions.percent(row.rate(), texts.locale()),
                    texts.count(row.joinedChurned()));
        }
        b.append(t.render());
        if (incomplete) {
            b.append(texts.get("churn.incomplete-note")).append('\n');
        }
        return b.toString();
    }

    private static String end(Period p) {
        return p.end() + (p.complete() ? "" : " *");
    }

    static ObjectNode rateJson(ChurnOptions.Resolved r, AsOf at, ChurnRate.Result result) {
        ObjectNode node = Json.object();
        node.put("metric", "churn_rate");
        ObjectNode d = ChurnOptions.definitionJson(r, at);
        d.put("period", result.definition().unit().wireName());
        d.put("periods", result.definition().periods());
        node.set("definition", d);
        if (r.auto() != null) {
            node.set("auto", ChurnOptions.autoJson(r.auto()));
        }
        ArrayNode rows = node.putArray("rows");
        for (ChurnRate.Row row : result.rows()) {
            ObjectNode o = rows.addObject();
            o.put("start", row.period().start().toString()).put("end", row.period().end().toString())
                    .put("complete", row.period().complete()).put("base", row.base()).put("churned", row.churned())
                    .put("rate", row.rate()).put("joined_churned", row.joinedChurned());
        }
        return node;
    }

    static List<List<String>> rateCsv(ChurnRate.Result result) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("start", "end", "complete", "base", "churned", "rate", "joined_churned"));
        for (ChurnRate.Row row : result.rows()) {
            rows.add(List.of(row.period().start().toString(), row.period().end().toString(),
                    Boolean.toString(row.period().complete()), Long.toString(row.base()), Long.toString(row.churned()),
                    row.rate() == null ? "" : Double.toString(row.rate()), Long.toString(row.joinedChurned())));
        }
        return rows;
    }

    static String popTable(ChurnOptions.Resolved r, AsOf at, PeriodChurn.Result result, Texts texts) {
        StringBuilder b = new StringBuilder(head(r, at, texts));
        b.append(texts.get("churn.pop-formula")).append('\n');
        Table t = new Table("  ", false, false, true, true, true, true);
        t.row(texts.get("churn.period-start"), texts.get("churn.next-start"), texts.get("churn.active"),
                texts.get("churn.retained"), texts.get("churn.lost"), texts.get("churn.rate"));
        boolean incomplete = false;
        for (PeriodChurn.Row row : result.rows()) {
            incomplete |= !row.complete();
            t.row(row.period().start().toString(), row.next().start() + (row.complete() ? "" : " *"),
                    texts.count(row.active()), texts.count(row.retained()), texts.count(row.lost()),
                    ChurnOptions.percent(row.rate(), texts.locale()));
        }
        b.append(t.render());
        if (incomplete) {
            b.append(texts.get("churn.incomplete-next-note")).append('\n');
        }
        return b.toString();
    }

    static ObjectNode popJson(ChurnOptions.Resolved r, AsOf at, PeriodChurn.Result result) {
        ObjectNode node = Json.object();
        node.put("metric", "period_churn");
        ObjectNode d = ChurnOptions.definitionJson(r, at);
        d.put("period", result.definition().unit().wireName());
        d.put("periods", result.definition().periods());
        node.set("definition", d);
        if (r.auto() != null) {
            node.set("auto", ChurnOptions.autoJson(r.auto()));
        }
        ArrayNode rows = node.putArray("rows");
        for (PeriodChurn.Row row : result.rows()) {
            rows.addObject().put("start", row.period().start().toString()).put("end", row.period().end().toString())
                    .put("next_start", row.next().start().toString()).put("next_end", row.next().end().toString())
                    .put("complete", row.complete()).put("active", row.active()).put("retained", row.retained())
                    .put("lost", row.lost()).put("rate", row.rate());
        }
        return node;
    }

    static List<List<String>> popCsv(PeriodChurn.Result result) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("start", "end", "next_start", "next_end", "complete", "active", "retained", "lost", "rate"));
        for (PeriodChurn.Row row : result.rows()) {
            rows.add(List.of(row.period().start().toString(), row.period().end().toString(),
                    row.next().start().toString(), row.next().end().toString(), Boolean.toString(row.complete()),
                    Long.toString(row.active()), Long.toString(row.retained()), Long.toString(row.lost()),
                    row.rate() == null ? "" : Double.toString(row.rate())));
        }
        return rows;
    }
}
