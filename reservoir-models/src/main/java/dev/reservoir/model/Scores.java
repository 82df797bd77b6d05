package dev.reservoir.model;

import java.util.stream.IntStream;

/**
 * P(alive) and expected purchases in a horizon for every customer of a {@link SummaryRows}, in
 * the order the customers were given. Customers with the same (x, t_x, T) get the same scores,
 * so each distinct row is computed once (on all processors) and handed to its customers.
 */
public final class Scores {
    private final double[] alive;
    private final double[] expected;
    private final double horizon;

    private Scores(double[] alive, double[] expected, double horizon) {
        this.alive = alive;
        this.expected = expected;
        this.horizon = horizon;
    }

    public static Scores of(PurchaseModel model, SummaryRows rows, double horizon) {
        if (!(horizon >= 0) || Double.isInfinite(horizon)) {
            throw new IllegalArgumentException("the horizon must be ≥ 0, was " + horizon);
        }
        int n = rows.rows();
        double[] rowAlive = new double[n];
        double[] rowExpected = new double[n];
        int chunk = 4096;
        IntStream.range(0, (n + chunk - 1) / chunk).parallel().forEach(c -> {
            for (int r = c * chunk; r < Math.min(n, (c + 1) * chunk); r++) {
                rowAlive[r] = model.probabilityAlive(rows.x[r], rows.tx[r], rows.t[r]);
                rowExpected[r] = model.expectedPurchases(horizon, rows.x[r], rows.tx[r], rows.t[r]);
            }
        });
        int customers = (int) rows.customers();
        double[] alive = new double[customers];
        double[] expected = new double[customers];
        for (int i = 0; i < customers; i++) {
            int r = rows.rowOf(i);
            alive[i] = rowAlive[r];
            expected[i] = rowExpected[r];
        }
        return new Scores(alive, expected, horizon);
    }

    public int size() {
        return alive.length;
    }

    /** P(alive) of the {@code i}-th customer. */
    public double probabilityAlive(int i) {
        return alive[i];
    }

    /** Expected purchases of the {@code i}-th customer in (T, T + horizon]. */
    public double expectedPurchases(int i) {
        return expected[i];
    }

    public double horizon() {
        return horizon;
    }
}
