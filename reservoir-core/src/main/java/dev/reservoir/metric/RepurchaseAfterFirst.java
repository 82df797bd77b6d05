package dev.reservoir.metric;

import dev.reservoir.time.AsOf;
import dev.reservoir.time.Period;
import dev.reservoir.time.PeriodUnit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Repurchase (b): of the first-time buyers of period P (their first order ever is dated in P),
 * the share who bought again within W days: another order dated in {@code [d, d + W]}, d being
 * the first order's date (SPEC: "bought again" is another order, even on the same day). A buyer
 * whose window ends after the as-of date ({@code d + W > D}) is <em>pending</em>: counted apart,
 * left out of the rate's denominator and numerator, never reported as not returned.
 *
 * @param withinDays the windows W, each from 1 to 3660, reported in the given order
 */
public record RepurchaseAfterFirst(PeriodUnit unit, int periods, List<Integer> withinDays, AsOf asOf,
                                   Optional<RepurchaseSplit> split) {
    public static final List<Integer> DEFAULT_WITHIN = List.of(30, 90);

    public RepurchaseAfterFirst {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(split, "split");
        RepurchaseParameters.atMost("periods",
                RepurchaseParameters.atLeast("periods", periods, 1), RepurchaseInPeriod.MAX_PERIODS);
        withinDays = List.copyOf(withinDays);
        if (withinDays.isEmpty()) {
            RepurchaseParameters.atLeast("within", 0, 1);
        }
        for (int w : withinDays) {
            RepurchaseParameters.atMost("within", RepurchaseParameters.atLeast("within", w, 1), 3660);
        }
    }

    public List<Period> periodList() {
        return Period.lastPeriods(unit, asOf.date(), periods);
    }
}
