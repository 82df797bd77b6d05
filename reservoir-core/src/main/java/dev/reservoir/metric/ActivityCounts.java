package dev.reservoir.metric;

import dev.reservoir.event.EventType;
import dev.reservoir.time.AsOf;
import dev.reservoir.time.PeriodUnit;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Objects;

/**
 * DAU, WAU, MAU and stickiness (SPEC metric 12) as of D. A customer is active on a day with an
 * event of one of the activity's types. DAU = active on D. Rolling (the default): WAU and MAU =
 * active in the 7 and 30 days ending on D; stickiness = the average DAU over those 30 days ÷ MAU.
 * Calendar ({@code calendar = true}): WAU = active in D's ISO week, MAU = in D's month, both up to
 * D (incomplete unless D is their last day); stickiness = average DAU over the month's days up to
 * D ÷ MAU.
 */
public record ActivityCounts(Activity activity, AsOf asOf, boolean calendar) {
    /**
     * The default activity of this metric: every customer-initiated event type, that is all but
     * {@code message_sent} and {@code coupon_sent}, which the merchant does, not the customer.
     */
    public static final Activity CUSTOMER_INITIATED = new Activity(
            EnumSet.complementOf(EnumSet.of(EventType.MESSAGE_SENT, EventType.COUPON_SENT)));

    public ActivityCounts {
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(asOf, "asOf");
    }

    public static ActivityCounts of(AsOf asOf) {
        return new ActivityCounts(CUSTOMER_INITIATED, asOf, false);
    }

    public LocalDate weekStart() {
        return calendar ? PeriodUnit.WEEK.start(asOf.date()) : asOf.date().minusDays(6);
    }

    public LocalDate monthStart() {
        return calendar ? PeriodUnit.MONTH.start(asOf.date()) : asOf.date().minusDays(29);
    }

    /** The days the stickiness averages DAU over: from this date to D. */
    public LocalDate stickinessStart() {
        return monthStart();
    }

    /** The first day of the daily DAU series: the 30 days ending on D, or the month if longer. */
    public LocalDate seriesStart() {
        LocalDate thirty = asOf.date().minusDays(29);
        return monthStart().isBefore(thirty) ? monthStart() : thirty;
    }

    /** Calendar week and month are complete when D is their last day; rolling windows always are. */
    public boolean weekComplete() {
        return !calendar || asOf.date().getDayOfWeek() == java.time.DayOfWeek.SUNDAY;
    }

    public boolean monthComplete() {
        return !calendar || asOf.date().equals(asOf.date().withDayOfMonth(asOf.date().lengthOfMonth()));
    }
}
