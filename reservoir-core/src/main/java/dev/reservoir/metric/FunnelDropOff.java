package dev.reservoir.metric;

import java.time.Instant;
import java.util.Objects;

/**
 * A person who entered a funnel and stopped before its last step: ready for a campaign.
 *
 * @param id        the customer id, or the visitor id when {@code anonymous}
 * @param lastStep  the furthest step reached (1 .. steps − 1): they dropped at {@code lastStep + 1}
 * @param at        when they did that step (in their counted attempt)
 * @param group     their group of the funnel's split ({@link RepurchaseGroup#ALL} without a split)
 */
public record FunnelDropOff(String id, boolean anonymous, int lastStep, Instant at, RepurchaseGroup group) {
    public FunnelDropOff {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(group, "group");
    }
}
