package dev.reservoir.metric;

import dev.reservoir.time.Period;

import java.util.List;
import java.util.Objects;

/** The result of {@link RepurchaseAfterFirst}: per period, window W and group, one row. */
public record RepurchaseAfterFirstResult(RepurchaseAfterFirst definition, List<Row> rows) {
    public RepurchaseAfterFirstResult {
        Objects.requireNonNull(definition, "definition");
        rows = List.copyOf(rows);
    }

    /**
     * @param firstTimeBuyers customers whose first order ever is dated in the period
     * @param returned        of those whose window {@code (d, d + W]} ended by the as-of date,
     *                        the ones with another order dated in {@code [d, d + W]}
     * @param pending         those whose window ends after the as-of date (outcome not known yet)
     * @param pendingReturned of the pending, the ones who already bought again (shown for
     *                        information; counted in neither side of the rate)
     */
    public record Row(Period period, int withinDays, RepurchaseGroup group, long firstTimeBuyers, long returned,
                      long pending, long pendingReturned) {
        public Row {
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(group, "group");
            if (pending > firstTimeBuyers || returned > firstTimeBuyers - pending || pendingReturned > pending) {
                throw new IllegalArgumentException("inconsistent counts " + firstTimeBuyers + "/" + returned + "/"
                        + pending + "/" + pendingReturned);
            }
        }

        /** First-time buyers whose window is complete: the rate's denominator. */
        public long decided() {
            return firstTimeBuyers - pending;
        }

        /** Buyers with a complete window who did not buy again within it. */
        public long notReturned() {
            return decided() - returned;
        }

        /** returned ÷ decided; {@code null} when no window is complete yet. */
        public Double rate() {
            return Rates.rate(returned, decided());
        }
    }

    public Double ratioToRest(Row row) {
        Row all = rows.stream().filter(r -> r.period().equals(row.period()) && r.withinDays() == row.withinDays()
                && r.group().equals(RepurchaseGroup.ALL)).findFirst().orElseThrow();
        return row.group().ratioToRest(row.returned(), row.decided(), all.returned(), all.decided());
    }
}
