package dev.reservoir.model;

import org.hipparchus.random.RandomDataGenerator;
import org.hipparchus.random.Well19937c;

/**
 * Customer bases drawn from a model's own story, for parameter-recovery tests and the fitting
 * benchmark. Each customer makes a first purchase at 0 and is observed for T, drawn uniformly in
 * [minAge, maxAge]; purchases in the holdout (T, T + holdout] are counted too, and whether the
 * customer was still alive at T. A fixed seed gives the same base on every run.
 */
public final class Simulation {
    private Simulation() {
    }

    /** A simulated base: arrays indexed by customer. {@code m} is filled by {@link #spend}. */
    public record Base(long[] x, double[] tx, double[] t, boolean[] aliveAtT, long[] holdoutX) {
        public SummaryRows rows() {
            return SummaryRows.of(x, tx, t, null);
        }

        public int size() {
            return x.length;
        }
    }

    /**
     * BG/NBD: λ ~ gamma(r, rate α), p ~ beta(a, b); exponential gaps at rate λ; after each repeat
     * purchase the customer leaves with probability p.
     */
    public static Base bgNbd(BgNbd m, int customers, double minAge, double maxAge, double holdout, long seed) {
        RandomDataGenerator random = RandomDataGenerator.of(new Well19937c(seed));
        Base base = empty(customers);
        for (int i = 0; i < customers; i++) {
            double t = age(random, minAge, maxAge);
            double lambda = random.nextGamma(m.r(), 1 / m.alpha());
            double p = random.nextBeta(m.a(), m.b());
            double now = 0;
            boolean alive = true;
            long x = 0;
            long later = 0;
            double tx = 0;
            while (alive) {
                now += random.nextExponential(1 / lambda);
                if (now > t + holdout) {
                    break;
                }
                if (now <= t) {
                    x++;
                    tx = now;
                } else {
                    later++;
                }
                alive = random.nextUniform(0, 1) >= p;
            }
            // alive at T: did not leave after a purchase made by T
            boolean aliveAtT = alive || now > t;
            set(base, i, x, tx, t, aliveAtT, later);
        }
        return base;
    }

    /**
     * Pareto/NBD: λ ~ gamma(r, rate α), μ ~ gamma(s, rate β); lifetime exponential at rate μ;
     * purchases a Poisson process at rate λ while alive.
     */
    public static Base paretoNbd(ParetoNbd m, int customers, double minAge, double maxAge, double holdout, long seed) {
        RandomDataGenerator random = RandomDataGenerator.of(new Well19937c(seed));
        Base base = empty(customers);
        for (int i = 0; i < customers; i++) {
            double t = age(random, minAge, maxAge);
            double lambda = random.nextGamma(m.r(), 1 / m.alpha());
            double mu = random.nextGamma(m.s(), 1 / m.beta());
            double death = random.nextExponential(1 / mu);
            double end = Math.min(death, t + holdout);
            double now = 0;
            long x = 0;
            long later = 0;
            double tx = 0;
            while (true) {
                now += random.nextExponential(1 / lambda);
                if (now > end) {
                    break;
                }
                if (now <= t) {
                    x++;
                    tx = now;
                } else {
                    later++;
                }
            }
            set(base, i, x, tx, t, death > t, later);
        }
        return base;
    }

    /**
     * Gamma-Gamma: ν ~ gamma(q, rate γ) per customer, each of the x purchase values gamma(p, rate
     * ν); returns the average value per customer (0 when x = 0).
     */
    public static double[] spend(GammaGamma m, long[] x, long seed) {
        RandomDataGenerator random = RandomDataGenerator.of(new Well19937c(seed));
        double[] avg = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (x[i] == 0) {
                continue;
            }
            double nu = random.nextGamma(m.q(), 1 / m.gamma());
            // the sum of x gamma(p, ν) values is gamma(p x, ν)
            avg[i] = random.nextGamma(m.p() * x[i], 1 / nu) / x[i];
        }
        return avg;
    }

    /** Rounds t_x and T down to whole multiples of {@code grid} (1/7 for days counted in weeks), as the engine's days do. */
    public static Base onGrid(Base base, double grid) {
        Base out = empty(base.size());
        for (int i = 0; i < base.size(); i++) {
            double t = Math.floor(base.t()[i] / grid) * grid;
            double tx = Math.min(Math.floor(base.tx()[i] / grid) * grid, t);
            set(out, i, base.x()[i], base.x()[i] == 0 ? 0 : tx, t, base.aliveAtT()[i], base.holdoutX()[i]);
        }
        return out;
    }

    private static double age(RandomDataGenerator random, double min, double max) {
        return min == max ? min : random.nextUniform(min, max);
    }

    private static Base empty(int n) {
        return new Base(new long[n], new double[n], new double[n], new boolean[n], new long[n]);
    }

    private static void set(Base b, int i, long x, double tx, double t, boolean alive, long later) {
        b.x()[i] = x;
        b.tx()[i] = tx;
        b.t()[i] = t;
        b.aliveAtT()[i] = alive;
        b.holdoutX()[i] = later;
    }
}
