package dev.reservoir.metric;

import dev.reservoir.event.EventType;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A reason a customer stated: a {@code complaint} or {@code survey} event and its canonical
 * {@code properties.reason} (SPEC, "Canonical properties"), {@code null} when the event has none.
 * What the report's churn-reasons section counts.
 *
 * @param date the event's local date in the tenant's zone
 */
public record StatedReason(String customerId, LocalDate date, EventType type, String reason) {
    public StatedReason {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(type, "type");
        if (type != EventType.COMPLAINT && type != EventType.SURVEY) {
            throw new IllegalArgumentException("a stated reason comes from a complaint or a survey, not " + type.wireName());
        }
        reason = reason == null || reason.isBlank() ? null : reason.strip();
    }
}
