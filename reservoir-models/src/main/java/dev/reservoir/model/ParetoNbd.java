package dev.reservoir.model;

import org.hipparchus.special.Gamma;
import org.hipparchus.util.FastMath;

import java.util.List;

/**
 * Pareto/NBD (Schmittlein, Morrison and Colombo 1987): while alive a customer buys at rate
 * λ ~ gamma(r, α); their lifetime is exponential with rate μ ~ gamma(s, β), independent of λ.
 * Likelihood, P(alive) and conditional expectation as in Fader and Hardie, "A Note on Deriving
 * the Pareto/NBD Model and Related Expressions" (2005), equations (22), (25) and the
 * conditional expectation note; the Gauss hypergeometric terms are summed in log space by
 * {@link Hypergeometric#logA1}.
 */
public record ParetoNbd(double r, double alpha, double s, double beta) implements PurchaseModel {
    public ParetoNbd {
        Params.positive("Pareto/NBD", List.of("r", "alpha", "s", "beta"), r, alpha, s, beta);
    }

    @Override
    public ModelKind kind() {
        return ModelKind.PARETO_NBD;
    }

    @Override
    public List<Double> parameters() {
        return List.of(r, alpha, s, beta);
    }

    @Override
    public double logLikelihood(double x, double tx, double t) {
        double a1 = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * FastMath.log(alpha) + s * FastMath.log(beta);
        return a1 + logBracket(x, tx, t, r, alpha, s, beta);
    }

    /**
     * ln[ 1/((α+T)^(r+x) (β+T)^s) + s/(r+s+x) A0 ]: the part of ln L that depends on t_x and T.
     */
    static double logBracket(double x, double tx, double t, double r, double alpha, double s, double beta) {
        double alive = -(r + x) * FastMath.log(alpha + t) - s * FastMath.log(beta + t);
        double logA0 = logA0(x, tx, t, r, alpha, s, beta);
        return LogSpace.add(alive, FastMath.log(s) - FastMath.log(r + s + x) + logA0);
    }

    /**
     * ln A0, with m = max(α, β), k = s + 1 when α ≥ β and r + x when α &lt; β:
     * A0 = 2F1(r+s+x, k; r+s+x+1; |α−β|/(m+t_x)) / (m+t_x)^(r+s+x) − the same at T.
     */
    static double logA0(double x, double tx, double t, double r, double alpha, double s, double beta) {
        if (tx == t) {
            return Double.NEGATIVE_INFINITY;
        }
        double m = FastMath.max(alpha, beta);
        double k = alpha >= beta ? s + 1 : r + x;
        double d = FastMath.abs(alpha - beta);
        double a = r + s + x;
        double atTx = Hypergeometric.logA1(a, k, d / (m + tx)) - a * FastMath.log(m + tx);
        double atT = Hypergeometric.logA1(a, k, d / (m + t)) - a * FastMath.log(m + t);
        return LogSpace.subtract(atTx, atT);
    }

    @Override
    public double probabilityAlive(double x, double tx, double t) {
        double log = FastMath.log(s) - FastMath.log(r + s + x) + (r + x) * FastMath.log(alpha + t)
                + s * FastMath.log(beta + t) + logA0(x, tx, t, r, alpha, s, beta);
        return 1 / (1 + FastMath.exp(log));
    }

    @Override
    public double expectedPurchases(double horizon, double x, double tx, double t) {
        // (r+x)(β+T) / ((α+T)(s−1)) [1 − ((β+T)/(β+T+t))^(s−1)] P(alive)
        return (r + x) / (alpha + t) * shrinking(beta + t, horizon) * probabilityAlive(x, tx, t);
    }

    @Override
    public double expectedPurchasesNewCustomer(double t) {
        // r β / (α (s−1)) [1 − (β/(β+t))^(s−1)]
        return r / alpha * shrinking(beta, t);
    }

    /**
     * c/(s−1) [1 − (c/(c+t))^(s−1)], written with expm1 so that it stays exact near s = 1, where
     * it tends to c ln((c+t)/c).
     */
    private double shrinking(double c, double t) {
        double log = FastMath.log1p(t / c);
        double e = s - 1;
        if (FastMath.abs(e * log) < 1e-12) {
            return c * log;
        }
        return -c * FastMath.expm1(-e * log) / e;
    }
}
