package dev.reservoir.model;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;

import java.util.Arrays;
import java.util.List;

/**
 * The (x, average repeat value) of the repeat buyers, the data of the Gamma-Gamma spend model,
 * as weighted rows (identical pairs merged). Customers with x = 0 say nothing about spend per
 * repeat purchase and are left out, as Fader, Hardie and Lee do (946 of CDNOW's 2,357).
 */
public final class SpendRows {
    final int[] x;
    final double[] m;
    final double[] weight;
    /** ln m per row, taken once instead of once per evaluation. */
    final double[] logM;
    private final long customers;

    private SpendRows(int[] x, double[] m, double[] weight, long customers) {
        this.x = x;
        this.m = m;
        this.weight = weight;
        this.customers = customers;
        this.logM = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            logM[i] = Math.log(m[i]);
        }
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
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] < 0 || x[i] >= 1 << 23) {
                throw new ReservoirException(ErrorCode.MODEL_UNSUPPORTED_DATA, "Gamma-Gamma",
                        Localizable.of(who(ids, i) + ": frequency " + x[i] + " out of range", who(ids, i) + "：频次 " + x[i] + " 超出范围"));
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
            n++;
        }
        // Sortable keys: x (23 bits) and the rank of m among the distinct values (40 bits).
        double[] values = new double[n];
        for (int i = 0, k = 0; i < x.length; i++) {
            if (x[i] > 0) {
                values[k++] = m[i];
            }
        }
        Arrays.sort(values);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || values[i] != values[i - 1]) {
                values[distinct++] = values[i];
            }
        }
        values = Arrays.copyOf(values, distinct);
        long[] keys = new long[n];
        for (int i = 0, k = 0; i < x.length; i++) {
            if (x[i] > 0) {
                keys[k++] = x[i] << 40 | Arrays.binarySearch(values, m[i]);
            }
        }
        Arrays.sort(keys);
        int rows = 0;
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) {
                keys[rows++] = keys[i];
            }
            w[rows - 1]++;
        }
        int[] rx = new int[rows];
        double[] rm = new double[rows];
        for (int r = 0; r < rows; r++) {
            rx[r] = (int) (keys[r] >>> 40);
            rm[r] = values[(int) (keys[r] & ((1L << 40) - 1))];
        }
        return new SpendRows(rx, rm, Arrays.copyOf(w, rows), n);
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
