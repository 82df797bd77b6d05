package dev.reservoir.model;

import org.hipparchus.util.FastMath;

/** Sums and differences of numbers held as logarithms, without leaving log space. */
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
        return u > v ? u + FastMath.log1p(FastMath.exp(v - u)) : v + FastMath.log1p(FastMath.exp(u - v));
    }

    /** ln(e^u − e^v) for u ≥ v; −∞ when they are equal. */
    static double subtract(double u, double v) {
        if (v == Double.NEGATIVE_INFINITY) {
            return u;
        }
        return u + FastMath.log(-FastMath.expm1(v - u));
    }
}
