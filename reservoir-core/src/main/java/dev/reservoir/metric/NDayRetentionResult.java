package dev.reservoir.metric;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** The figures of an {@link NDayRetention}, one row per N in the order asked. */
public record NDayRetentionResult(NDayRetention definition, List<Row> rows) {
    public NDayRetentionResult {
        Objects.requireNonNull(definition, "definition");
        rows = List.copyOf(rows);
    }

    /**
     * @param days           N
     * @param lastEntryDay   D − N: the last entry day whose window is complete by D
     * @param entered        customers whose entry day is on or before {@code lastEntryDay}
     * @param returnedWithin of those, returned on a date in (d, d + N]
     * @param returnedOnDay  of those, returned on day d + N exactly
     */
    public record Row(int days, LocalDate lastEntryDay, long entered, long returnedWithin, long returnedOnDay) {
        public Row {
            Objects.requireNonNull(lastEntryDay, "lastEntryDay");
            if (returnedWithin > entered || returnedOnDay > returnedWithin) {
                throw new IllegalArgumentException("expected on-day ≤ within ≤ entered, was " + returnedOnDay
                        + ", " + returnedWithin + ", " + entered);
            }
        }

        /** returnedWithin ÷ entered; {@code null} when no one entered. */
        public Double withinRate() {
            return Rates.rate(returnedWithin, entered);
        }

        /** returnedOnDay ÷ entered; {@code null} when no one entered. */
        public Double onDayRate() {
            return Rates.rate(returnedOnDay, entered);
        }
    }
}
