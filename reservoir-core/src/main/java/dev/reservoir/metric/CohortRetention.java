package dev.reservoir.metric;

import dev.reservoir.time.AsOf;
import dev.reservoir.time.Period;
import dev.reservoir.time.PeriodUnit;

import java.util.List;
import java.util.Objects;

/**
 * Cohort retention (SPEC metric 5, 留存): the customers whose entry falls in a period form a
 * cohort; a member is retained at offset k when it did the returning activity in the k-th period
 * after its cohort's, as the {@link RetentionMode} reads it.
 *
 * <p>Returns in period 0 are those on or after the member's entry date, the entry itself
 * excluded: with {@link RetentionEntry#FIRST_PURCHASE} and purchases returning, "returned in
 * period 0" means another order in the entry period (even on the entry day); with
 * {@link RetentionEntry#REGISTRATION}, {@code register} events never count as returns.
 * A purchase returns on its order's date (the earliest date of its lines).
 *
 * @param entry     what puts a customer into a cohort
 * @param returning the event types that count as a return (default: orders)
 * @param unit      the cohort and offset period: day, ISO week, month (quarter, year allowed)
 * @param mode      on, on or after, within
 * @param offsets   the last offset reported (cells 0..offsets)
 * @param cohorts   how many cohorts, the last being the period that holds the as-of date
 * @param asOf      the as-of date D and optional known-at
 */
public record CohortRetention(RetentionEntry entry, Activity returning, PeriodUnit unit, RetentionMode mode,
                              int offsets, int cohorts, AsOf asOf) {
    /** Upper bound of {@code offsets} and {@code cohorts}: a matrix anyone can read. */
    public static final int MAX_PERIODS = 1000;

    public CohortRetention {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(returning, "returning");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(asOf, "asOf");
        if (offsets < 0 || offsets > MAX_PERIODS) {
            throw new IllegalArgumentException("offsets must be between 0 and " + MAX_PERIODS + ", was " + offsets);
        }
        if (cohorts < 1 || cohorts > MAX_PERIODS) {
            throw new IllegalArgumentException("cohorts must be between 1 and " + MAX_PERIODS + ", was " + cohorts);
        }
    }

    /** Monthly cohorts by first purchase, orders returning, mode on, 12 offsets, 12 cohorts. */
    public static CohortRetention defaults(AsOf asOf) {
        return new CohortRetention(RetentionEntry.FIRST_PURCHASE, Activity.ORDERS, PeriodUnit.MONTH,
                RetentionMode.ON, 12, 12, asOf);
    }

    public CohortRetention withMode(RetentionMode other) {
        return new CohortRetention(entry, returning, unit, other, offsets, cohorts, asOf);
    }

    /** The cohorts' periods, oldest first; the last holds the as-of date and is incomplete unless it ends on it. */
    public List<Period> cohortPeriods() {
        return Period.lastPeriods(unit, asOf.date(), cohorts);
    }

    /**
     * Assembles the result from an engine's counts: one row per cohort period (a period without
     * counts is an empty cohort), cells for the offsets whose period has begun by D.
     */
    public CohortRetentionResult result(List<CohortRetentionCounts> counts) {
        java.util.Map<java.time.LocalDate, CohortRetentionCounts> byStart = new java.util.HashMap<>();
        counts.forEach(c -> byStart.put(c.start(), c));
        List<CohortRetentionResult.Cohort> rows = new java.util.ArrayList<>();
        for (Period period : cohortPeriods()) {
            CohortRetentionCounts c = byStart.getOrDefault(period.start(), CohortRetentionCounts.empty(period.start()));
            List<CohortRetentionResult.Cell> cells = new java.util.ArrayList<>();
            for (int k = 0; k <= offsets; k++) {
                Period cellPeriod = unit.periodOf(unit.plus(period.start(), k), asOf.date());
                if (cellPeriod.start().isAfter(asOf.date())) {
                    break; // not begun: no cell at all (the triangle's empty corner)
                }
                Long retained = mode.retained(c, k);
                cells.add(new CohortRetentionResult.Cell(k, cellPeriod, retained,
                        retained == null ? null : Rates.rate(retained, c.size())));
            }
            rows.add(new CohortRetentionResult.Cohort(period, c.size(), cells));
        }
        return new CohortRetentionResult(this, rows);
    }
}
