package dev.reservoir.metric;

import java.util.List;
import java.util.Objects;

/** The result of {@link RepurchaseLadder}: per group, the steps k = 1..N. */
public record RepurchaseLadderResult(RepurchaseLadder definition, List<Step> steps) {
    public RepurchaseLadderResult {
        Objects.requireNonNull(definition, "definition");
        steps = List.copyOf(steps);
    }

    /**
     * @param customers     customers with at least {@code orders} orders
     * @param nextCustomers customers with at least {@code orders + 1} orders
     */
    public record Step(RepurchaseGroup group, int orders, long customers, long nextCustomers) {
        public Step {
            Objects.requireNonNull(group, "group");
            if (nextCustomers > customers) {
                throw new IllegalArgumentException(nextCustomers + " customers reached step " + (orders + 1)
                        + " but only " + customers + " step " + orders);
            }
        }

        /** Conversion from k to k + 1 orders: nextCustomers ÷ customers, {@code null} when none reached k. */
        public Double conversion() {
            return Rates.rate(nextCustomers, customers);
        }
    }

    /** The group's conversion from k to k + 1 ÷ that of every other customer at step k. */
    public Double ratioToRest(Step step) {
        Step all = steps.stream().filter(s -> s.orders() == step.orders() && s.group().equals(RepurchaseGroup.ALL))
                .findFirst().orElseThrow();
        return step.group().ratioToRest(step.nextCustomers(), step.customers(), all.nextCustomers(), all.customers());
    }
}
