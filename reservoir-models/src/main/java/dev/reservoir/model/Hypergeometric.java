package dev.reservoir.model;


/**
 * The Gauss hypergeometric function 2F1 where the models need it, as a logarithm: the series
 * are summed after a transformation that keeps every term positive and the term ratio below z,
 * so there is no cancellation and no overflow however large the counts are.
 *
 * <p>The Pareto/NBD likelihood needs 2F1(a, b; a + 1; z) with a = r + s + x, b = s + 1 or r + x
 * and 0 ≤ z &lt; 1 (Fader and Hardie, "A Note on Deriving the Pareto/NBD Model and Related
 * Expressions", 2005). For b ≤ 1 the plain series has term ratio (a+j)(b+j)z / ((a+1+j)(j+1)) ≤ z;
 * for b &gt; 1 Euler's transformation 2F1(a, b; c; z) = (1 − z)^(c−a−b) 2F1(c − a, c − b; c; z) turns
 * it into (1 − z)^(1−b) 2F1(1, a + 1 − b; a + 1; z), whose term ratio (a+1−b+j)z / (a+1+j) is
 * below z because a + 1 − b &gt; 0 (it is r + x or s + 1). Both converge geometrically at rate z.
 * (lifetimes calls SciPy's hyp2f1 and BTYD sums the plain series; this is the plain series made
 * safe for large x.)
 */
final class Hypergeometric {
    /** Relative size of the last term kept. */
    private static final double EPSILON = 1e-17;
    /** Beyond this many terms z is within about 1e-7 of 1: the fit is far off and the caller says so. */
    static final int MAX_TERMS = 500_000;

    private Hypergeometric() {
    }

    /** ln 2F1(a, b; a + 1; z) for a &gt; 0, 0 &lt; b &lt; a + 1, 0 ≤ z &lt; 1. */
    static double logA1(double a, double b, double z) {
        if (!(b < a + 1)) {
            // never so in Pareto/NBD (a + 1 − b is r + x or s + 1); the Euler series needs it
            throw new IllegalArgumentException("2F1(a, b; a + 1; z) is summed here for b < a + 1, was a=" + a + ", b=" + b);
        }
        if (z == 0) {
            return 0;
        }
        double sum = 1;
        double term = 1;
        if (b <= 1) {
            for (int j = 0; j < MAX_TERMS; j++) {
                term *= (a + j) * (b + j) / ((a + 1 + j) * (j + 1)) * z;
                sum += term;
                if (term < EPSILON * sum) {
                    return Math.log(sum);
                }
            }
            return Double.NaN;
        }
        double c = a + 1 - b;
        for (int j = 0; j < MAX_TERMS; j++) {
            term *= (c + j) / (a + 1 + j) * z;
            sum += term;
            if (term < EPSILON * sum) {
                return (1 - b) * Math.log1p(-z) + Math.log(sum);
            }
        }
        return Double.NaN;
    }

    /**
     * 2F1(a, b; c; z) for 0 ≤ z &lt; 1 and c not a non-positive integer, as BG/NBD's expected
     * purchases need it (a = r + x, b = b + x, c = a + b + x − 1, z = t / (α + T + t)). When
     * a + b &gt; c the function grows like (1 − z)^(c−a−b) and the plain series would first climb to
     * huge terms (for large x); Euler's transformation takes that factor out and leaves a series
     * in c − a and c − b, whose terms shrink from the start.
     */
    static double value(double a, double b, double c, double z) {
        if (z == 0) {
            return 1;
        }
        if (a + b > c) {
            return Math.pow(1 - z, c - a - b) * series(c - a, c - b, c, z);
        }
        return series(a, b, c, z);
    }

    private static double series(double a, double b, double c, double z) {
        double sum = 1;
        double term = 1;
        for (int j = 0; j < MAX_TERMS; j++) {
            term *= (a + j) * (b + j) / ((c + j) * (j + 1)) * z;
            sum += term;
            if (term == 0 || Math.abs(term) < EPSILON * Math.abs(sum) && j > 2) {
                return sum;
            }
        }
        return Double.NaN;
    }
}
