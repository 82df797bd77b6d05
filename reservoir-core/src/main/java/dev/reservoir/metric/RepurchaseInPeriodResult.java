package dev.reservoir.metric;

import dev.reservoir.time.Period;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@link RepurchaseInPeriod}: per period the group {@link RepurchaseGroup#ALL}
 * and, with a split, one row per group (values in text order, unknown last).
 */
public record RepurchaseInPeriodResult(RepurchaseInPeriod definition, List<Row> rows) {
    public RepurchaseInPeriodResult {
        Objects.requireNonNull(definition, "definition");
        rows = List.copyOf(rows);
    }

    /**
     * @param buyers       customers with at least one order dated in the period
     * @param repeatBuyers of those, customers with two or more orders dated in the period
     */
    public record Row(Period period, RepurchaseGroup group, long buyers, long repeatBuyers) {
        public Row {
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(group, "group");
            if (repeatBuyers < 0 || repeatBuyers > buyers) {
                throw new IllegalArgumentException("repeat buyers " + repeatBuyers + " of " + buyers + " buyers");
            }
        }

        /** repeatBuyers ÷ buyers; {@code null} when there were no buyers. */
        public Double rate() {
            return Rates.rate(repeatBuyers, buyers);
        }
    }

    /** The group's rate ÷ the rate of all other buyers of the same period. */
    public Double ratioToRest(Row row) {
        Row all = total(row.period());
        return row.group().ratioToRest(row.repeatBuyers(), row.buyers(), all.repeatBuyers(), all.buyers());
    }

    /** The all-customers row of {@code period}. */
    public Row total(Period period) {
        return rows.stream().filter(r -> r.period().equals(period) && r.group().equals(RepurchaseGroup.ALL))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no period " + period));
    }
}
