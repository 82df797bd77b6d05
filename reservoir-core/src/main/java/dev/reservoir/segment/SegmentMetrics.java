package dev.reservoir.segment;

import java.util.List;

/**
 * The per-customer facts segments are built on, as an engine computes them. Scoring, stages and
 * tags are then computed by the engine-independent code of this package (and the tag module),
 * so every engine gives the same classes from the same facts.
 */
public interface SegmentMetrics {
    /** One row per customer seen or registered up to D, in no particular order. */
    List<SegmentFacts> facts(SegmentFactsQuery query);
}
