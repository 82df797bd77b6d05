package dev.reservoir.metric;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The result of {@link ActivityCounts}.
 *
 * @param daily one entry per day from {@link ActivityCounts#seriesStart()} to D, oldest first;
 *              a day without activity is 0 (a real zero: the day has passed)
 */
public record ActivityCountsResult(ActivityCounts definition, long dau, long wau, long mau, List<Day> daily) {
    public ActivityCountsResult {
        Objects.requireNonNull(definition, "definition");
        daily = List.copyOf(daily);
        if (dau > wau || wau > mau && !definition.calendar()) {
            throw new IllegalArgumentException("DAU " + dau + ", WAU " + wau + ", MAU " + mau + " out of order");
        }
    }

    public record Day(LocalDate date, long activeCustomers) {
        public Day {
            Objects.requireNonNull(date, "date");
        }
    }

    /** Days the stickiness averages over (from the definition's stickiness start to D). */
    public long stickinessDays() {
        return definition.asOf().date().toEpochDay() - definition.stickinessStart().toEpochDay() + 1;
    }

    /** Sum of DAU over those days. */
    public long stickinessDauSum() {
        LocalDate start = definition.stickinessStart();
        return daily.stream().filter(d -> !d.date().isBefore(start)).mapToLong(Day::activeCustomers).sum();
    }

    /** Average DAU over those days. */
    public double averageDau() {
        return (double) stickinessDauSum() / stickinessDays();
    }

    /** Average DAU ÷ MAU, as one division of exact counts: sum ÷ (days × MAU); {@code null} when MAU is 0. */
    public Double stickiness() {
        return Rates.rate(stickinessDauSum(), stickinessDays() * mau);
    }
}
