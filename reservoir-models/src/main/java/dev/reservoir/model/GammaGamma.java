package dev.reservoir.model;

import org.hipparchus.special.Gamma;
import org.hipparchus.util.FastMath;

import java.util.List;

/**
 * The Gamma-Gamma spend model (Fader, Hardie and Lee 2005, "RFM and CLV"; Fader and Hardie, "The
 * Gamma-Gamma Model of Monetary Value", 2013): a customer's purchase values are gamma(p, ν)
 * around their own mean p/ν, and ν ~ gamma(q, γ) across customers. It assumes the value of a
 * purchase does not depend on how often the customer buys.
 */
public record GammaGamma(double p, double q, double gamma) {
    public GammaGamma {
        Params.positive("Gamma-Gamma", List.of("p", "q", "gamma"), p, q, gamma);
    }

    public List<Double> parameters() {
        return List.of(p, q, gamma);
    }

    /** ln f(m_x | x): the density of the average m of x purchase values. */
    public double logLikelihood(double x, double m) {
        return Gamma.logGamma(p * x + q) - Gamma.logGamma(p * x) - Gamma.logGamma(q) + q * FastMath.log(gamma)
                + (p * x - 1) * FastMath.log(m) + p * x * FastMath.log(x) - (p * x + q) * FastMath.log(gamma + m * x);
    }

    /**
     * E[M | x, m_x] = (γ + x m_x) p / (p x + q − 1): a weighted mean of the population mean
     * γ p / (q − 1) and the customer's own average, the weight on the latter growing with x.
     * Without purchases (x = 0) it is the population mean. Needs q &gt; 1.
     */
    public double expectedAverageValue(double x, double m) {
        if (q <= 1) {
            throw new IllegalStateException("Gamma-Gamma with q = " + q + " ≤ 1 has no finite mean spend");
        }
        return (gamma + m * x) * p / (p * x + q - 1);
    }

    /** The population mean spend per purchase, γ p / (q − 1). */
    public double populationMean() {
        return expectedAverageValue(0, 0);
    }
}
