package dev.reservoir.model;

import dev.reservoir.time.AsOf;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The per-customer summaries the customer-base models are fitted on (SPEC § Prediction), as of
 * a calibration end date E (the as-of date; known-at applies). Over purchase events with a
 * customer id and a local date ≤ E:
 * <ul>
 * <li>a customer belongs to the cohort when their first purchase day F ≤ E;</li>
 * <li><b>frequency</b> x = the number of distinct days with a purchase after F (repeat purchase
 * days; several purchases on one day count once, the first day never counts);</li>
 * <li><b>recency</b> t_x = (the last purchase day ≤ E − F) in {@code unit}, 0 when x = 0;</li>
 * <li><b>age</b> T = (E − F) in {@code unit};</li>
 * <li><b>monetary value</b> = the mean over the x repeat days of the day's summed purchase
 * amounts (refunds not subtracted, a missing amount counts as 0), 0 when x = 0.</li>
 * </ul>
 * With a holdout end H &gt; E, each customer's <b>holdout frequency</b> is the number of distinct
 * purchase days in (E, H], and the result also holds the number of repeat purchase days of the
 * cohort on each day from the first F to H (the data of the tracking plot); both are empty
 * without one. These are exactly the definitions of the CDNOW summaries of Fader and Hardie.
 */
public record CustomerSummaries(AsOf calibrationEnd, TimeUnit unit, Optional<LocalDate> holdoutEnd) {
    public CustomerSummaries {
        Objects.requireNonNull(calibrationEnd, "calibrationEnd");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(holdoutEnd, "holdoutEnd");
        if (holdoutEnd.isPresent() && !holdoutEnd.get().isAfter(calibrationEnd.date())) {
            throw new IllegalArgumentException("the holdout end " + holdoutEnd.get()
                    + " must be after the calibration end " + calibrationEnd.date());
        }
    }

    public static CustomerSummaries of(AsOf calibrationEnd, TimeUnit unit) {
        return new CustomerSummaries(calibrationEnd, unit, Optional.empty());
    }

    public CustomerSummaries withHoldoutEnd(LocalDate end) {
        return new CustomerSummaries(calibrationEnd, unit, Optional.of(end));
    }

    /** The last day whose purchases are read: H, or E without a holdout. */
    public LocalDate lastDay() {
        return holdoutEnd.orElse(calibrationEnd.date());
    }
}
