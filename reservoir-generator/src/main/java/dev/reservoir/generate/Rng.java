package dev.reservoir.generate;

import java.util.SplittableRandom;

/** Random variates on a {@link SplittableRandom}; each customer has its own generator. */
final class Rng {

    private Rng() {
    }

    /**
     * A generator for customer {@code index} of a shop with seed {@code seed}: a function of
     * both only, so a customer's events never depend on threads or chunks.
     */
    static SplittableRandom forCustomer(long seed, long index) {
        return new SplittableRandom(mix64(mix64(seed) ^ (index * 0x9E3779B97F4A7C15L)));
    }

    /** Stafford's variant 13 of the SplitMix64 finaliser: neighbouring inputs, unrelated outputs. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static double uniform(SplittableRandom rng, double low, double high) {
        return low + (high - low) * rng.nextDouble();
    }

    static boolean chance(SplittableRandom rng, double probability) {
        return rng.nextDouble() < probability;
    }

    static double exponential(SplittableRandom rng, double mean) {
        return -mean * Math.log1p(-rng.nextDouble());
    }

    /** Standard normal by the polar method (the second value is dropped to keep it simple). */
    static double normal(SplittableRandom rng) {
        double u;
        double v;
        double s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    /** Gamma with the given shape and mean (scale = mean / shape), by Marsaglia and Tsang. */
    static double gamma(SplittableRandom rng, double shape, double mean) {
        return standardGamma(rng, shape) * mean / shape;
    }

    private static double standardGamma(SplittableRandom rng, double shape) {
        if (shape < 1) {
            // Boost: Gamma(k) = Gamma(k + 1) * U^(1/k).
            return standardGamma(rng, shape + 1) * Math.pow(rng.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = normal(rng);
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rng.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    static double beta(SplittableRandom rng, double a, double b) {
        double x = standardGamma(rng, a);
        double y = standardGamma(rng, b);
        return x / (x + y);
    }

    /** An index drawn with probability proportional to {@code weights[i]}. */
    static int weighted(SplittableRandom rng, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double r = rng.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** An index by a cumulative table whose last entry is the total. */
    static int cumulative(SplittableRandom rng, double[] cumulative) {
        double r = rng.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > r) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    static int between(SplittableRandom rng, int lowInclusive, int highInclusive) {
        return lowInclusive + rng.nextInt(highInclusive - lowInclusive + 1);
    }
}
