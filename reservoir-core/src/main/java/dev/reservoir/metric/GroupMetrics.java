package dev.reservoir.metric;

/** Groups (社群, SPEC metric 11), as an engine computes them. */
public interface GroupMetrics {
    /** Group churn, active members and average daily online time per period and group. */
    GroupChurnResult churn(GroupChurn definition);
}
