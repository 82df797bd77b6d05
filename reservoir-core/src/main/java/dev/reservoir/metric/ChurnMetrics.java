package dev.reservoir.metric;

/**
 * The churn: inactivity churn rate, period-over-period churn, the return-gap curve (auto window) and the silent / churned customer lists (SPEC metrics 1-4), as an engine computes them. Each method takes a definition record (its
 * parameters, including the as-of date and known-at) and returns a result record.
 */
public interface ChurnMetrics {
}
