package dev.reservoir.metric;

/**
 * The DAU, WAU, MAU and stickiness (SPEC metric 12), as an engine computes them. Each method takes a definition record (its
 * parameters, including the as-of date and known-at) and returns a result record.
 */
public interface ActivityMetrics {
    /** DAU, WAU, MAU, stickiness and the daily DAU series as of the definition's date. */
    ActivityCountsResult counts(ActivityCounts definition);
}
