package dev.reservoir.model;

/**
 * How a model is fitted.
 *
 * @param penalty         L2 penalty λ ≥ 0 on the parameters, as in lifetimes' {@code penalizer_coef}:
 *                        the fit maximises mean ln L − λ Σ θ², pulling parameters towards 0 so that
 *                        a small shop does not get extreme ones; 0 is plain maximum likelihood
 * @param maxEvaluations  log-likelihood evaluations the optimiser may use before it gives up
 */
public record FitOptions(double penalty, int maxEvaluations) {
    public static final FitOptions DEFAULT = new FitOptions(0, 20_000);

    public FitOptions {
        if (!(penalty >= 0) || Double.isInfinite(penalty)) {
            throw new IllegalArgumentException("the L2 penalty must be a finite number ≥ 0, was " + penalty);
        }
        if (maxEvaluations < 10) {
            throw new IllegalArgumentException("at least 10 evaluations are needed, was " + maxEvaluations);
        }
    }

    public FitOptions withPenalty(double value) {
        return new FitOptions(value, maxEvaluations);
    }
}
