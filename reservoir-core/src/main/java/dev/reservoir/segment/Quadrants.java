package dev.reservoir.segment;

import dev.reservoir.metric.SessionScope;
import dev.reservoir.time.AsOf;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Four quadrants (SPEC § Segments) as of D: for each person with a session that began in the 7
 * days ending on D, the active count = those sessions, and the dwell time = their average
 * length in seconds. Each axis is split at the median of the people classified (the mean of the
 * two middle values for an even count) unless a threshold is given; high = strictly above. The
 * week before (the 7 days ending on D − 7, computed as of D − 7) is classified the same way, for
 * the movement between quadrants.
 *
 * @param countThreshold   sessions in 7 days above which the count is high; empty: the median
 * @param dwellThreshold   average seconds above which the dwell time is high; empty: the median
 * @param includeVisitors  classify anonymous visitors too (by default only identified customers)
 */
public record Quadrants(AsOf asOf, Duration timeout, OptionalDouble countThreshold, OptionalDouble dwellThreshold,
                        boolean includeVisitors) {
    public static final int WINDOW_DAYS = 7;

    public Quadrants {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(countThreshold, "countThreshold");
        Objects.requireNonNull(dwellThreshold, "dwellThreshold");
        new SessionScope(asOf, asOf.date(), timeout); // checks the timeout
    }

    public static Quadrants of(AsOf asOf) {
        return new Quadrants(asOf, SessionScope.DEFAULT_TIMEOUT, OptionalDouble.empty(), OptionalDouble.empty(), false);
    }

    /** The scope of the week ending on D. */
    public SessionScope scope() {
        return new SessionScope(asOf, asOf.date().minusDays(WINDOW_DAYS - 1), timeout);
    }

    /** The scope of the week before, as of D − 7. */
    public SessionScope previousScope() {
        AsOf previous = new AsOf(asOf.date().minusDays(WINDOW_DAYS), asOf.knownAt());
        return new SessionScope(previous, previous.date().minusDays(WINDOW_DAYS - 1), timeout);
    }
}
