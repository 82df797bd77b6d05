package dev.reservoir.engine;

import dev.reservoir.event.Tenant;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a tenant holds ({@code reservoir info}).
 *
 * @param customers        distinct customer ids seen in events
 * @param profiles         customer profiles imported ({@code import --customers}) by known-at
 * @param events           stored events
 * @param anonymousEvents  events without a customer id
 * @param eventsByType     event count per type wire name
 * @param orders           distinct order ids of purchases (a purchase without an order id
 *                         counts as its own order)
 * @param revenue          sum of purchase amounts
 * @param refunds          sum of refund amounts (negative or zero)
 * @param firstDate        local date of the first event, {@code null} when there are none
 * @param lastDate         local date of the last event
 * @param imports          imports recorded by known-at
 */
public record TenantSummary(
        Tenant tenant,
        long customers,
        long profiles,
        long events,
        long anonymousEvents,
        Map<String, Long> eventsByType,
        long orders,
        BigDecimal revenue,
        BigDecimal refunds,
        LocalDate firstDate,
        LocalDate lastDate,
        long imports) {

    public TenantSummary {
        Objects.requireNonNull(tenant, "tenant");
        eventsByType = java.util.Collections.unmodifiableMap(new TreeMap<>(eventsByType));
        Objects.requireNonNull(revenue, "revenue");
        Objects.requireNonNull(refunds, "refunds");
    }
}
