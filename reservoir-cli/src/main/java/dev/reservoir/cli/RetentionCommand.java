package dev.reservoir.cli;

import dev.reservoir.engine.Engine;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.EventType;
import dev.reservoir.metric.Activity;
import dev.reservoir.metric.CohortRetention;
import dev.reservoir.metric.NDayRetention;
import dev.reservoir.metric.RetentionEntry;
import dev.reservoir.metric.RetentionMode;
import dev.reservoir.time.AsOf;
import dev.reservoir.time.PeriodUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code reservoir retention}: the cohort retention matrix (a triangle: rows are cohorts with
 * their sizes, columns offsets), or with {@code --n-day 7,30} the N-day retention of new members.
 */
@Command(name = "retention", mixinStandardHelpOptions = true, sortOptions = false)
final class RetentionCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private SharedOptions shared;

    @Mixin
    private ServerOptions server;

    @Option(names = "--entry", paramLabel = "registration|first-purchase", converter = EntryConverter.class,
            descriptionKey = "retention.entry")
    private RetentionEntry entry = RetentionEntry.FIRST_PURCHASE;

    @Option(names = "--returning", paramLabel = "TYPE[,TYPE...]", converter = ActivityConverter.class,
            descriptionKey = "retention.returning")
    private Activity returning = Activity.ORDERS;

    @Option(names = "--period", paramLabel = "day|week|month", converter = PeriodConverter.class,
            descriptionKey = "retention.period")
    private PeriodUnit period = PeriodUnit.MONTH;

    @Option(names = "--mode", paramLabel = "on|on-or-after|within", converter = ModeConverter.class,
            descriptionKey = "retention.mode")
    private RetentionMode mode = RetentionMode.ON;

    @Option(names = "--offsets", paramLabel = "K", defaultValue = "12", descriptionKey = "retention.offsets")
    private int offsets;

    @Option(names = "--cohorts", paramLabel = "N", defaultValue = "12", descriptionKey = "retention.cohorts")
    private int cohorts;

    @Option(names = "--n-day", paramLabel = "N[,N...]", converter = DaysConverter.class,
            descriptionKey = "retention.n-day")
    private List<Integer> nDays;

    @Mixin
    private AsOfOptions asOf;

    @Override
    public Integer call() {
        // Checked before the engine opens, as a usage error (exit 2) naming the option.
        check("--offsets", offsets, 0);
        check("--cohorts", cohorts, 1);
        return shared.run(texts -> {
            if (server.given(shared)) {
                return server.forward(shared, "metrics/retention");
            }
            try (Engine engine = shared.openEngine()) {
                TenantStore store = engine.store(shared.tenant());
                AsOf at = asOf.resolve(store, shared);
                if (nDays != null) {
                    var result = store.retention().nDay(new NDayRetention(entry, returning, nDays, at));
                    shared.print(() -> RetentionView.table(store.tenant(), result, texts),
                            () -> RetentionView.json(store.tenant(), result),
                            () -> RetentionView.csv(result));
                } else {
                    CohortRetention definition = new CohortRetention(entry, returning, period, mode, offsets, cohorts, at);
                    var result = store.retention().cohorts(definition);
                    shared.print(() -> RetentionView.table(store.tenant(), result, texts),
                            () -> RetentionView.json(store.tenant(), result),
                            () -> RetentionView.csv(result));
                }
            }
            return 0;
        });
    }

    private void check(String option, int value, int min) {
        if (value < min || value > CohortRetention.MAX_PERIODS) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': expected "
                    + min + " to " + CohortRetention.MAX_PERIODS + ", was '" + value + "'");
        }
    }

    static final class EntryConverter implements ITypeConverter<RetentionEntry> {
        @Override
        public RetentionEntry convert(String value) {
            return RetentionEntry.fromWireName(value.strip().toLowerCase(Locale.ROOT)).orElseThrow(() ->
                    new TypeConversionException("expected registration or first-purchase, was '" + value + "'"));
        }
    }

    static final class ModeConverter implements ITypeConverter<RetentionMode> {
        @Override
        public RetentionMode convert(String value) {
            return RetentionMode.fromWireName(value.strip().toLowerCase(Locale.ROOT)).orElseThrow(() ->
                    new TypeConversionException("expected on, on-or-after or within, was '" + value + "'"));
        }
    }

    static final class PeriodConverter implements ITypeConverter<PeriodUnit> {
        @Override
        public PeriodUnit convert(String value) {
            return PeriodUnit.fromWireName(value.strip().toLowerCase(Locale.ROOT))
                    .filter(u -> u == PeriodUnit.DAY || u == PeriodUnit.WEEK || u == PeriodUnit.MONTH)
                    .orElseThrow(() -> new TypeConversionException("expected day, week or month, was '" + value + "'"));
        }
    }

    /** Event type wire names, comma-separated: {@code purchase,visit}. */
    static final class ActivityConverter implements ITypeConverter<Activity> {
        @Override
        public Activity convert(String value) {
            Set<EventType> types = EnumSet.noneOf(EventType.class);
            for (String name : value.split(",", -1)) {
                types.add(EventType.fromWireName(name.strip().toLowerCase(Locale.ROOT)).orElseThrow(() ->
                        new TypeConversionException("expected event types among " + EventType.wireNames()
                                + ", was '" + value + "'")));
            }
            return new Activity(types);
        }
    }

    /** Day counts, comma-separated: {@code 7,30}. */
    static final class DaysConverter implements ITypeConverter<List<Integer>> {
        @Override
        public List<Integer> convert(String value) {
            List<Integer> days = new ArrayList<>();
            for (String part : value.split(",", -1)) {
                try {
                    int n = Integer.parseInt(part.strip());
                    if (n < 1 || n > 3660 || days.contains(n)) {
                        throw new NumberFormatException();
                    }
                    days.add(n);
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("expected distinct day counts from 1 to 3660 such as 7,30, was '"
                            + value + "'");
                }
            }
            return days;
        }
    }
}
