package dev.reservoir.metric;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * What an engine counts for one cohort; every mode's cells follow from it (see
 * {@link RetentionMode#retained}). Offsets are periods after the cohort's period, 0 being the
 * cohort's own; a member's returns are only those on or after its entry date, the entry event
 * itself excluded.
 *
 * @param start       first day of the cohort's period
 * @param size        members: customers whose entry date falls in the period (up to the as-of date)
 * @param returnedIn  offset k to the members with a return in period k
 * @param lastReturn  offset k to the members whose last return (up to the as-of date) is in period k
 * @param firstLater  offset k ≥ 1 to the members whose first return after period 0 is in period k
 */
public record CohortRetentionCounts(LocalDate start, long size, Map<Integer, Long> returnedIn,
                                    Map<Integer, Long> lastReturn, Map<Integer, Long> firstLater) {
    public CohortRetentionCounts {
        Objects.requireNonNull(start, "start");
        if (size < 0) {
            throw new IllegalArgumentException("size must be at least 0, was " + size);
        }
        returnedIn = Map.copyOf(returnedIn);
        lastReturn = Map.copyOf(lastReturn);
        firstLater = Map.copyOf(firstLater);
    }

    /** An empty cohort: no member entered in the period. */
    public static CohortRetentionCounts empty(LocalDate start) {
        return new CohortRetentionCounts(start, 0, Map.of(), Map.of(), Map.of());
    }

    /** Members with a return in period k. */
    public long returnedIn(int k) {
        return returnedIn.getOrDefault(k, 0L);
    }

    /** Members with a return in period k or later: their last return is at k or later. */
    public long lastReturnAtOrAfter(int k) {
        return lastReturn.entrySet().stream().filter(e -> e.getKey() >= k).mapToLong(Map.Entry::getValue).sum();
    }

    /** Members with a return in periods 1..k: their first return after period 0 is at most k. */
    public long firstLaterReturnAtOrBefore(int k) {
        return firstLater.entrySet().stream().filter(e -> e.getKey() >= 1 && e.getKey() <= k)
                .mapToLong(Map.Entry::getValue).sum();
    }
}
