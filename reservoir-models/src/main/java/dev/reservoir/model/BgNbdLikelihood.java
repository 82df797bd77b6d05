package dev.reservoir.model;

import org.hipparchus.special.Gamma;
import org.hipparchus.util.FastMath;

/**
 * BG/NBD's log-likelihood and its analytic gradient over {@link SummaryRows}. Per customer
 * ln L = A1(x) + A2(x) + ln(e^A3 + δ(x>0) e^A4) with A1 = lnΓ(r+x) − lnΓ(r) + r ln α,
 * A2 = ln B(a, b+x) − ln B(a, b), A3 = −(r+x) ln(α+T), A4 = ln a − ln(b+x−1) − (r+x) ln(α+t_x).
 * The gradient weighs the two terms by π = e^A4 / (e^A3 + e^A4); it costs the same logs as the
 * value plus digammas once per distinct x, and gives the Hessian for the standard errors.
 */
final class BgNbdLikelihood implements Likelihood {
    private final SummaryRows rows;

    BgNbdLikelihood(SummaryRows rows) {
        this.rows = rows;
    }

    @Override
    public ModelKind kind() {
        return ModelKind.BG_NBD;
    }

    @Override
    public double value(double[] p) {
        return evaluate(p, null);
    }

    @Override
    public double[] gradient(double[] p) {
        double[] g = new double[4];
        evaluate(p, g);
        return g;
    }

    @Override
    public boolean analyticGradient() {
        return true;
    }

    private double evaluate(double[] p, double[] grad) {
        double r = p[0];
        double alpha = p[1];
        double a = p[2];
        double b = p[3];
        double logAlpha = FastMath.log(alpha);
        double logA = FastMath.log(a);
        double constant = -Gamma.logGamma(r) + r * logAlpha + Gamma.logGamma(a + b) - Gamma.logGamma(b);
        double dConstR = grad == null ? 0 : -Gamma.digamma(r) + logAlpha;
        double dConstAb = grad == null ? 0 : Gamma.digamma(a + b);
        double dConstB = grad == null ? 0 : -Gamma.digamma(b);
        int[] xs = rows.x;
        double[] txs = rows.tx;
        double[] ts = rows.t;
        double[] w = rows.weight;
        double sum = 0;
        double gr = 0;
        double ga = 0;
        double gAlpha = 0;
        double gb = 0;
        int lastX = -1;
        double perX = 0;
        double dRx = 0;
        double dAx = 0;
        double dBx = 0;
        double logBx1 = 0;
        for (int i = 0; i < xs.length; i++) {
            int x = xs[i];
            if (x != lastX) {
                lastX = x;
                perX = Gamma.logGamma(r + x) + Gamma.logGamma(b + x) - Gamma.logGamma(a + b + x);
                logBx1 = x > 0 ? FastMath.log(b + x - 1) : 0;
                if (grad != null) {
                    dRx = Gamma.digamma(r + x);
                    double dAbx = Gamma.digamma(a + b + x);
                    dAx = -dAbx;
                    dBx = Gamma.digamma(b + x) - dAbx;
                }
            }
            double rx = r + x;
            double logAt = FastMath.log(alpha + ts[i]);
            double a3 = -rx * logAt;
            double ll;
            double pi;
            double logAtx = 0;
            if (x == 0) {
                ll = a3;
                pi = 0;
            } else {
                logAtx = FastMath.log(alpha + txs[i]);
                double a4 = logA - logBx1 - rx * logAtx;
                if (a3 >= a4) {
                    double e = FastMath.exp(a4 - a3);
                    ll = a3 + FastMath.log1p(e);
                    pi = e / (1 + e);
                } else {
                    double e = FastMath.exp(a3 - a4);
                    ll = a4 + FastMath.log1p(e);
                    pi = 1 / (1 + e);
                }
            }
            double wi = w[i];
            sum += wi * (perX + ll);
            if (grad != null) {
                double q = 1 - pi;
                gr += wi * (dRx - q * logAt - pi * logAtx);
                gAlpha += wi * (-q * rx / (alpha + ts[i]) - (x == 0 ? 0 : pi * rx / (alpha + txs[i])));
                ga += wi * (dAx + (x == 0 ? 0 : pi / a));
                gb += wi * (dBx - (x == 0 ? 0 : pi / (b + x - 1)));
            }
        }
        double n = rows.customers();
        if (grad != null) {
            grad[0] = gr + n * dConstR;
            grad[1] = gAlpha + n * r / alpha;
            grad[2] = ga + n * dConstAb;
            grad[3] = gb + n * (dConstAb + dConstB);
        }
        return sum + n * constant;
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
