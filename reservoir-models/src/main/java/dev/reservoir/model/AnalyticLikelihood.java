package dev.reservoir.model;

/**
 * A likelihood whose value and analytic gradient come out of one pass over the rows: the pass
 * fills the gradient when asked for one, so the fitter's value and gradient calls share it.
 */
abstract class AnalyticLikelihood implements Likelihood {
    @Override
    public final double value(double[] params) {
        return evaluate(params, null);
    }

    @Override
    public final double[] gradient(double[] params) {
        double[] g = new double[params.length];
        evaluate(params, g);
        return g;
    }

    @Override
    public final boolean analyticGradient() {
        return true;
    }

    /** Σ weight × ln L over the rows; when {@code grad} is not null, also its gradient into it. */
    abstract double evaluate(double[] params, double[] grad);
}
