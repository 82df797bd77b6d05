package dev.reservoir.metric;

import dev.reservoir.time.AsOf;
import dev.reservoir.time.Period;
import dev.reservoir.time.PeriodUnit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Groups (社群, SPEC metric 11) for the {@code periods} periods ending with the one holding D.
 * Membership comes from {@code group_join} / {@code group_leave} events with
 * {@code properties.group_id}: a customer is a member of g from a join until the next leave.
 * <ul>
 *   <li><b>Group churn of P</b> = members at the start of P who left during P ÷ members at the
 *       start of P (member at the start: their last join/leave of g dated before start(P) is a
 *       join; left: a leave of g dated in P, up to D). Rejoining later in P still counts as left;
 *       those who rejoined are reported beside it.</li>
 *   <li><b>Active members of P</b>: customers who were members at some moment of P and had an
 *       activity day in P (any customer-initiated event except the joins and leaves themselves).</li>
 *   <li><b>Average daily online time</b>: over those members' activity days in P, the mean of the
 *       day's online time; online time of a day = the sum of the gaps between the customer's
 *       consecutive events of that day that are at most {@code sessionGap} (default 30 minutes,
 *       the sessions' timeout), i.e. the length of the day's sessions.</li>
 * </ul>
 * Each figure per group and for all groups together (a customer in two groups counts once there;
 * the churn of all groups counts (customer, group) memberships).
 */
public record GroupChurn(PeriodUnit unit, int periods, Duration sessionGap, AsOf asOf) {
    public static final Duration DEFAULT_SESSION_GAP = Duration.ofMinutes(30);

    public GroupChurn {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(sessionGap, "sessionGap");
        Objects.requireNonNull(asOf, "asOf");
        RepurchaseParameters.atMost("periods", RepurchaseParameters.atLeast("periods", periods, 1),
                RepurchaseInPeriod.MAX_PERIODS);
        if (sessionGap.isNegative() || sessionGap.isZero()) {
            throw new IllegalArgumentException("session gap must be positive, was " + sessionGap);
        }
    }

    public static GroupChurn monthly(int periods, AsOf asOf) {
        return new GroupChurn(PeriodUnit.MONTH, periods, DEFAULT_SESSION_GAP, asOf);
    }

    /** The periods reported, oldest first. */
    public List<Period> periodList() {
        return Period.lastPeriods(unit, asOf.date(), periods);
    }
}
