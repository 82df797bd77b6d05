package dev.reservoir.model;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;

import java.util.Arrays;
import java.util.List;

/**
 * The (x, t_x, T) of a customer base as weighted rows: customers with identical summaries are
 * one row whose weight is their number, since they add identical terms to the likelihood. The
 * engine counts whole days, so a real shop has far fewer distinct rows than customers (CDNOW:
 * 2,357 customers, 1,016 rows; a million simulated customers over 39 weeks: about 120,000).
 *
 * <p>Two more levels of sharing make a likelihood evaluation cheap: the distinct time values
 * (their logarithms are taken once per evaluation), and the distinct (x, T) and (x, t_x) pairs,
 * since the costly terms (the hypergeometric series of Pareto/NBD) depend on one pair only.
 * Rows are ordered by x, then T, then t_x.
 */
public final class SummaryRows {
    final int[] x;
    final double[] tx;
    final double[] t;
    final double[] weight;
    /** Distinct values of T and t_x, ascending. */
    final double[] times;
    /** Per row, the index of its T and t_x in {@link #times}. */
    final int[] tIndex;
    final int[] txIndex;
    /** Distinct (x, time) pairs: x and the time's index; per row, the pair of (x, T) and of (x, t_x). */
    final int[] pairX;
    final int[] pairTime;
    final int[] tPair;
    final int[] txPair;
    /** Per customer (input order), its row; lets scores computed per row be handed back per customer. */
    private final int[] rowOfCustomer;
    private final long repeatBuyers;

    private SummaryRows(int[] x, double[] tx, double[] t, double[] weight, double[] times, int[] tIndex, int[] txIndex,
                        int[] pairX, int[] pairTime, int[] tPair, int[] txPair, int[] rowOfCustomer, long repeatBuyers) {
        this.x = x;
        this.tx = tx;
        this.t = t;
        this.weight = weight;
        this.times = times;
        this.tIndex = tIndex;
        this.txIndex = txIndex;
        this.pairX = pairX;
        this.pairTime = pairTime;
        this.tPair = tPair;
        this.txPair = txPair;
        this.rowOfCustomer = rowOfCustomer;
        this.repeatBuyers = repeatBuyers;
    }

    public static SummaryRows of(List<CustomerSummary> summaries) {
        int n = summaries.size();
        long[] x = new long[n];
        double[] tx = new double[n];
        double[] t = new double[n];
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            CustomerSummary s = summaries.get(i);
            x[i] = s.frequency();
            tx[i] = s.recency();
            t[i] = s.age();
            ids[i] = s.customerId();
        }
        return of(x, tx, t, ids);
    }

    /** From plain arrays (a simulation, a file); {@code ids} name a bad row in the error, may be null. */
    public static SummaryRows of(long[] x, double[] tx, double[] t, String[] ids) {
        int n = x.length;
        if (n != tx.length || n != t.length) {
            throw new IllegalArgumentException("x, t_x and T differ in length: " + n + ", " + tx.length + ", " + t.length);
        }
        long repeat = 0;
        for (int i = 0; i < n; i++) {
            if (x[i] < 0 || !(tx[i] >= 0) || !(t[i] >= tx[i]) || Double.isInfinite(t[i]) || x[i] == 0 && tx[i] != 0
                    || x[i] >= 1 << 23) {
                String who = ids == null ? "row " + (i + 1) : "customer " + ids[i];
                throw new ReservoirException(ErrorCode.MODEL_UNSUPPORTED_DATA, "customer summaries",
                        Localizable.of(who + ": expected 0 ≤ t_x ≤ T, 0 ≤ x < 8,388,608 and t_x = 0 when x = 0, was x=" + x[i]
                                        + " t_x=" + tx[i] + " T=" + t[i],
                                who + "：应满足 0 ≤ t_x ≤ T、0 ≤ x < 8,388,608，且 x = 0 时 t_x = 0，实际 x=" + x[i]
                                        + " t_x=" + tx[i] + " T=" + t[i]));
            }
            repeat += x[i] > 0 ? 1 : 0;
        }
        // Distinct times, and each customer's T and t_x as ranks among them.
        double[] all = new double[2 * n];
        System.arraycopy(t, 0, all, 0, n);
        System.arraycopy(tx, 0, all, n, n);
        double[] times = distinct(all);
        int[] rankT = new int[n];
        int[] rankTx = new int[n];
        for (int i = 0; i < n; i++) {
            rankT[i] = Arrays.binarySearch(times, t[i]);
            rankTx[i] = Arrays.binarySearch(times, tx[i]);
        }
        // One sortable key per customer: x (23 bits), rank of T (20), rank of t_x (20). Two
        // million distinct times would not fit; then the keys are ranks of (x, T, t_x) found by
        // sorting the customers themselves.
        long[] key = new long[n];
        if (times.length <= 1 << 20) {
            for (int i = 0; i < n; i++) {
                key[i] = x[i] << 40 | (long) rankT[i] << 20 | rankTx[i];
            }
        } else {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (p, q) -> {
                int c = Long.compare(x[p], x[q]);
                c = c != 0 ? c : Integer.compare(rankT[p], rankT[q]);
                return c != 0 ? c : Integer.compare(rankTx[p], rankTx[q]);
            });
            long rank = -1;
            for (int i = 0; i < n; i++) {
                int c = order[i];
                if (i == 0 || x[c] != x[order[i - 1]] || rankT[c] != rankT[order[i - 1]] || rankTx[c] != rankTx[order[i - 1]]) {
                    rank++;
                }
                key[c] = rank;
            }
        }
        long[] keys = key.clone();
        Arrays.sort(keys);
        int rows = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) {
                keys[rows++] = keys[i];
            }
        }
        long[] distinctKeys = Arrays.copyOf(keys, rows);
        int[] rowOfCustomer = new int[n];
        int[] rx = new int[rows];
        double[] rtx = new double[rows];
        double[] rt = new double[rows];
        int[] rti = new int[rows];
        int[] rtxi = new int[rows];
        double[] w = new double[rows];
        for (int i = 0; i < n; i++) {
            int r = Arrays.binarySearch(distinctKeys, key[i]);
            rowOfCustomer[i] = r;
            if (w[r] == 0) {
                rx[r] = (int) x[i];
                rtx[r] = tx[i];
                rt[r] = t[i];
                rti[r] = rankT[i];
                rtxi[r] = rankTx[i];
            }
            w[r]++;
        }
        // Distinct (x, time index) pairs over T and t_x, as sortable keys.
        long[] pairKeys = new long[2 * rows];
        for (int r = 0; r < rows; r++) {
            pairKeys[2 * r] = (long) rx[r] << 32 | rti[r];
            pairKeys[2 * r + 1] = (long) rx[r] << 32 | rtxi[r];
        }
        long[] pairs = distinct(pairKeys);
        int[] pairX = new int[pairs.length];
        int[] pairTime = new int[pairs.length];
        for (int p = 0; p < pairs.length; p++) {
            pairX[p] = (int) (pairs[p] >>> 32);
            pairTime[p] = (int) pairs[p];
        }
        int[] tPair = new int[rows];
        int[] txPair = new int[rows];
        for (int r = 0; r < rows; r++) {
            tPair[r] = Arrays.binarySearch(pairs, (long) rx[r] << 32 | rti[r]);
            txPair[r] = Arrays.binarySearch(pairs, (long) rx[r] << 32 | rtxi[r]);
        }
        return new SummaryRows(rx, rtx, rt, w, times, rti, rtxi, pairX, pairTime, tPair, txPair, rowOfCustomer, repeat);
    }

    private static double[] distinct(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int k = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[k++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, k);
    }

    private static long[] distinct(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int k = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[k++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, k);
    }

    /** Customers summed (the weights' total). */
    public long customers() {
        return rowOfCustomer.length;
    }

    /** Distinct (x, t_x, T): the rows the likelihood is summed over. */
    public int rows() {
        return x.length;
    }

    /** Customers with x &gt; 0. */
    public long repeatBuyers() {
        return repeatBuyers;
    }

    /** Whether identical customers were merged into fewer rows. */
    public boolean compressed() {
        return rows() < customers();
    }

    /** The row of the {@code i}-th customer given to {@link #of}. */
    public int rowOf(int customer) {
        return rowOfCustomer[customer];
    }

    public int frequency(int row) {
        return x[row];
    }

    public double recency(int row) {
        return tx[row];
    }

    public double age(int row) {
        return t[row];
    }
}
