package dev.reservoir.metric;

/**
 * The churn: inactivity churn rate, period-over-period churn, the return-gap curve (auto window) and the silent / churned customer lists (SPEC metrics 1-4), as an engine computes them. Each method takes a definition record (its
 * parameters, including the as-of date and known-at) and returns a result record.
 */
public interface ChurnMetrics {
    /** Churn rate per period: reached the churn standard during P ÷ active base at the start of P. */
    ChurnRate.Result churnRate(ChurnRate definition);

    /** Of the customers active in P, the share not active in the next period. */
    PeriodChurn.Result periodChurn(PeriodChurn definition);

    /** The return-gap curve and the recommended churn window N. */
    ReturnGaps.Result returnGaps(ReturnGaps definition);

    /** The silent (early-warning) or churned customer list. */
    InactiveCustomers.Result inactiveCustomers(InactiveCustomers definition);
}
