package dev.reservoir.metric;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The result of a {@link Funnel}: one row per (group, step), the group {@code all} first, then
 * the split's values in text order, unknown last.
 */
public record FunnelResult(Funnel definition, List<Row> rows) {
    public FunnelResult {
        Objects.requireNonNull(definition, "definition");
        rows = rows.stream().sorted(Comparator.comparing(Row::group, RepurchaseGroup.ORDER)
                .thenComparingInt(Row::step)).toList();
    }

    /**
     * @param reached           people whose furthest step is this one or later
     * @param previous          people who reached the previous step (for step 1: {@code reached})
     * @param first             people who reached step 1 (the entries)
     * @param medianSeconds     median time from the previous step to this one, in seconds, over the
     *                          people who reached it ({@code null} for step 1 and when no one did)
     * @param p90Seconds        90th percentile of the same (linear interpolation, {@code quantile_cont})
     */
    public record Row(RepurchaseGroup group, int step, long reached, long previous, long first,
                      Double medianSeconds, Double p90Seconds) {
        public Row {
            Objects.requireNonNull(group, "group");
            if (reached > previous || previous > first) {
                throw new IllegalArgumentException("step " + step + ": reached " + reached + " > previous " + previous
                        + " or > first " + first);
            }
        }

        /** reached ÷ previous; {@code null} when no one reached the previous step. */
        public Double fromPrevious() {
            return Rates.rate(reached, previous);
        }

        /** reached ÷ first; {@code null} when no one entered. */
        public Double fromFirst() {
            return Rates.rate(reached, first);
        }

        /** People who reached the previous step but not this one. */
        public long dropOff() {
            return previous - reached;
        }
    }

    /** The rows of one group, by step. */
    public List<Row> rows(RepurchaseGroup group) {
        return rows.stream().filter(r -> r.group().equals(group)).toList();
    }

    /** The groups present, in output order. */
    public List<RepurchaseGroup> groups() {
        return rows.stream().map(Row::group).distinct().toList();
    }
}
