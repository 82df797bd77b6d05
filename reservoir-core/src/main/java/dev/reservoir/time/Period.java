package dev.reservoir.time;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One calendar period of a tenant: {@code [start, end]}, both local dates, inclusive. A period
 * whose last day is after the as-of date is <em>incomplete</em>: its figures are shown as such,
 * never as final, and never as zero.
 */
public record Period(PeriodUnit unit, LocalDate start, LocalDate end, boolean complete) {
    public Period {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("period ends " + end + " before it starts " + start);
        }
    }

    /** The {@code count} periods ending with the one that holds {@code asOf}, oldest first. */
    public static List<Period> lastPeriods(PeriodUnit unit, LocalDate asOf, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        List<Period> periods = new ArrayList<>();
        LocalDate current = unit.start(asOf);
        for (int i = count - 1; i >= 0; i--) {
            periods.add(unit.periodOf(unit.plus(current, -i), asOf));
        }
        return periods;
    }

    /** The period after this one. */
    public Period next(LocalDate asOf) {
        return unit.periodOf(end.plusDays(1), asOf);
    }

    /** Days in the period. */
    public long days() {
        return end.toEpochDay() - start.toEpochDay() + 1;
    }
}
