package dev.reservoir.metric;

import java.util.List;

/** Funnels (SPEC metric 9), as an engine computes them. */
public interface FunnelMetrics {
    /** Reached, conversion, drop-off and time to convert per step (and per group of the split). */
    FunnelResult funnel(Funnel definition);

    /**
     * The people who entered and did not reach the last step, by last step reached, then id;
     * {@code droppedAt} (2 .. steps) keeps only those who reached the step before it and not it,
     * empty keeps all.
     */
    List<FunnelDropOff> dropOffs(Funnel definition, java.util.OptionalInt droppedAt);
}
