package dev.reservoir.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The result of {@link CustomerSummaries}.
 *
 * @param customers        one per cohort customer, by customer id
 * @param repeatPurchases  per day from the cohort's first purchase day to the holdout end, the
 *                         number of repeat purchase days of cohort customers on that day (a
 *                         customer's first day never counts); every day present, oldest first;
 *                         empty without a holdout
 */
public record CustomerSummariesResult(CustomerSummaries definition, List<CustomerSummary> customers,
                                      List<DayCount> repeatPurchases) {
    public CustomerSummariesResult {
        Objects.requireNonNull(definition, "definition");
        customers = List.copyOf(customers);
        repeatPurchases = List.copyOf(repeatPurchases);
    }

    public record DayCount(LocalDate date, long repeatPurchases) {
        public DayCount {
            Objects.requireNonNull(date, "date");
        }
    }
}
