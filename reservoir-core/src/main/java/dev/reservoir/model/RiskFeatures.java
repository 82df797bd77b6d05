package dev.reservoir.model;

import dev.reservoir.metric.ChurnRule;
import dev.reservoir.time.AsOf;

import java.util.Objects;

/**
 * The behaviour features of the learned churn risk, as of a date F (the as-of date; known-at
 * applies), for every customer of the <b>population</b>: customers with an activity day (the
 * rule's activity) on or before F who are not yet churned at F, i.e. F − last activity &lt; N.
 * Every feature reads only events with a local date ≤ F, so the same store with every later
 * event deleted gives the same rows. The features are {@link RiskFeature}'s, in its order.
 */
public record RiskFeatures(AsOf at, ChurnRule rule) {
    public RiskFeatures {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(rule, "rule");
    }
}
