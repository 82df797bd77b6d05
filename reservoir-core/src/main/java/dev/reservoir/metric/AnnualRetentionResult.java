package dev.reservoir.metric;

import java.util.Objects;

/**
 * The result of {@link AnnualRetention}.
 *
 * @param lastYearCustomers customers with an order dated in Y − 1
 * @param retained          of those, customers with an order dated in Y (up to the as-of date)
 * @param thisYearCustomers customers with an order dated in Y = newCustomers + retained + reactivated
 * @param newCustomers      their first order ever is dated in Y
 * @param reactivated       an order before Y − 1, none in Y − 1
 */
public record AnnualRetentionResult(AnnualRetention definition, long lastYearCustomers, long retained,
                                    long thisYearCustomers, long newCustomers, long reactivated) {
    public AnnualRetentionResult {
        Objects.requireNonNull(definition, "definition");
        if (newCustomers + retained + reactivated != thisYearCustomers || retained > lastYearCustomers) {
            throw new IllegalArgumentException("inconsistent counts: " + thisYearCustomers + " this year = "
                    + newCustomers + " new + " + retained + " retained + " + reactivated + " reactivated");
        }
    }

    /** retained ÷ lastYearCustomers; {@code null} when nobody bought last year. */
    public Double retentionRate() {
        return Rates.rate(retained, lastYearCustomers);
    }

    /** Whether year Y had ended by the as-of date; if not, the figures are so far. */
    public boolean complete() {
        return definition.complete();
    }
}
