package dev.reservoir.segment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What segments, lifecycle stages and tags know about one customer as of D (docs/segments.md,
 * "Customer facts"). Dates are local dates in the tenant's zone; a {@code null} date means
 * "never up to D". A customer is listed when it has an event on or before D or a profile
 * registered on or before D.
 *
 * @param registered        registration date from the profile, {@code null} if unknown
 * @param firstSeen         date of the first event of any type, {@code null} if none
 * @param lastActive        date of the last customer-initiated event (all types but
 *                          {@code message_sent} and {@code coupon_sent}), {@code null} if none
 * @param activeDays7       distinct dates with a customer-initiated event in [D − 6, D]
 * @param firstOrder        date of the first order (an order's date is that of its earliest line)
 * @param lastOrder         date of the last order
 * @param orders            distinct orders up to D
 * @param money             sum of purchase amounts up to D (refunds not subtracted)
 * @param windowOrders      F: distinct orders whose date is in the look-back window [D − L + 1, D]
 * @param windowMoney       M: sum of the amounts of those orders
 * @param windowLastOrder   date of the last order in the window, {@code null} when F = 0
 * @param windowRefunds     refund events in the window
 * @param firstActivity     first day active under the churn rule's activity
 * @param lastActivity      last day active under the churn rule's activity
 * @param lastReturn        the latest activity day that came N or more days after the previous
 *                          one (a return after reaching the churn standard), {@code null} if none
 * @param complaints        complaint events up to D
 * @param reviews           review events with a rating 1-5 up to D
 * @param fiveStarReviews   of those, rating 5
 * @param minRating         lowest rating, 0 when no review
 * @param averageRating     mean rating, {@code null} when no review
 * @param categories        distinct categories of purchase lines up to D, sorted
 * @param paidMember        from the profile, {@code null} when unknown
 * @param attributes        the profile's free key/values
 */
public record SegmentFacts(
        String customerId,
        LocalDate registered,
        LocalDate firstSeen,
        LocalDate lastActive,
        int activeDays7,
        LocalDate firstOrder,
        LocalDate lastOrder,
        long orders,
        BigDecimal money,
        long windowOrders,
        BigDecimal windowMoney,
        LocalDate windowLastOrder,
        long windowRefunds,
        LocalDate firstActivity,
        LocalDate lastActivity,
        LocalDate lastReturn,
        long complaints,
        long reviews,
        long fiveStarReviews,
        int minRating,
        Double averageRating,
        List<String> categories,
        Boolean paidMember,
        String memberTier,
        String storeId,
        String channel,
        Map<String, String> attributes) {

    public SegmentFacts {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(money, "money");
        Objects.requireNonNull(windowMoney, "windowMoney");
        categories = categories == null ? List.of() : List.copyOf(categories);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        if (activeDays7 < 0 || activeDays7 > 7) {
            throw new IllegalArgumentException("active days in the last 7 must be 0-7, was " + activeDays7);
        }
        if (windowOrders > 0 && windowLastOrder == null) {
            throw new IllegalArgumentException(customerId + ": " + windowOrders + " orders in the window but no last order date");
        }
    }

    /** SPEC's refund-only customer: refunds but no order in the window; left out of RFM. */
    public boolean refundOnly() {
        return windowOrders == 0 && windowRefunds > 0;
    }
}
