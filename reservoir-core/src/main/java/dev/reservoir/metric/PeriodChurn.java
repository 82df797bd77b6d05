package dev.reservoir.metric;

import dev.reservoir.time.AsOf;
import dev.reservoir.time.Period;
import dev.reservoir.time.PeriodUnit;

import java.util.List;
import java.util.Objects;

/**
 * Period-over-period churn (SPEC metric 2): of the customers active in P, the share not active
 * in the period after P. (100 active this month, 70 of them next month: 30%.)
 *
 * <p>The {@code periods} pairs are chosen so that the last "next" period is the one holding the
 * as-of date D: pairs whose next period ends after D are marked incomplete (the customers may
 * still come back before that period ends), never dropped.
 */
public record PeriodChurn(Activity activity, PeriodUnit unit, int periods, AsOf asOf) {
    public PeriodChurn {
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(asOf, "asOf");
        if (periods < 1) {
            throw new IllegalArgumentException("periods must be at least 1, was " + periods);
        }
    }

    /** The periods P of the pairs, oldest first: the {@code periods} before the one holding D. */
    public List<Period> periodList() {
        return Period.lastPeriods(unit, asOf.date(), periods + 1).subList(0, periods);
    }

    /**
     * One pair (P, next).
     *
     * @param active   customers active on a day in P
     * @param retained of {@code active}, those also active in the next period (up to D)
     * @param lost     active − retained
     * @param rate     lost ÷ active; {@code null} when nobody was active in P
     */
    public record Row(Period period, Period next, long active, long retained, long lost, Double rate) {
        public Row {
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(next, "next");
            if (retained < 0 || retained > active || lost != active - retained) {
                throw new IllegalArgumentException("counts out of range: active " + active + ", retained "
                        + retained + ", lost " + lost);
            }
        }

        /** False while the next period has not fully elapsed by D: the figure may still fall. */
        public boolean complete() {
            return next.complete();
        }
    }

    public record Result(PeriodChurn definition, List<Row> rows) {
        public Result {
            Objects.requireNonNull(definition, "definition");
            rows = List.copyOf(rows);
        }
    }
}
