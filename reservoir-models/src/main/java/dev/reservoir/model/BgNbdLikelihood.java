package dev.reservoir.model;

import org.hipparchus.special.Gamma;

/**
 * BG/NBD's log-likelihood and its analytic gradient over {@link SummaryRows}. Per customer
 * ln L = A1(x) + A2(x) + ln(e^A3 + δ(x>0) e^A4) with A1 = lnΓ(r+x) − lnΓ(r) + r ln α,
 * A2 = ln B(a, b+x) − ln B(a, b), A3 = −(r+x) ln(α+T), A4 = ln a − ln(b+x−1) − (r+x) ln(α+t_x).
 * A3 and A4 are computed once per distinct (x, time) pair, the logarithms once per distinct
 * time, so a row costs one exp and one log1p. The gradient weighs the two terms by
 * π = e^A4 / (e^A3 + e^A4); it needs digammas once per distinct x and gives the Hessian for the
 * standard errors.
 */
final class BgNbdLikelihood extends AnalyticLikelihood {
    private final SummaryRows rows;

    BgNbdLikelihood(SummaryRows rows) {
        this.rows = rows;
    }

    @Override
    public ModelKind kind() {
        return ModelKind.BG_NBD;
    }

    @Override
    double evaluate(double[] p, double[] grad) {
        double r = p[0];
        double alpha = p[1];
        double a = p[2];
        double b = p[3];
        double logAlpha = Math.log(alpha);
        double logA = Math.log(a);
        double[] times = rows.times;
        double[] logTime = new double[times.length];
        for (int k = 0; k < times.length; k++) {
            logTime[k] = Math.log(alpha + times[k]);
        }
        int[] pairX = rows.pairX;
        int[] pairTime = rows.pairTime;
        double[] a3 = new double[pairX.length];
        double[] a4 = new double[pairX.length];
        for (int q = 0; q < pairX.length; q++) {
            int x = pairX[q];
            double l = (r + x) * logTime[pairTime[q]];
            a3[q] = -l;
            a4[q] = x == 0 ? Double.NEGATIVE_INFINITY : logA - Math.log(b + x - 1) - l;
        }
        double constant = -Gamma.logGamma(r) + r * logAlpha + Gamma.logGamma(a + b) - Gamma.logGamma(b);
        int[] xs = rows.x;
        int[] tPair = rows.tPair;
        int[] txPair = rows.txPair;
        int[] tIndex = rows.tIndex;
        int[] txIndex = rows.txIndex;
        double[] w = rows.weight;
        boolean withGradient = grad != null;
        double[] sums = RowChunks.sum(xs.length, 5, (from, to, acc) -> {
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
            for (int i = from; i < to; i++) {
                int x = xs[i];
                if (x != lastX) {
                    lastX = x;
                    perX = Gamma.logGamma(r + x) + Gamma.logGamma(b + x) - Gamma.logGamma(a + b + x);
                    if (withGradient) {
                        dRx = Gamma.digamma(r + x);
                        double dAbx = Gamma.digamma(a + b + x);
                        dAx = -dAbx;
                        dBx = Gamma.digamma(b + x) - dAbx;
                    }
                }
                double u = a3[tPair[i]];
                double ll;
                double pi;
                if (x == 0) {
                    ll = u;
                    pi = 0;
                } else {
                    double v = a4[txPair[i]];
                    if (u >= v) {
                        double e = Math.exp(v - u);
                        ll = u + Math.log(1 + e); // e ≤ 1: absolute error ~1e-16, and Math.log is an intrinsic
                        pi = e / (1 + e);
                    } else {
                        double e = Math.exp(u - v);
                        ll = v + Math.log(1 + e);
                        pi = 1 / (1 + e);
                    }
                }
                double wi = w[i];
                sum += wi * (perX + ll);
                if (withGradient) {
                    double q = 1 - pi;
                    double rx = r + x;
                    gr += wi * (dRx - q * logTime[tIndex[i]] - pi * logTime[txIndex[i]]);
                    gAlpha += wi * (-q * rx / (alpha + times[tIndex[i]]) - (x == 0 ? 0 : pi * rx / (alpha + times[txIndex[i]])));
                    ga += wi * (dAx + (x == 0 ? 0 : pi / a));
                    gb += wi * (dBx - (x == 0 ? 0 : pi / (b + x - 1)));
                }
            }
            acc[0] += sum;
            acc[1] += gr;
            acc[2] += gAlpha;
            acc[3] += ga;
            acc[4] += gb;
        });
        double sum = sums[0];
        double gr = sums[1];
        double gAlpha = sums[2];
        double ga = sums[3];
        double gb = sums[4];
        double n = rows.customers();
        if (grad != null) {
            double dConstAb = Gamma.digamma(a + b);
            grad[0] = gr + n * (-Gamma.digamma(r) + logAlpha);
            grad[1] = gAlpha + n * r / alpha;
            grad[2] = ga + n * dConstAb;
            grad[3] = gb + n * (dConstAb - Gamma.digamma(b));
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
