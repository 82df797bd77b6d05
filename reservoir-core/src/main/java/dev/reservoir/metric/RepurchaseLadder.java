package dev.reservoir.metric;

import dev.reservoir.time.AsOf;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Repurchase (c), the order ladder 首单 → 第 2 单 → … → 第 N 单 (首杯到第N杯): customers with at
 * least k orders for k = 1..N, and the conversion from k to k + 1 orders.
 *
 * @param maxOrders    N, the last step shown (its conversion to N + 1 is reported too)
 * @param lookBackDays orders dated in {@code [D - L + 1, D]} only; empty for all orders up to D
 */
public record RepurchaseLadder(int maxOrders, OptionalInt lookBackDays, AsOf asOf, Optional<RepurchaseSplit> split) {
    public RepurchaseLadder {
        RepurchaseParameters.atMost("ladder", RepurchaseParameters.atLeast("ladder", maxOrders, 1), 100);
        Objects.requireNonNull(lookBackDays, "lookBackDays");
        lookBackDays.ifPresent(l -> RepurchaseParameters.atLeast("look-back", l, 1));
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(split, "split");
    }

    /** The first date whose orders count, or empty for all time. */
    public Optional<java.time.LocalDate> since() {
        return lookBackDays.isPresent()
                ? Optional.of(asOf.date().minusDays(lookBackDays.getAsInt() - 1L)) : Optional.empty();
    }
}
