package dev.reservoir.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Does the model fit this shop? Two checks against a holdout period the model did not see, as
 * Fader, Hardie and Lee show them: expected vs actual holdout purchases per calibration
 * frequency, and the cumulative repeat purchases of the whole base week by week.
 */
public final class Diagnostics {
    private Diagnostics() {
    }

    /**
     * Customers with x in [{@code minFrequency}, {@code maxFrequency}] (no upper end when
     * {@code open}); the mean purchases in the holdout, actual and as the model expects them.
     */
    public record FrequencyBucket(long minFrequency, long maxFrequency, boolean open, long customers,
                                  double actualMean, double expectedMean) {
        public String label() {
            return open ? minFrequency + "+" : Long.toString(minFrequency);
        }
    }

    /**
     * Week k (1-based) of the tracking plot, ending on {@code end}: cumulative repeat purchases of
     * the cohort from its first day, actual and expected.
     */
    public record TrackingWeek(int week, LocalDate end, long actualCumulative, double expectedCumulative,
                               boolean holdout) {
        public TrackingWeek {
            Objects.requireNonNull(end, "end");
        }
    }

    /**
     * Calibration vs holdout per frequency bucket x = 0, 1, …, {@code lastBucket} − 1 and
     * {@code lastBucket}+ (Fader, Hardie and Lee use 0 … 7+). Needs summaries with a holdout.
     */
    public static List<FrequencyBucket> byFrequency(PurchaseModel model, CustomerSummariesResult summaries, int lastBucket) {
        CustomerSummaries def = summaries.definition();
        LocalDate end = def.holdoutEnd().orElseThrow(() -> new IllegalArgumentException("the summaries have no holdout period"));
        double length = (end.toEpochDay() - def.calibrationEnd().date().toEpochDay()) / (double) def.unit().days();
        long[] customers = new long[lastBucket + 1];
        double[] actual = new double[lastBucket + 1];
        double[] expected = new double[lastBucket + 1];
        for (CustomerSummary c : summaries.customers()) {
            int b = (int) Math.min(c.frequency(), lastBucket);
            customers[b]++;
            actual[b] += c.holdoutFrequency();
            expected[b] += model.expectedPurchases(length, c.frequency(), c.recency(), c.age());
        }
        List<FrequencyBucket> out = new ArrayList<>();
        for (int b = 0; b <= lastBucket; b++) {
            long n = customers[b];
            out.add(new FrequencyBucket(b, b == lastBucket ? Long.MAX_VALUE : b, b == lastBucket, n,
                    n == 0 ? 0 : actual[b] / n, n == 0 ? 0 : expected[b] / n));
        }
        return out;
    }

    /**
     * The weekly tracking plot: week k ends 7k − 1 days after the cohort's first purchase day;
     * a customer whose first purchase was on day F has been observed for (end − F) days there,
     * and the model expects E[X((end − F) / unit)] repeat purchases of them (customers with the
     * same F are computed once). Needs summaries with a holdout.
     */
    public static List<TrackingWeek> tracking(PurchaseModel model, CustomerSummariesResult summaries) {
        CustomerSummaries def = summaries.definition();
        if (def.holdoutEnd().isEmpty() || summaries.repeatPurchases().isEmpty()) {
            throw new IllegalArgumentException("the summaries have no holdout period");
        }
        Map<LocalDate, Long> cohorts = new TreeMap<>();
        for (CustomerSummary c : summaries.customers()) {
            cohorts.merge(c.firstPurchase(), 1L, Long::sum);
        }
        List<CustomerSummariesResult.DayCount> days = summaries.repeatPurchases();
        double unit = def.unit().days();
        List<TrackingWeek> out = new ArrayList<>();
        long cumulative = 0;
        int week = 0;
        for (int i = 0; i < days.size(); i++) {
            cumulative += days.get(i).repeatPurchases();
            if ((i + 1) % 7 != 0) {
                continue;
            }
            week++;
            LocalDate end = days.get(i).date();
            double expected = 0;
            for (Map.Entry<LocalDate, Long> cohort : cohorts.entrySet()) {
                long elapsed = end.toEpochDay() - cohort.getKey().toEpochDay();
                if (elapsed > 0) {
                    expected += cohort.getValue() * model.expectedPurchasesNewCustomer(elapsed / unit);
                }
            }
            out.add(new TrackingWeek(week, end, cumulative, expected, end.isAfter(def.calibrationEnd().date())));
        }
        return out;
    }
}
