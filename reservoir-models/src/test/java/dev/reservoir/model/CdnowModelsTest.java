package dev.reservoir.model;

import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BG/NBD, Pareto/NBD and Gamma-Gamma fitted on the engine's CDNOW summaries (2,357 customers,
 * 39 weeks) reproduce the published estimates to 3 significant digits.
 */
class CdnowModelsTest {
    @Test
    void bgNbd_reproducesFaderHardieLee2005() {
        SummaryRows rows = SummaryRows.of(CdnowSummaries.get().customers());
        Fit<BgNbd> fit = Models.fitBgNbd(rows, FitOptions.DEFAULT);
        // The standard errors against a second computation: the paper's equation (6) written
        // out below per customer (no compression, no shared code), its Hessian by second
        // differences, inverted by hand-rolled Gauss-Jordan.
        List<Double> independent = independentStandardErrors(CdnowSummaries.get().customers(), fit.parameters());
        for (int i = 0; i < 4; i++) {
            assertEquals(independent.get(i), fit.standardErrors().get(i), 0.01 * independent.get(i), "SE " + i);
        }
        assertEquals(independentLogLikelihood(CdnowSummaries.get().customers(), fit.parameters()), fit.logLikelihood(), 1e-6);
        // "Counting Your Customers the Easy Way" (2005), Table 1 / § 4: r = 0.243, α = 4.414,
        // a = 0.793, b = 2.426, LL = −9582.4.
        assertSignificant(List.of(0.243, 4.414, 0.793, 2.426), fit.parameters());
        assertEquals(-9582.4, fit.logLikelihood(), 0.05);
        assertEquals(2357, fit.customers());
        // Customers with the same (x, t_x, T) are one weighted row.
        assertTrue(fit.compressed());
        assertEquals(fit.rows(), rows.rows());
        assertTrue(fit.rows() < 1100, "rows " + fit.rows());
    }

    @Test
    void paretoNbd_reproducesThePublishedEstimates() {
        SummaryRows rows = SummaryRows.of(CdnowSummaries.get().customers());
        Fit<ParetoNbd> fit = Models.fitParetoNbd(rows, FitOptions.DEFAULT);
        // Fader, Hardie and Lee (2005), the Pareto/NBD beside the BG/NBD: r = 0.553, α = 10.578,
        // s = 0.606, β = 11.669, LL = −9595.0.
        assertSignificant(List.of(0.553, 10.578, 0.606, 11.669), fit.parameters());
        assertEquals(-9595.0, fit.logLikelihood(), 0.05);
        // Same data, 4 parameters each: BG/NBD's higher ln L is its lower BIC.
        Fit<BgNbd> bg = Models.fitBgNbd(rows, FitOptions.DEFAULT);
        assertEquals(4 * Math.log(2357) + 2 * 9595.0, fit.bic(), 0.1);
        assertTrue(bg.bic() < fit.bic());
    }

    @Test
    void gammaGamma_reproducesThePublishedEstimates() {
        SpendRows rows = SpendRows.of(CdnowSummaries.get().customers());
        Fit<GammaGamma> fit = Models.fitGammaGamma(rows, FitOptions.DEFAULT);
        // Fader, Hardie and Lee, "RFM and CLV" (2005) and the gamma-gamma note: p = 6.25,
        // q = 3.74, γ = 15.44, over the 946 customers with a repeat purchase.
        assertEquals(946, fit.customers());
        assertSignificant(List.of(6.25, 3.74, 15.44), fit.parameters());
    }

    @Test
    void holdout_trackingFollowsTheActualRepeatPurchasesOver78Weeks() {
        CustomerSummariesResult summaries = CdnowSummaries.get();
        SummaryRows rows = SummaryRows.of(summaries.customers());
        Fit<BgNbd> bg = Models.fitBgNbd(rows, FitOptions.DEFAULT);
        Fit<ParetoNbd> pareto = Models.fitParetoNbd(rows, FitOptions.DEFAULT);
        List<Diagnostics.TrackingWeek> weeks = Diagnostics.tracking(bg.model(), summaries);
        List<Diagnostics.TrackingWeek> paretoWeeks = Diagnostics.tracking(pareto.model(), summaries);
        // 1997-01-01 to 1998-06-30 is 546 days, 78 weeks; 39 of them calibration.
        assertEquals(78, weeks.size());
        assertEquals(39, weeks.stream().filter(w -> !w.holdout()).count());
        // The actual line: 2,457 repeat purchase days by week 39 (Σ x, PROVENANCE.md); 4,339 by
        // week 78, the same count reservoir-duckdb's CdnowSummariesTest checks day by day
        // against its own reader of cdnowElog.csv. So 1,882 in the 39-week holdout.
        assertEquals(2457, weeks.get(38).actualCumulative());
        assertEquals(4339, weeks.get(77).actualCumulative());

        // The bounds. In the calibration period the fit reproduces the total closely (2,494 vs
        // 2,457). In the holdout both models run below the actual line from week 45 on: BG/NBD
        // expects 4,161 by week 78 (−4.1 %), Pareto/NBD 4,270 (−1.6 %). We hold them to 2 % in
        // calibration and 5 % at week 78: an error bound, so that a change that moves the
        // forecast visibly off these figures fails.
        assertEquals(2457, weeks.get(38).expectedCumulative(), 0.02 * 2457);
        assertEquals(4339, weeks.get(77).expectedCumulative(), 0.05 * 4339);
        assertEquals(4339, paretoWeeks.get(77).expectedCumulative(), 0.05 * 4339);
        assertTrue(weeks.get(77).expectedCumulative() < 4339 && paretoWeeks.get(77).expectedCumulative() < 4339);
    }

    @Test
    void holdout_perFrequencyBucketTheExpectationRisesWithXAsTheActualDoes() {
        CustomerSummariesResult summaries = CdnowSummaries.get();
        Fit<BgNbd> bg = Models.fitBgNbd(SummaryRows.of(summaries.customers()), FitOptions.DEFAULT);
        List<Diagnostics.FrequencyBucket> buckets = Diagnostics.byFrequency(bg.model(), summaries, 7);
        assertEquals(8, buckets.size());
        assertEquals("7+", buckets.get(7).label());
        assertEquals(2357, buckets.stream().mapToLong(Diagnostics.FrequencyBucket::customers).sum());
        assertEquals(1411, buckets.get(0).customers()); // x = 0: 2,357 − 946 repeat buyers
        // Σ customers × actual mean = the 1,882 holdout purchase days
        assertEquals(1882, buckets.stream().mapToDouble(b -> b.customers() * b.actualMean()).sum(), 1e-6);
        for (int i = 1; i < buckets.size(); i++) {
            assertTrue(buckets.get(i).expectedMean() > buckets.get(i - 1).expectedMean(), "bucket " + i);
            assertTrue(buckets.get(i).actualMean() > buckets.get(i - 1).actualMean(), "bucket " + i);
        }
        // An error bound: every bucket within 30 % of actual (today the largest gaps are x = 1
        // and 2, 0.52 vs 0.70 and 1.04 vs 1.39, −25 %; a broken conditional expectation is off
        // by far more).
        for (Diagnostics.FrequencyBucket b : buckets) {
            assertEquals(b.actualMean(), b.expectedMean(), 0.3 * b.actualMean(), b.label());
        }
    }

    /** Each fitted value rounds to the published one at 3 significant digits. */
    static void assertSignificant(List<Double> published, List<Double> fitted) {
        for (int i = 0; i < published.size(); i++) {
            double p = published.get(i);
            double f = fitted.get(i);
            double unit = Math.pow(10, Math.floor(Math.log10(Math.abs(p))) - 2);
            assertEquals(Math.round(p / unit), Math.round(f / unit), "parameter " + i + ": published " + p + ", fitted " + f);
        }
    }

    /** BG/NBD's ln L straight from equation (6) of the paper, one customer at a time. */
    static double independentLogLikelihood(List<CustomerSummary> customers, List<Double> params) {
        double r = params.get(0);
        double alpha = params.get(1);
        double a = params.get(2);
        double b = params.get(3);
        double sum = 0;
        for (CustomerSummary c : customers) {
            double x = c.frequency();
            double common = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha)
                    + Gamma.logGamma(a + b) + Gamma.logGamma(b + x) - Gamma.logGamma(b) - Gamma.logGamma(a + b + x);
            double l = Math.pow(alpha + c.age(), -(r + x));
            if (x > 0) {
                l += a / (b + x - 1) * Math.pow(alpha + c.recency(), -(r + x));
            }
            sum += common + Math.log(l);
        }
        return sum;
    }

    private static List<Double> independentStandardErrors(List<CustomerSummary> customers, List<Double> params) {
        int k = params.size();
        double[][] h = new double[k][k];
        double[] step = new double[k];
        for (int i = 0; i < k; i++) {
            step[i] = 1e-4 * params.get(i);
        }
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double v = 0;
                for (int si = -1; si <= 1; si += 2) {
                    for (int sj = -1; sj <= 1; sj += 2) {
                        double[] q = params.stream().mapToDouble(Double::doubleValue).toArray();
                        q[i] += si * step[i];
                        q[j] += sj * step[j];
                        v += si * sj * independentLogLikelihood(customers, java.util.Arrays.stream(q).boxed().toList());
                    }
                }
                h[i][j] = -v / (4 * step[i] * step[j]);
            }
        }
        // Gauss-Jordan inverse of the observed information.
        double[][] m = new double[k][2 * k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(h[i], 0, m[i], 0, k);
            m[i][k + i] = 1;
        }
        for (int c = 0; c < k; c++) {
            double pivot = m[c][c];
            for (int j = 0; j < 2 * k; j++) {
                m[c][j] /= pivot;
            }
            for (int r = 0; r < k; r++) {
                if (r != c) {
                    double f = m[r][c];
                    for (int j = 0; j < 2 * k; j++) {
                        m[r][j] -= f * m[c][j];
                    }
                }
            }
        }
        java.util.List<Double> se = new java.util.ArrayList<>();
        for (int i = 0; i < k; i++) {
            se.add(Math.sqrt(m[i][k + i]));
        }
        return se;
    }
}
