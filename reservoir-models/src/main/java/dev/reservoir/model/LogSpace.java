package dev.reservoir.model;


/**
 * Sums and differences of numbers held as logarithms, without leaving log space. They run once
 * or twice per row of every likelihood evaluation, so they use {@link Math}'s exp and log (JIT
 * intrinsics) and keep log1p / expm1 for where they matter: a difference of nearly equal terms.
 */
final class LogSpace {
    private LogSpace() {
    }

    /** ln(e^u + e^v). */
    static double add(double u, double v) {
        if (u == Double.NEGATIVE_INFINITY) {
            return v;
        }
        if (v == Double.NEGATIVE_INFINITY) {
            return u;
        }
        // the smaller term relative to the larger is ≤ 1, so log(1 + e) is off by at most ~1e-16
        return u > v ? u + Math.log(1 + Math.exp(v - u)) : v + Math.log(1 + Math.exp(u - v));
    }

    /** ln(e^u − e^v) for u ≥ v; −∞ when they are equal. */
    static double subtract(double u, double v) {
        if (v == Double.NEGATIVE_INFINITY) {
            return u;
        }
        double d = v - u;
        // far apart, 1 − e^d has no cancellation; close together, expm1 keeps the digits
        return u + (d < -0.7 ? Math.log(1 - Math.exp(d)) : Math.log(-Math.expm1(d)));
    }
}
