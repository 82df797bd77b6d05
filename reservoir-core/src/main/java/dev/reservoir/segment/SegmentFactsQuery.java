package dev.reservoir.segment;

import dev.reservoir.metric.ChurnRule;
import dev.reservoir.time.AsOf;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The parameters of the per-customer segment facts: as of D, the RFM look-back L (window
 * [D − L + 1, D]) and the churn rule whose activity and window N the lifecycle reads.
 */
public record SegmentFactsQuery(AsOf asOf, int lookBackDays, ChurnRule rule) {
    public SegmentFactsQuery {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(rule, "rule");
        if (lookBackDays < 1) {
            throw new IllegalArgumentException("the look-back must be at least 1 day, was " + lookBackDays);
        }
    }

    /** The first day of the look-back window, D − L + 1. */
    public LocalDate windowStart() {
        return asOf.date().minusDays(lookBackDays - 1L);
    }
}
