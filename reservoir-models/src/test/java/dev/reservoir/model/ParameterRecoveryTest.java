package dev.reservoir.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Data simulated from known parameters (fixed seeds) is fitted back: each estimate within 3 of
 * its standard errors of the truth. With correct likelihoods and standard errors a single
 * parameter misses by more than 3 SE with probability 0.27 %; the seeds are fixed, so the test
 * is deterministic, and a wrong likelihood or information matrix misses by far more.
 */
class ParameterRecoveryTest {
    private static final int CUSTOMERS = 4000;

    static Stream<BgNbd> bgNbdSets() {
        return Stream.of(new BgNbd(0.243, 4.414, 0.793, 2.426), new BgNbd(1.5, 8, 0.4, 4), new BgNbd(0.6, 2.5, 1.5, 6));
    }

    static Stream<ParetoNbd> paretoSets() {
        return Stream.of(new ParetoNbd(0.553, 10.578, 0.606, 11.669), new ParetoNbd(1.2, 6, 0.9, 30),
                new ParetoNbd(0.8, 15, 1.5, 8));
    }

    static Stream<GammaGamma> spendSets() {
        return Stream.of(new GammaGamma(6.25, 3.74, 15.44), new GammaGamma(2, 5, 40), new GammaGamma(10, 2.5, 3));
    }

    @ParameterizedTest
    @MethodSource("bgNbdSets")
    void bgNbd_fitsSimulatedDataBackWithin3StandardErrors(BgNbd truth) {
        Simulation.Base base = Simulation.bgNbd(truth, CUSTOMERS, 26, 52, 0, 11);
        Fit<BgNbd> fit = Models.fitBgNbd(base.rows(), FitOptions.DEFAULT);
        assertWithin3(truth.parameters(), fit);
    }

    @ParameterizedTest
    @MethodSource("paretoSets")
    void paretoNbd_fitsSimulatedDataBackWithin3StandardErrors(ParetoNbd truth) {
        Simulation.Base base = Simulation.paretoNbd(truth, CUSTOMERS, 26, 52, 0, 12);
        Fit<ParetoNbd> fit = Models.fitParetoNbd(base.rows(), FitOptions.DEFAULT);
        assertWithin3(truth.parameters(), fit);
    }

    @ParameterizedTest
    @MethodSource("spendSets")
    void gammaGamma_fitsSimulatedDataBackWithin3StandardErrors(GammaGamma truth) {
        // x from a BG/NBD base, values from the spend model. Only repeat buyers carry spend
        // (about half here), and q and γ are estimated together with a small-sample bias
        // (the MLE's O(1/n) against the SE's O(1/√n)), so this base is larger.
        Simulation.Base base = Simulation.bgNbd(new BgNbd(1.0, 4, 0.5, 3), 4 * CUSTOMERS, 26, 52, 0, 13);
        double[] m = Simulation.spend(truth, base.x(), 14);
        Fit<GammaGamma> fit = Models.fitGammaGamma(SpendRows.of(base.x(), m, null), FitOptions.DEFAULT);
        assertWithin3(truth.parameters(), fit);
    }

    private static void assertWithin3(List<Double> truth, Fit<?> fit) {
        for (int i = 0; i < truth.size(); i++) {
            double z = (fit.parameters().get(i) - truth.get(i)) / fit.standardErrors().get(i);
            String name = fit.kind().parameterNames().get(i);
            assertTrue(Math.abs(z) < 3, () -> name + ": true " + truth + ", fitted " + fit.parameters()
                    + ", standard errors " + fit.standardErrors());
        }
    }
}
