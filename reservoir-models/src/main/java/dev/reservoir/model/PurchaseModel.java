package dev.reservoir.model;

import java.util.List;

/**
 * A customer-base model of repeat purchasing ("buy till you die"): while alive a customer buys
 * at their own Poisson rate λ (gamma across customers, shape r, rate α); at some point they
 * leave unseen. Times are in the unit of the summaries the model was fitted on.
 */
public sealed interface PurchaseModel permits BgNbd, ParetoNbd {
    ModelKind kind();

    /** The parameters, in the order of {@link ModelKind#parameterNames()}. */
    List<Double> parameters();

    /** ln L of one customer with x repeat purchases, the last at t_x, observed for T. */
    double logLikelihood(double x, double tx, double t);

    /** P(alive at T | x, t_x, T). */
    double probabilityAlive(double x, double tx, double t);

    /** E[purchases in (T, T + horizon] | x, t_x, T]. */
    double expectedPurchases(double horizon, double x, double tx, double t);

    /** E[repeat purchases in (0, t]] of a customer who made their first purchase at 0. */
    double expectedPurchasesNewCustomer(double t);
}
