package dev.reservoir.metric;

import dev.reservoir.time.AsOf;
import dev.reservoir.time.Period;
import dev.reservoir.time.PeriodUnit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Repurchase (a), 复购率: of the customers with an order in period P, the share with two or more
 * orders in P. One figure per period for the {@code periods} periods ending with the one that
 * holds the as-of date (that one usually incomplete: marked, not final).
 *
 * @param split optional customer attribute to split each period's figure by (metric 6 (d))
 */
public record RepurchaseInPeriod(PeriodUnit unit, int periods, AsOf asOf, Optional<RepurchaseSplit> split) {
    public static final int MAX_PERIODS = 1000;

    public RepurchaseInPeriod {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(split, "split");
        RepurchaseParameters.atMost("periods", RepurchaseParameters.atLeast("periods", periods, 1), MAX_PERIODS);
    }

    /** The periods reported, oldest first. */
    public List<Period> periodList() {
        return Period.lastPeriods(unit, asOf.date(), periods);
    }
}
