package dev.reservoir.model;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The (x, average repeat value) of the repeat buyers, the data of the Gamma-Gamma spend model,
 * as weighted rows (identical pairs merged). Customers with x = 0 say nothing about spend per
 * repeat purchase and are left out, as Fader, Hardie and Lee do (946 of CDNOW's 2,357).
 */
public final class SpendRows {
    final int[] x;
    final double[] m;
    final double[] weight;
    private final long customers;

    private SpendRows(int[] x, double[] m, double[] weight, long customers) {
        this.x = x;
        this.m = m;
        this.weight = weight;
        this.customers = customers;
    }

    public static SpendRows of(List<CustomerSummary> summaries) {
        long[] x = new long[summaries.size()];
        double[] m = new double[x.length];
        String[] ids = new String[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = summaries.get(i).frequency();
            m[i] = summaries.get(i).monetaryValue();
            ids[i] = summaries.get(i).customerId();
        }
        return of(x, m, ids);
    }

    /** Rows with x = 0 are skipped; a repeat buyer must have a positive average value. */
    public static SpendRows of(long[] x, double[] m, String[] ids) {
        record Key(long x, double m) implements Comparable<Key> {
            @Override
            public int compareTo(Key o) {
                int c = Long.compare(x, o.x);
                return c != 0 ? c : Double.compare(m, o.m);
            }
        }
        Map<Key, double[]> counts = new HashMap<>();
        long customers = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] < 0) {
                throw new ReservoirException(ErrorCode.MODEL_UNSUPPORTED_DATA, "Gamma-Gamma",
                        Localizable.of(who(ids, i) + ": negative frequency " + x[i], who(ids, i) + "：频次为负 " + x[i]));
            }
            if (x[i] == 0) {
                continue;
            }
            if (!(m[i] > 0) || Double.isInfinite(m[i])) {
                throw new ReservoirException(ErrorCode.MODEL_UNSUPPORTED_DATA, "Gamma-Gamma",
                        Localizable.of(who(ids, i) + ": the average repeat purchase value must be positive, was " + m[i]
                                        + " (the spend model is for positive amounts; remove refunds or zero-value orders first)",
                                who(ids, i) + "：复购平均金额必须为正，实际为 " + m[i] + "（消费模型只适用于正金额；请先去掉退款或零金额订单）"));
            }
            customers++;
            counts.computeIfAbsent(new Key(x[i], m[i]), k -> new double[1])[0]++;
        }
        Key[] keys = counts.keySet().toArray(new Key[0]);
        Arrays.sort(keys);
        int[] rx = new int[keys.length];
        double[] rm = new double[keys.length];
        double[] w = new double[keys.length];
        for (int i = 0; i < keys.length; i++) {
            rx[i] = (int) keys[i].x();
            rm[i] = keys[i].m();
            w[i] = counts.get(keys[i])[0];
        }
        return new SpendRows(rx, rm, w, customers);
    }

    private static String who(String[] ids, int i) {
        return ids == null ? "row " + (i + 1) : "customer " + ids[i];
    }

    /** Repeat buyers (the weights' total). */
    public long customers() {
        return customers;
    }

    public int rows() {
        return x.length;
    }

    public boolean compressed() {
        return rows() < customers;
    }
}
