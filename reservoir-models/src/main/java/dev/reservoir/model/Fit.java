package dev.reservoir.model;

import org.hipparchus.util.FastMath;

import java.util.List;
import java.util.Objects;

/**
 * A fitted model and how well it fits.
 *
 * @param standardErrors one per parameter: the square roots of the diagonal of the inverse
 *                       observed information (minus the Hessian of the penalised log-likelihood
 *                       at the maximum)
 * @param logLikelihood  Σ ln L at the fitted parameters, without the penalty
 * @param customers      n, the customers the fit saw (the n of BIC)
 * @param rows           the distinct rows the likelihood was summed over (fewer than customers
 *                       when identical customers were merged)
 * @param evaluations    log-likelihood evaluations the optimiser used
 */
public record Fit<M>(M model, ModelKind kind, List<Double> parameters, List<Double> standardErrors,
                     double logLikelihood, long customers, int rows, int evaluations, double penalty) {
    public Fit {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(kind, "kind");
        parameters = List.copyOf(parameters);
        standardErrors = List.copyOf(standardErrors);
        if (parameters.size() != kind.parameterNames().size() || standardErrors.size() != parameters.size()) {
            throw new IllegalArgumentException(kind + ": expected " + kind.parameterNames().size() + " parameters");
        }
    }

    /** Bayesian information criterion k ln n − 2 ln L: lower is better, for models fitted on the same data. */
    public double bic() {
        return parameters.size() * FastMath.log(customers) - 2 * logLikelihood;
    }

    /** Akaike information criterion 2k − 2 ln L. */
    public double aic() {
        return 2 * parameters.size() - 2 * logLikelihood;
    }

    public boolean compressed() {
        return rows < customers;
    }
}
