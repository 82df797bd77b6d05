package dev.reservoir.metric;

import dev.reservoir.time.AsOf;

import java.util.List;
import java.util.Objects;

/**
 * N-day retention of new members (SPEC metric 5: 7-day, 30-day retention): of the customers who
 * entered on day d, those who returned on a date in (d, d + N] ("within N days") and those who
 * returned on day d + N itself ("on day N"), summed over every entry day d whose window is
 * complete by the as-of date D, i.e. d + N ≤ D. Returns follow {@link CohortRetention}'s rules:
 * a purchase returns on its order's date; {@code register} events never return.
 *
 * @param days the N, each at least 1, reported in the order given (default 7 and 30)
 */
public record NDayRetention(RetentionEntry entry, Activity returning, List<Integer> days, AsOf asOf) {
    public static final List<Integer> DEFAULT_DAYS = List.of(7, 30);

    public NDayRetention {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(returning, "returning");
        Objects.requireNonNull(asOf, "asOf");
        days = List.copyOf(days);
        if (days.isEmpty()) {
            throw new IllegalArgumentException("at least one N is needed");
        }
        for (int n : days) {
            if (n < 1 || n > 3660) {
                throw new IllegalArgumentException("N must be between 1 and 3660 days, was " + n);
            }
        }
        if (days.stream().distinct().count() != days.size()) {
            throw new IllegalArgumentException("each N may be given once, was " + days);
        }
    }

    public static NDayRetention defaults(RetentionEntry entry, Activity returning, AsOf asOf) {
        return new NDayRetention(entry, returning, DEFAULT_DAYS, asOf);
    }
}
