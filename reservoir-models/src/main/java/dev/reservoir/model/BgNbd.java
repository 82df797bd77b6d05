package dev.reservoir.model;

import org.hipparchus.special.Gamma;
import org.hipparchus.util.FastMath;

import java.util.List;

/**
 * BG/NBD (Fader, Hardie and Lee 2005, "Counting Your Customers the Easy Way"): while alive a
 * customer buys at rate λ ~ gamma(r, α); after each purchase they leave with probability
 * p ~ beta(a, b). The formulas are the paper's equations (6), (8), (10) and (11); each is
 * evaluated with the customer-specific terms in log space.
 */
public record BgNbd(double r, double alpha, double a, double b) implements PurchaseModel {
    public BgNbd {
        Params.positive("BG/NBD", List.of("r", "alpha", "a", "b"), r, alpha, a, b);
    }

    @Override
    public ModelKind kind() {
        return ModelKind.BG_NBD;
    }

    @Override
    public List<Double> parameters() {
        return List.of(r, alpha, a, b);
    }

    @Override
    public double logLikelihood(double x, double tx, double t) {
        double a1 = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * FastMath.log(alpha);
        double a2 = Gamma.logGamma(a + b) + Gamma.logGamma(b + x) - Gamma.logGamma(b) - Gamma.logGamma(a + b + x);
        double a3 = -(r + x) * FastMath.log(alpha + t);
        if (x == 0) {
            return a1 + a2 + a3;
        }
        double a4 = FastMath.log(a) - FastMath.log(b + x - 1) - (r + x) * FastMath.log(alpha + tx);
        return a1 + a2 + LogSpace.add(a3, a4);
    }

    @Override
    public double probabilityAlive(double x, double tx, double t) {
        if (x == 0) {
            return 1;
        }
        // 1 / (1 + a/(b+x-1) ((α+T)/(α+t_x))^(r+x)), the ratio taken in logs
        double log = FastMath.log(a / (b + x - 1)) + (r + x) * (FastMath.log(alpha + t) - FastMath.log(alpha + tx));
        return 1 / (1 + FastMath.exp(log));
    }

    @Override
    public double expectedPurchases(double horizon, double x, double tx, double t) {
        if (horizon == 0) {
            return 0;
        }
        double z = horizon / (alpha + t + horizon);
        double f = Hypergeometric.value(r + x, b + x, a + b + x - 1, z);
        double inner = 1 - FastMath.exp((r + x) * FastMath.log((alpha + t) / (alpha + t + horizon))) * f;
        // equation (10)'s denominator 1 + δ(x>0) a/(b+x−1) ((α+T)/(α+t_x))^(r+x) is 1 / P(alive)
        return (a + b + x - 1) / (a - 1) * inner * probabilityAlive(x, tx, t);
    }

    @Override
    public double expectedPurchasesNewCustomer(double t) {
        if (t == 0) {
            return 0;
        }
        double f = Hypergeometric.value(r, b, a + b - 1, t / (alpha + t));
        return (a + b - 1) / (a - 1) * (1 - FastMath.pow(alpha / (alpha + t), r) * f);
    }

    /**
     * P(X(t) = n): the probability that a new customer makes exactly n repeat purchases in
     * (0, t] (equation 8 of the paper).
     */
    public double probabilityOfPurchases(int n, double t) {
        if (n < 0) {
            throw new IllegalArgumentException("the number of purchases must be at least 0, was " + n);
        }
        double logBeta0 = logBeta(a, b);
        double logAlpha = FastMath.log(alpha / (alpha + t));
        double logT = t == 0 ? Double.NEGATIVE_INFINITY : FastMath.log(t / (alpha + t));
        double nbd = Gamma.logGamma(r + n) - Gamma.logGamma(r) - Gamma.logGamma(n + 1) + r * logAlpha
                + (n == 0 ? 0 : n * logT);
        double first = FastMath.exp(logBeta(a, b + n) - logBeta0 + nbd);
        if (n == 0) {
            return first;
        }
        double partial = 0;
        for (int j = 0; j < n; j++) {
            partial += FastMath.exp(Gamma.logGamma(r + j) - Gamma.logGamma(r) - Gamma.logGamma(j + 1) + r * logAlpha
                    + (j == 0 ? 0 : j * logT));
        }
        return first + FastMath.exp(logBeta(a + 1, b + n - 1) - logBeta0) * (1 - partial);
    }

    private static double logBeta(double p, double q) {
        return Gamma.logGamma(p) + Gamma.logGamma(q) - Gamma.logGamma(p + q);
    }
}
