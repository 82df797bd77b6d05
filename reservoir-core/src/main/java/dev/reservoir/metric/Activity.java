package dev.reservoir.metric;

import dev.reservoir.event.EventType;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which event types count as "active" for a metric. SPEC: the default activity is orders
 * (purchases); a definition may name others, e.g. visits for an app.
 */
public record Activity(Set<EventType> types) {
    public static final Activity ORDERS = new Activity(EnumSet.of(EventType.PURCHASE));
    public static final Activity VISITS = new Activity(EnumSet.of(EventType.VISIT, EventType.PAGE_VIEW));

    public Activity {
        if (types == null || types.isEmpty()) {
            throw new IllegalArgumentException("an activity needs at least one event type");
        }
        types = Collections.unmodifiableSet(EnumSet.copyOf(types));
    }

    /** The wire names, sorted, for SQL lists and output: {@code ["purchase"]}. */
    public java.util.List<String> wireNames() {
        return types.stream().map(EventType::wireName).sorted().toList();
    }

    @Override
    public String toString() {
        return types.stream().map(EventType::wireName).sorted().collect(Collectors.joining(","));
    }
}
