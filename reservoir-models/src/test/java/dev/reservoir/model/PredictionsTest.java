package dev.reservoir.model;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.ReservoirException;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The predictions of the fitted models, each checked by a second route to the same number. */
class PredictionsTest {
    private static final BgNbd CDNOW_BG = new BgNbd(0.243, 4.414, 0.793, 2.426);
    private static final ParetoNbd CDNOW_PARETO = new ParetoNbd(0.553, 10.578, 0.606, 11.669);

    @Test
    void hypergeometric_matchesItsClosedFormForA1() {
        // 2F1(1, b; 2; z) = ∫0^1 (1 − z v)^(−b) dv = (1 − (1 − z)^(1−b)) / ((1 − b) z): both series branches.
        for (double b : new double[] {0.3, 1.0 - 1e-9, 1.7}) {
            for (double z : new double[] {0.01, 0.3, 0.9, 0.999}) {
                double closed = -Math.expm1((1 - b) * Math.log1p(-z)) / ((1 - b) * z);
                assertEquals(Math.log(closed), Hypergeometric.logA1(1, b, z), 1e-12, "b=" + b + " z=" + z);
            }
        }
        // Large a and b (a customer with many purchases): against a = a ∫0^1 u^(a−1) (1 − z u)^(−b) du
        // by Simpson's rule on 20,000 intervals.
        for (double z : new double[] {0.05, 0.5, 0.9}) {
            double a = 30.5;
            double b = 25.2;
            int n = 20_000;
            double sum = 0;
            for (int i = 0; i <= n; i++) {
                double u = (double) i / n;
                double f = a * Math.pow(u, a - 1) * Math.pow(1 - z * u, -b);
                sum += f * (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2);
            }
            double integral = sum / (3.0 * n);
            assertEquals(Math.log(integral), Hypergeometric.logA1(a, b, z), 1e-9, "z=" + z);
        }
        // 2F1(1, 1; 2; z) = −ln(1 − z)/z, by the general series
        assertEquals(-Math.log1p(-0.8) / 0.8, Hypergeometric.value(1, 1, 2, 0.8), 1e-12);
    }

    @Test
    void bgNbd_probabilitiesOfNPurchasesSumToOneAndAverageToTheExpectation() {
        // Equation (8) (no hypergeometric function) against equation (9) (with it).
        for (double t : new double[] {1, 39, 78}) {
            double total = 0;
            double mean = 0;
            for (int n = 0; n < 2000; n++) {
                double p = CDNOW_BG.probabilityOfPurchases(n, t);
                total += p;
                mean += n * p;
            }
            assertEquals(1, total, 1e-9, "t=" + t);
            assertEquals(CDNOW_BG.expectedPurchasesNewCustomer(t), mean, 1e-7, "t=" + t);
        }
    }

    @Test
    void conditionalExpectation_ofAJustAcquiredCustomerIsTheUnconditionalOne() {
        // x = 0, t_x = 0, T = 0: nothing learned yet.
        for (PurchaseModel m : new PurchaseModel[] {CDNOW_BG, CDNOW_PARETO}) {
            assertEquals(m.expectedPurchasesNewCustomer(39), m.expectedPurchases(39, 0, 0, 0), 1e-10, m.kind().toString());
            assertEquals(1, m.probabilityAlive(0, 0, 0), 1e-12);
        }
    }

    @Test
    void paretoNbd_expectationIsContinuousAtSEqualOne() {
        // (1 − (β/(β+t))^(s−1)) / (s − 1) → ln((β+t)/β) as s → 1
        ParetoNbd at1 = new ParetoNbd(0.5, 10, 1, 12);
        ParetoNbd near = new ParetoNbd(0.5, 10, 1 + 1e-7, 12);
        assertEquals(0.5 / 10 * 12 * Math.log(51.0 / 12), at1.expectedPurchasesNewCustomer(39), 1e-12);
        assertEquals(at1.expectedPurchasesNewCustomer(39), near.expectedPurchasesNewCustomer(39), 1e-6);
    }

    @Test
    void probabilityAliveAndHoldoutPurchases_averageToWhatTheSimulationDid() {
        // E[P(alive | data)] = P(alive) and E[E[Y | data]] = E[Y]: over 20,000 simulated
        // customers the model's averages must match the simulated truths within sampling
        // error (a proportion near 0.5 over 20,000 has SE 0.0035; we allow 0.015).
        Simulation.Base bg = Simulation.bgNbd(CDNOW_BG, 20_000, 26, 52, 39, 21);
        Simulation.Base pareto = Simulation.paretoNbd(CDNOW_PARETO, 20_000, 26, 52, 39, 22);
        check(CDNOW_BG, bg);
        check(CDNOW_PARETO, pareto);
    }

    private static void check(PurchaseModel m, Simulation.Base base) {
        double alive = 0;
        double predictedAlive = 0;
        double later = 0;
        double expected = 0;
        for (int i = 0; i < base.size(); i++) {
            alive += base.aliveAtT()[i] ? 1 : 0;
            predictedAlive += m.probabilityAlive(base.x()[i], base.tx()[i], base.t()[i]);
            later += base.holdoutX()[i];
            expected += m.expectedPurchases(39, base.x()[i], base.tx()[i], base.t()[i]);
        }
        int n = base.size();
        assertEquals(alive / n, predictedAlive / n, 0.015, m.kind() + " P(alive)");
        assertEquals(later / n, expected / n, 0.05 * later / n, m.kind() + " holdout purchases");
    }

    @Test
    void clv_isTheDiscountedSumOfExpectedPurchasesTimesTheExpectedValue() {
        GammaGamma spend = new GammaGamma(6.25, 3.74, 15.44);
        CustomerSummary c = new CustomerSummary("1", java.time.LocalDate.of(1997, 1, 1), 2, 30.43, 38.86, 22.35, 0);
        Clv undiscounted = new Clv(12, 30 / 7.0, 0);
        // Without discounting the periods telescope to E[Y(horizon)].
        assertEquals(CDNOW_BG.expectedPurchases(12 * 30 / 7.0, 2, 30.43, 38.86)
                        * spend.expectedAverageValue(2, 22.35), undiscounted.value(CDNOW_BG, spend, c), 1e-9);
        // E[M | x = 2, m = 22.35] = (15.44 + 2 × 22.35) × 6.25 / (6.25 × 2 + 3.74 − 1)
        // = 60.14 × 6.25 / 15.24 = 375.875 / 15.24 = 24.6637 (by hand).
        assertEquals(24.6637, spend.expectedAverageValue(2, 22.35), 5e-5);
        assertTrue(Clv.months(12, 0.01, TimeUnit.WEEK).value(CDNOW_BG, spend, c) < undiscounted.value(CDNOW_BG, spend, c));
    }

    @Test
    void tooFewRepeatBuyers_isAClearError() {
        long[] x = new long[50];
        double[] t = new double[50];
        java.util.Arrays.fill(t, 10);
        for (int i = 0; i < 9; i++) {
            x[i] = 1;
        }
        double[] tx = new double[50];
        for (int i = 0; i < 9; i++) {
            tx[i] = 5;
        }
        ReservoirException e = assertThrows(ReservoirException.class,
                () -> Models.fitBgNbd(SummaryRows.of(x, tx, t, null), FitOptions.DEFAULT));
        assertEquals(ErrorCode.MODEL_UNSUPPORTED_DATA, e.code());
        assertEquals("BG/NBD cannot be fitted on this data: only 9 customers bought again in the calibration period;"
                + " at least 10 are needed (choose a later calibration end or a longer history)", e.getMessage());
        assertTrue(e.message(Locale.CHINESE).contains("只有 9 位客户复购"), e.message(Locale.CHINESE));
    }

    @Test
    void negativeValues_areAClearError() {
        ReservoirException e = assertThrows(ReservoirException.class,
                () -> SummaryRows.of(new long[] {1, -1}, new double[] {1, 0}, new double[] {2, 2}, new String[] {"a", "b"}));
        assertEquals(ErrorCode.MODEL_UNSUPPORTED_DATA, e.code());
        assertTrue(e.getMessage().contains("customer b: expected 0 ≤ t_x ≤ T"), e.getMessage());
        ReservoirException spend = assertThrows(ReservoirException.class,
                () -> SpendRows.of(new long[] {2}, new double[] {-5}, new String[] {"c"}));
        assertTrue(spend.getMessage().contains("customer c: the average repeat purchase value must be positive, was -5.0"),
                spend.getMessage());
    }

    @Test
    void aFitOutOfEvaluations_isReportedNotReturned() {
        Simulation.Base base = Simulation.bgNbd(CDNOW_BG, 2000, 26, 52, 0, 5);
        ReservoirException e = assertThrows(ReservoirException.class,
                () -> Models.fitBgNbd(base.rows(), new FitOptions(0, 20)));
        assertEquals(ErrorCode.MODEL_NOT_CONVERGED, e.code());
        assertTrue(e.getMessage().startsWith("BG/NBD: the maximum-likelihood fit did not converge"), e.getMessage());
    }

    @Test
    void noRepeatDropout_runsAParameterToItsBoundAndSaysSo() {
        // Everyone buys steadily and nobody leaves: BG/NBD's a/(a+b) (the chance of leaving
        // after a purchase) is pushed to 0, and the fit must not present that as estimates.
        int n = 500;
        long[] x = new long[n];
        double[] tx = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 10 + i % 7;
            t[i] = 40;
            tx[i] = 39.5 + (i % 5) * 0.1;
        }
        ReservoirException e = assertThrows(ReservoirException.class,
                () -> Models.fitBgNbd(SummaryRows.of(x, tx, t, null), FitOptions.DEFAULT));
        assertEquals(ErrorCode.MODEL_NOT_CONVERGED, e.code());
        // (which check stops it, a parameter on its bound or a slope left where the optimiser
        // gave up, depends on how far it got; either way no parameters are returned)
        assertTrue(e.getMessage().startsWith("BG/NBD: the maximum-likelihood fit did not converge: "), e.getMessage());
    }

    @Test
    void penalty_shrinksTheParameters() {
        Simulation.Base base = Simulation.bgNbd(new BgNbd(0.6, 2.5, 1.5, 6), 300, 26, 52, 0, 8);
        Fit<BgNbd> plain = Models.fitBgNbd(base.rows(), FitOptions.DEFAULT);
        Fit<BgNbd> penalised = Models.fitBgNbd(base.rows(), FitOptions.DEFAULT.withPenalty(0.1));
        assertTrue(sumOfSquares(penalised) < sumOfSquares(plain), plain + " vs " + penalised);
        assertTrue(penalised.logLikelihood() < plain.logLikelihood());
        assertEquals(0.1, penalised.penalty());
    }

    @Test
    void compressedLikelihoods_equalTheSumOverCustomers() {
        // The weighted rows, shared time logs and (x, time) pair terms against the models'
        // own one-customer formulas summed customer by customer; times on a day grid so that
        // many customers share rows.
        Simulation.Base base = Simulation.onGrid(Simulation.paretoNbd(CDNOW_PARETO, 3000, 0, 39, 0, 3), 1 / 7.0);
        SummaryRows rows = base.rows();
        assertTrue(rows.rows() < 1500, "rows " + rows.rows());
        for (PurchaseModel m : new PurchaseModel[] {CDNOW_BG, CDNOW_PARETO, new ParetoNbd(0.4, 3, 2, 30)}) {
            double direct = 0;
            for (int i = 0; i < base.size(); i++) {
                direct += m.logLikelihood(base.x()[i], base.tx()[i], base.t()[i]);
            }
            assertEquals(direct, Models.logLikelihood(m, rows), 1e-9 * Math.abs(direct), m.toString());
        }
        // Scores handed back per customer are the model's per-customer values.
        Scores scores = Scores.of(CDNOW_BG, rows, 39);
        for (int i = 0; i < base.size(); i += 97) {
            assertEquals(CDNOW_BG.probabilityAlive(base.x()[i], base.tx()[i], base.t()[i]), scores.probabilityAlive(i));
            assertEquals(CDNOW_BG.expectedPurchases(39, base.x()[i], base.tx()[i], base.t()[i]), scores.expectedPurchases(i));
        }
    }

    @Test
    void bgNbdGradient_matchesCentralDifferences() {
        Simulation.Base base = Simulation.bgNbd(new BgNbd(0.6, 2.5, 1.5, 6), 2000, 26, 52, 0, 4);
        BgNbdLikelihood l = new BgNbdLikelihood(base.rows());
        double[] p = {0.5, 3, 1.2, 5};
        double[] analytic = l.gradient(p);
        for (int i = 0; i < 4; i++) {
            double h = 1e-6 * p[i];
            double[] up = p.clone();
            double[] down = p.clone();
            up[i] += h;
            down[i] -= h;
            double numeric = (l.value(up) - l.value(down)) / (2 * h);
            assertEquals(numeric, analytic[i], 1e-5 * Math.max(1, Math.abs(numeric)), "parameter " + i);
        }
        SpendRows spend = SpendRows.of(base.x(), Simulation.spend(new GammaGamma(6.25, 3.74, 15.44), base.x(), 5), null);
        GammaGammaLikelihood g = new GammaGammaLikelihood(spend);
        double[] q = {5, 3, 12};
        double[] ga = g.gradient(q);
        for (int i = 0; i < 3; i++) {
            double h = 1e-6 * q[i];
            double[] up = q.clone();
            double[] down = q.clone();
            up[i] += h;
            down[i] -= h;
            assertEquals((g.value(up) - g.value(down)) / (2 * h), ga[i], 1e-5 * Math.max(1, Math.abs(ga[i])), "spend " + i);
        }
    }

    private static double sumOfSquares(Fit<?> fit) {
        return fit.parameters().stream().mapToDouble(v -> v * v).sum();
    }
}
