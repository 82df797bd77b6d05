package dev.reservoir.metric;

/**
 * The repurchase (a) to (d) and annual customer retention (SPEC metrics 6 and 7), as an engine computes them. Each method takes a definition record (its
 * parameters, including the as-of date and known-at) and returns a result record.
 */
public interface RepurchaseMetrics {
    /** (a) share of a period's buyers with two or more orders in it, per period (and group). */
    RepurchaseInPeriodResult inPeriod(RepurchaseInPeriod definition);

    /** (b) share of a period's first-time buyers who bought again within W days. */
    RepurchaseAfterFirstResult afterFirst(RepurchaseAfterFirst definition);

    /** (c) the order ladder: customers with at least k orders and the conversion to k + 1. */
    RepurchaseLadderResult ladder(RepurchaseLadder definition);

    /** Annual customer retention of year Y with its new / retained / reactivated split. */
    AnnualRetentionResult annual(AnnualRetention definition);
}
