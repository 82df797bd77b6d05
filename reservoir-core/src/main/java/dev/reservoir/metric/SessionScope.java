package dev.reservoir.metric;

import dev.reservoir.time.AsOf;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Which sessions a behaviour metric reads (SPEC metric 8). A person's events (up to the end of
 * the as-of date, known by its known-at) are taken in time order and split into sessions where
 * {@code timeout} or more passes without an event (Matomo's rule: a gap of exactly 30 minutes
 * starts a new session). Sessions are not cut at midnight: a session belongs to the tenant-zone
 * date of its first event, and the metric reads the sessions that began in {@code [from, D]}.
 *
 * <p>A person is a customer, or an anonymous visitor until they identify: a visitor id that an
 * event carries together with a customer id (a {@code register}, a login, an imported mapping)
 * is that customer's, for all of its events, earlier ones too; a visitor seen with several
 * customers is the one of its earliest such event. Events the merchant does
 * ({@code message_sent}, {@code coupon_sent}) are not behaviour and never make a session. Events
 * at the same instant are taken in order of type, page and event id.
 *
 * @param from    first date of the period (tenant zone), at most the as-of date
 * @param timeout the inactivity that ends a session; default 30 minutes
 */
public record SessionScope(AsOf asOf, LocalDate from, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    public SessionScope {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(timeout, "timeout");
        if (from.isAfter(asOf.date())) {
            throw new IllegalArgumentException("from (" + from + ") is after the as-of date " + asOf.date());
        }
        if (timeout.getSeconds() < 1 || timeout.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("timeout must be between 1 second and 1 day, was " + timeout);
        }
    }

    /** The 30 days ending on the as-of date, 30-minute sessions. */
    public static SessionScope of(AsOf asOf) {
        return new SessionScope(asOf, asOf.date().minusDays(29), DEFAULT_TIMEOUT);
    }

    public SessionScope from(LocalDate value) {
        return new SessionScope(asOf, value, timeout);
    }

    public SessionScope timeout(Duration value) {
        return new SessionScope(asOf, from, value);
    }
}
