package dev.reservoir.segments;

import dev.reservoir.segment.LifecycleStage;
import dev.reservoir.segment.Rfm;
import dev.reservoir.segment.SegmentFacts;
import dev.reservoir.segment.UsageStage;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One customer as of D with everything a tag rule, an audience or a list row can read: the facts,
 * the RFM scores ({@code null} when the customer has no order in the look-back window), the
 * lifecycle stage and the usage stage ({@code null} with no active day in the last 7).
 */
public record CustomerView(LocalDate asOf, SegmentFacts facts, Rfm.Customer rfm, LifecycleStage stage, UsageStage usage) {
    /**
     * The days-since value of something that never happened: longer than any real gap, so
     * {@code recency >= 60} holds for a customer who never ordered and {@code recency <= 30} does
     * not; {@code ordered} tells them apart.
     */
    public static final long NEVER = 99_999;

    public CustomerView {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(stage, "stage");
    }

    public String customerId() {
        return facts.customerId();
    }

    /** D − date, or {@link #NEVER} for {@code null}. */
    public long daysSince(LocalDate date) {
        return date == null ? NEVER : asOf.toEpochDay() - date.toEpochDay();
    }
}
