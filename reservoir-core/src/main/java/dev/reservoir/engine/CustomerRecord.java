package dev.reservoir.engine;

import dev.reservoir.event.Customer;
import dev.reservoir.event.Event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the store holds about one customer as of D, for the customer lookup: the profile (the
 * latest one imported by known-at), the first and last event of any type up to D, the visitor ids
 * seen on the customer's events, and the timeline: the newest events, newest first (then event
 * id, descending), at most the limit asked for, with the total beside it.
 *
 * @param firstSeen   the earliest event up to D, {@code null} without events
 * @param lastSeen    the latest event up to D, {@code null} without events
 * @param visitorIds  distinct visitor ids on the customer's events up to D, sorted
 * @param timeline    newest first
 * @param totalEvents every event of the customer up to D (known by known-at)
 */
public record CustomerRecord(String customerId, Optional<Customer> profile, Instant firstSeen, Instant lastSeen,
                             List<String> visitorIds, List<Event> timeline, long totalEvents) {
    public CustomerRecord {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(profile, "profile");
        visitorIds = List.copyOf(visitorIds);
        timeline = List.copyOf(timeline);
        if (totalEvents < timeline.size()) {
            throw new IllegalArgumentException(customerId + ": " + timeline.size() + " events shown of a total of " + totalEvents);
        }
    }

    /** Whether the store knows the customer at all: an event up to D or a profile. */
    public boolean known() {
        return totalEvents > 0 || profile.isPresent();
    }
}
