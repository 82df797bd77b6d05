package dev.reservoir.model;

import org.hipparchus.special.Gamma;

/**
 * Pareto/NBD's log-likelihood over {@link SummaryRows}:
 * ln L = lnΓ(r+x) − lnΓ(r) + r ln α + s ln β + ln[1/((α+T)^(r+x)(β+T)^s) + s/(r+s+x) A0], with
 * A0 as in {@link ParetoNbd#logA0}. The hypergeometric series depend on x and one time only, so
 * they are summed once per distinct (x, time) pair, not per customer; a row then costs two
 * exps and two logs. No analytic gradient: its derivatives need those of 2F1 in its parameters,
 * a second series per term, and the derivative-free optimiser does not use one.
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
        double m = Math.max(alpha, beta);
        double d = Math.abs(alpha - beta);
        boolean alphaLarger = alpha >= beta;
        double[] times = rows.times;
        double[] logAlphaT = new double[times.length];
        double[] logBetaT = new double[times.length];
        double[] logMaxT = new double[times.length];
        for (int k = 0; k < times.length; k++) {
            logAlphaT[k] = Math.log(alpha + times[k]);
            logBetaT[k] = Math.log(beta + times[k]);
            logMaxT[k] = alphaLarger ? logAlphaT[k] : logBetaT[k];
        }
        int[] pairX = rows.pairX;
        int[] pairTime = rows.pairTime;
        double[] alive = new double[pairX.length];
        double[] at = new double[pairX.length];
        double[] weightA0 = new double[pairX.length];
        double logS = Math.log(s);
        for (int q = 0; q < pairX.length; q++) {
            int x = pairX[q];
            int k = pairTime[q];
            double a = r + s + x;
            alive[q] = -(r + x) * logAlphaT[k] - s * logBetaT[k];
            at[q] = Hypergeometric.logA1(a, alphaLarger ? s + 1 : r + x, d / (m + times[k])) - a * logMaxT[k];
            weightA0[q] = logS - Math.log(a);
        }
        int[] xs = rows.x;
        double sum = RowChunks.sum(xs.length, 1, (from, to, acc) -> {
            double part = 0;
            int lastX = -1;
            double perX = 0;
            for (int i = from; i < to; i++) {
                int x = xs[i];
                if (x != lastX) {
                    lastX = x;
                    perX = Gamma.logGamma(r + x);
                }
                int pt = rows.tPair[i];
                double bracket = alive[pt];
                if (rows.tIndex[i] != rows.txIndex[i]) {
                    double logA0 = LogSpace.subtract(at[rows.txPair[i]], at[pt]);
                    bracket = LogSpace.add(bracket, weightA0[pt] + logA0);
                }
                part += rows.weight[i] * (perX + bracket);
            }
            acc[0] += part;
        })[0];
        double constant = -Gamma.logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
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
