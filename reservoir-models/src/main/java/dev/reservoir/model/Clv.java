package dev.reservoir.model;

import org.hipparchus.util.FastMath;

/**
 * Customer lifetime value over a horizon, discounted: the horizon is cut into {@code periods}
 * periods of {@code periodLength} (in the model's unit); the purchases expected in period k,
 * E[Y(k Δ)] − E[Y((k − 1) Δ)], times the expected value of a purchase, are divided by
 * (1 + discountRate)^k. This is lifetimes' {@code customer_lifetime_value} (months of 30 days,
 * a monthly rate); it values the purchases the transaction model expects, not the margin.
 *
 * @param discountRate per period, e.g. 0.01 a month (about 12.7 % a year)
 */
public record Clv(int periods, double periodLength, double discountRate) {
    public Clv {
        if (periods < 1) {
            throw new IllegalArgumentException("the CLV horizon must have at least 1 period, was " + periods);
        }
        if (!(periodLength > 0) || Double.isInfinite(periodLength)) {
            throw new IllegalArgumentException("the CLV period length must be positive, was " + periodLength);
        }
        if (!(discountRate >= 0) || Double.isInfinite(discountRate)) {
            throw new IllegalArgumentException("the discount rate must be ≥ 0, was " + discountRate);
        }
    }

    /** {@code months} months of 30 days in {@code unit}, discounted monthly. */
    public static Clv months(int months, double monthlyDiscountRate, TimeUnit unit) {
        return new Clv(months, 30.0 / unit.days(), monthlyDiscountRate);
    }

    /** The horizon in the model's unit. */
    public double horizon() {
        return periods * periodLength;
    }

    /** The discounted value of one customer's expected purchases. */
    public double value(PurchaseModel model, GammaGamma spend, CustomerSummary c) {
        double perPurchase = spend.expectedAverageValue(c.frequency(), c.monetaryValue());
        return discountedPurchases(model, c.frequency(), c.recency(), c.age()) * perPurchase;
    }

    /** Σ_k (E[Y(kΔ)] − E[Y((k−1)Δ)]) / (1 + d)^k for one customer. */
    public double discountedPurchases(PurchaseModel model, double x, double tx, double t) {
        double sum = 0;
        double previous = 0;
        for (int k = 1; k <= periods; k++) {
            double cumulative = model.expectedPurchases(k * periodLength, x, tx, t);
            sum += (cumulative - previous) / FastMath.pow(1 + discountRate, k);
            previous = cumulative;
        }
        return sum;
    }
}
