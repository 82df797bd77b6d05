package dev.reservoir.engine;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The facts about one customer as of a date, the table segments, models and campaigns build
 * on. Dates are local dates in the tenant's zone.
 *
 * @param firstSeen    date of the first event of any type
 * @param lastSeen     date of the last event of any type
 * @param activeDays   distinct dates with any event
 * @param firstOrder   date of the first order, {@code null} if none
 * @param lastOrder    date of the last order, {@code null} if none
 * @param orders       distinct orders (SPEC: an order's lines share an order id)
 * @param orderDays    distinct dates with an order
 * @param revenue      sum of purchase amounts
 * @param refunds      refund events
 * @param paidMember   from the profile, {@code null} when unknown
 */
public record CustomerFacts(
        String customerId,
        LocalDate firstSeen,
        LocalDate lastSeen,
        long activeDays,
        LocalDate firstOrder,
        LocalDate lastOrder,
        long orders,
        long orderDays,
        BigDecimal revenue,
        long refunds,
        Boolean paidMember) {

    public CustomerFacts {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(revenue, "revenue");
    }
}
