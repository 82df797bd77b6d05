package dev.reservoir.model;

/**
 * The log-likelihood of a model's parameters over weighted rows, as the fitter needs it.
 * Implementations compute what depends only on x once per distinct x (rows are ordered by x).
 */
interface Likelihood {
    ModelKind kind();

    /** Σ weight × ln L(row | params). */
    double value(double[] params);

    /** The gradient of {@link #value}; central differences unless a model gives it analytically. */
    default double[] gradient(double[] params) {
        double[] g = new double[params.length];
        for (int i = 0; i < params.length; i++) {
            double h = 1e-6 * Math.max(Math.abs(params[i]), 1e-3);
            double[] up = params.clone();
            double[] down = params.clone();
            up[i] += h;
            down[i] -= h;
            g[i] = (value(up) - value(down)) / (2 * h);
        }
        return g;
    }

    /** Whether {@link #gradient} is analytic (then the Hessian is taken from gradients). */
    default boolean analyticGradient() {
        return false;
    }

    /** Customers (Σ weights): the n of BIC. */
    long customers();

    /** Rows summed over. */
    int rows();
}
