package dev.reservoir.risk;

import dev.reservoir.metric.ChurnRule;

import java.util.Objects;

/**
 * What the learned churn risk predicts and how it is judged.
 *
 * @param rule        the tenant's churn definition: which activity counts, W and N
 * @param horizonDays h: the label of a customer at F is "churned by the rule as of F + h"
 * @param topShare    k of "precision and recall at top k", a share of the customers (0.1 = 10%)
 */
public record RiskDefinition(ChurnRule rule, int horizonDays, double topShare) {
    public static final double DEFAULT_TOP_SHARE = 0.1;

    public RiskDefinition {
        Objects.requireNonNull(rule, "rule");
        if (horizonDays < 1 || horizonDays > 3660) {
            throw new IllegalArgumentException("the horizon must be 1 to 3660 days, was " + horizonDays);
        }
        if (!(topShare > 0 && topShare <= 1)) {
            throw new IllegalArgumentException("the top share must be in (0, 1], was " + topShare);
        }
    }

    /** The horizon h = N: the label is then "no activity in the next N days". */
    public static RiskDefinition of(ChurnRule rule) {
        return new RiskDefinition(rule, rule.churnDays(), DEFAULT_TOP_SHARE);
    }
}
