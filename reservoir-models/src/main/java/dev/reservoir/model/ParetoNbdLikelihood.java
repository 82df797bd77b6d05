package dev.reservoir.model;

import org.hipparchus.special.Gamma;
import org.hipparchus.util.FastMath;

/**
 * Pareto/NBD's log-likelihood over {@link SummaryRows}: ln L = lnΓ(r+x) − lnΓ(r) + r ln α + s ln β
 * + ln[1/((α+T)^(r+x)(β+T)^s) + s/(r+s+x) A0], the bracket by {@link ParetoNbd#logBracket}. No
 * analytic gradient: its derivatives need those of 2F1 in its parameters, a second series per
 * term, and the derivative-free optimiser does not use one.
 */
final class ParetoNbdLikelihood implements Likelihood {
    private final SummaryRows rows;

    ParetoNbdLikelihood(SummaryRows rows) {
        this.rows = rows;
    }

    @Override
    public ModelKind kind() {
        return ModelKind.PARETO_NBD;
    }

    @Override
    public double value(double[] p) {
        double r = p[0];
        double alpha = p[1];
        double s = p[2];
        double beta = p[3];
        double constant = -Gamma.logGamma(r) + r * FastMath.log(alpha) + s * FastMath.log(beta);
        int[] xs = rows.x;
        double sum = 0;
        int lastX = -1;
        double perX = 0;
        for (int i = 0; i < xs.length; i++) {
            int x = xs[i];
            if (x != lastX) {
                lastX = x;
                perX = Gamma.logGamma(r + x);
            }
            sum += rows.weight[i] * (perX + ParetoNbd.logBracket(x, rows.tx[i], rows.t[i], r, alpha, s, beta));
        }
        return sum + rows.customers() * constant;
    }

    @Override
    public long customers() {
        return rows.customers();
    }

    @Override
    public int rows() {
        return rows.rows();
    }
}
