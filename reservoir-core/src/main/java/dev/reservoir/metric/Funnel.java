package dev.reservoir.metric;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.time.AsOf;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A funnel (SPEC metric 9) as of D: people who did step 1 on a date in [from, D] (entries), and
 * how far each got within the conversion window, the steps following each other in the given
 * order; only events up to the end of D (and ingested by known-at) count. A person is a customer
 * id, or for anonymous events the visitor id. Each person counts once, by their furthest attempt:
 * see {@link FunnelWalk} for exactly which.
 *
 * @param split optional customer attribute to split every step by (visitors fall in "unknown")
 */
public record Funnel(List<FunnelStep> steps, ConversionWindow window, FunnelOrder order, LocalDate from, AsOf asOf,
                     Optional<RepurchaseSplit> split) {
    public static final int MAX_STEPS = 20;

    public Funnel {
        steps = List.copyOf(steps);
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(split, "split");
        if (steps.size() < 2 || steps.size() > MAX_STEPS) {
            throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "steps",
                    Localizable.of("2 to " + MAX_STEPS + " steps", "2 到 " + MAX_STEPS + " 个步骤"), steps.size());
        }
        if (from.isAfter(asOf.date())) {
            throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "from",
                    Localizable.of("a date on or before the as-of date " + asOf.date(),
                            "不晚于统计日 " + asOf.date() + " 的日期"), from);
        }
    }

    /**
     * Entries on or after this date may still have an open window at D, so their people may yet
     * go further: D − W + 1 for a window of W days; for an exact window, D + 1 − (the window in
     * whole days, rounded up).
     */
    public LocalDate openFrom() {
        if (window instanceof ConversionWindow.Days d) {
            return asOf.date().minusDays(d.days()).plusDays(1);
        }
        long nanosPerDay = 86_400_000_000_000L;
        long nanos = ((ConversionWindow.Span) window).duration().toNanos();
        return asOf.date().plusDays(1).minusDays((nanos + nanosPerDay - 1) / nanosPerDay);
    }
}
