package dev.reservoir.metric;

import java.util.Objects;

/**
 * A churn definition (SPEC metric 1): which activity counts, the warning day W and the churn
 * window N, both in calendar days of the tenant's zone.
 *
 * <p>Customer c <em>reaches the churn standard</em> on day L + N when L is a day c was active
 * and c was not active on any day in (L, L + N]. As of D, c is <em>churned</em> when
 * D − last activity ≥ N and <em>silent</em> (early warning) when W ≤ D − last activity &lt; N.
 *
 * @param activity    the event types that make a customer active
 * @param warningDays W: days of silence after which a customer is on the early-warning list
 * @param churnDays   N: days of silence after which a customer is churned; 0 &lt; W &lt; N
 */
public record ChurnRule(Activity activity, int warningDays, int churnDays) {
    public ChurnRule {
        Objects.requireNonNull(activity, "activity");
        if (churnDays < 2) {
            throw new IllegalArgumentException("the churn window N must be at least 2 days (it must exceed the warning day W > 0), was " + churnDays);
        }
        if (warningDays <= 0 || warningDays >= churnDays) {
            throw new IllegalArgumentException("the warning day W must satisfy 0 < W < N = " + churnDays
                    + ", was " + warningDays);
        }
    }

    public static ChurnRule of(ChurnPreset preset) {
        return preset.rule(Activity.ORDERS);
    }
}
