package dev.reservoir.model;

import java.util.Arrays;
import java.util.List;

/**
 * The per-customer features an engine computes for the churn-risk model, as of F. Days are
 * calendar days of the tenant's zone; "activity" is the churn rule's activity, "orders" are
 * purchases counted once per order on the order's date. A feature that is undefined for a
 * customer (a gap with fewer than two activity days, an order value without orders) is NaN:
 * gradient-boosted trees learn where missing values go, which is better than a made-up 0.
 */
public enum RiskFeature {
    /** F − last activity day. */
    RECENCY_DAYS("recency_days"),
    /** F − first day with any event of the customer. */
    TENURE_DAYS("tenure_days"),
    /** Days with activity up to F. */
    ACTIVE_DAYS("active_days"),
    /** Activity days in (F − 30, F]. */
    ACTIVE_DAYS_30("active_days_30"),
    /** Activity days in (F − 90, F]. */
    ACTIVE_DAYS_90("active_days_90"),
    /** Orders up to F. */
    ORDERS("orders"),
    /** Orders in (F − 90, F]. */
    ORDERS_90("orders_90"),
    /** Sum of purchase amounts up to F (refunds not subtracted). */
    MONEY("money"),
    /** Sum of purchase amounts in (F − 90, F]. */
    MONEY_90("money_90"),
    /** money / orders; NaN without orders. */
    AVG_ORDER_VALUE("avg_order_value"),
    /** F − last order date; NaN without orders. */
    DAYS_SINCE_ORDER("days_since_order"),
    /** Mean gap in days between consecutive activity days; NaN with fewer than two. */
    GAP_MEAN("gap_mean"),
    /** The gap between the last two activity days; NaN with fewer than two. */
    GAP_LAST("gap_last"),
    /** gap_last / gap_mean: above 1 the customer is slowing down. */
    GAP_TREND("gap_trend"),
    /** recency_days / gap_mean: how overdue the next visit is against the customer's own rhythm. */
    OVERDUE("overdue"),
    /** Days with a visit or page view in (F − 30, F]. */
    VISIT_DAYS_30("visit_days_30"),
    /** Days with a visit or page view in (F − 90, F]. */
    VISIT_DAYS_90("visit_days_90"),
    /** Events of any type in (F − 30, F]. */
    EVENTS_30("events_30"),
    /** Days with a complaint up to F. */
    COMPLAINT_DAYS("complaint_days"),
    /** Days with a complaint in (F − 90, F]. */
    COMPLAINT_DAYS_90("complaint_days_90"),
    /** Refund events up to F. */
    REFUNDS("refunds"),
    /** 1 when the first event is less than N days before F (a new customer, lifecycle "new"), else 0. */
    IS_NEW("is_new"),
    /** 1 when recency_days ≥ W (on the early-warning list, lifecycle "silent"), else 0. */
    IS_SILENT("is_silent");

    private final String wireName;

    RiskFeature(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the SQL result, the model file and the outputs. */
    public String wireName() {
        return wireName;
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(RiskFeature::wireName).toList();
    }
}
