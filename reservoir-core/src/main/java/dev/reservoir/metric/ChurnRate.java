package dev.reservoir.metric;

import dev.reservoir.time.AsOf;
import dev.reservoir.time.Period;
import dev.reservoir.time.PeriodUnit;

import java.util.List;
import java.util.Objects;

/**
 * Churn rate per period (SPEC metric 1): for each of the {@code periods} calendar periods
 * ending with the one that holds the as-of date, customers of the active base at the start of
 * P who reached the churn standard on a day inside P (up to D for an incomplete P), divided by
 * the active base (customers active on a day in [start(P) − N, start(P) − 1]). The warning day
 * of the rule plays no part here.
 */
public record ChurnRate(ChurnRule rule, PeriodUnit unit, int periods, AsOf asOf) {
    public ChurnRate {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(asOf, "asOf");
        if (periods < 1) {
            throw new IllegalArgumentException("periods must be at least 1, was " + periods);
        }
    }

    /** The periods reported, oldest first; the last one holds the as-of date. */
    public List<Period> periodList() {
        return Period.lastPeriods(unit, asOf.date(), periods);
    }

    /**
     * One period's figures.
     *
     * @param base           customers active on a day in [start − N, start − 1]
     * @param churned        of {@code base}, those who reached the churn standard on a day in
     *                       [start, min(end, D)]; each counted once
     * @param rate           churned ÷ base; {@code null} when base is 0
     * @param joinedChurned  customers not in the base (active in P for the first time, or back
     *                       after more than N days) who already reached the standard within P;
     *                       reported beside the rate, never part of it
     */
    public record Row(Period period, long base, long churned, Double rate, long joinedChurned) {
        public Row {
            Objects.requireNonNull(period, "period");
            if (churned > base || churned < 0 || joinedChurned < 0) {
                throw new IllegalArgumentException("counts out of range: base " + base + ", churned " + churned
                        + ", joined and churned " + joinedChurned);
            }
        }
    }

    /** The result: the definition it answers and one row per period, oldest first. */
    public record Result(ChurnRate definition, List<Row> rows) {
        public Result {
            Objects.requireNonNull(definition, "definition");
            rows = List.copyOf(rows);
        }
    }
}
