package dev.reservoir.metric;

/**
 * The repurchase (a) to (d) and annual customer retention (SPEC metrics 6 and 7), as an engine computes them. Each method takes a definition record (its
 * parameters, including the as-of date and known-at) and returns a result record.
 */
public interface RepurchaseMetrics {
}
