package dev.reservoir.metric;

/**
 * The cohort retention in the modes on, on or after and within, and N-day retention of new members (SPEC metric 5), as an engine computes them. Each method takes a definition record (its
 * parameters, including the as-of date and known-at) and returns a result record.
 */
public interface RetentionMetrics {
}
