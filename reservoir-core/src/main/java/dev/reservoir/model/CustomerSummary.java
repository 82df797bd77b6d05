package dev.reservoir.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One customer's summary (see {@link CustomerSummaries} for the definitions).
 *
 * @param frequency        x, repeat purchase days up to the calibration end
 * @param recency          t_x in the definition's unit
 * @param age              T in the definition's unit
 * @param monetaryValue    mean purchase amount of a repeat day, 0 when x = 0
 * @param holdoutFrequency purchase days in the holdout period, 0 without one
 */
public record CustomerSummary(String customerId, LocalDate firstPurchase, long frequency, double recency,
                              double age, double monetaryValue, long holdoutFrequency) {
    public CustomerSummary {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(firstPurchase, "firstPurchase");
        if (frequency < 0 || recency < 0 || recency > age || frequency == 0 && recency != 0 || holdoutFrequency < 0) {
            throw new IllegalArgumentException("customer " + customerId + ": inconsistent summary x=" + frequency
                    + " t_x=" + recency + " T=" + age + " holdout x=" + holdoutFrequency);
        }
    }
}
