package dev.reservoir.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * The point a report is computed at: only events up to the end of {@code date} (in the
 * tenant's zone) count, and with {@code knownAt} only those ingested by then, so a past report
 * can be reproduced exactly even after late events arrived.
 */
public record AsOf(LocalDate date, Optional<Instant> knownAt) {
    public AsOf {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(knownAt, "knownAt");
    }

    public static AsOf of(LocalDate date) {
        return new AsOf(date, Optional.empty());
    }

    public AsOf knownAt(Instant instant) {
        return new AsOf(date, Optional.of(instant));
    }

    /** The first instant after {@code date} in {@code zone}: events strictly before it count. */
    public Instant endExclusive(ZoneId zone) {
        return date.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
