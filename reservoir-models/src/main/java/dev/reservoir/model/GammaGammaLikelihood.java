package dev.reservoir.model;

import org.hipparchus.special.Gamma;

/**
 * Gamma-Gamma's log-likelihood and analytic gradient over {@link SpendRows}: per repeat buyer
 * lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln m + px ln x − (px+q) ln(γ + m x).
 */
final class GammaGammaLikelihood extends AnalyticLikelihood {
    private final SpendRows rows;

    GammaGammaLikelihood(SpendRows rows) {
        this.rows = rows;
    }

    @Override
    public ModelKind kind() {
        return ModelKind.GAMMA_GAMMA;
    }

    @Override
    double evaluate(double[] params, double[] grad) {
        double p = params[0];
        double q = params[1];
        double gamma = params[2];
        double logGammaQ = Gamma.logGamma(q);
        double logG = Math.log(gamma);
        double digammaQ = grad == null ? 0 : Gamma.digamma(q);
        boolean withGradient = grad != null;
        double[] sums = RowChunks.sum(rows.x.length, 4, (from, to, acc) -> {
            double sum = 0;
            double gp = 0;
            double gq = 0;
            double gg = 0;
            int lastX = -1;
            double perX = 0;
            double logX = 0;
            double dpx = 0;
            double dpxq = 0;
            for (int i = from; i < to; i++) {
                int x = rows.x[i];
                double px = p * x;
                if (x != lastX) {
                    lastX = x;
                    logX = Math.log(x);
                    perX = Gamma.logGamma(px + q) - Gamma.logGamma(px) + px * logX;
                    if (withGradient) {
                        dpxq = Gamma.digamma(px + q);
                        dpx = Gamma.digamma(px);
                    }
                }
                double m = rows.m[i];
                double logM = rows.logM[i];
                double logGm = Math.log(gamma + m * x);
                double w = rows.weight[i];
                sum += w * (perX + (px - 1) * logM - (px + q) * logGm);
                if (withGradient) {
                    gp += w * x * (dpxq - dpx + logM + logX - logGm);
                    gq += w * (dpxq - logGm);
                    gg += w * (px + q) / (gamma + m * x);
                }
            }
            acc[0] += sum;
            acc[1] += gp;
            acc[2] += gq;
            acc[3] += gg;
        });
        double sum = sums[0];
        double gp = sums[1];
        double gq = sums[2];
        double gg = sums[3];
        double n = rows.customers();
        if (grad != null) {
            grad[0] = gp;
            grad[1] = gq + n * (logG - digammaQ);
            grad[2] = n * q / gamma - gg;
        }
        return sum + n * (q * logG - logGammaQ);
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
