package dev.reservoir.model;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The (x, t_x, T) of a customer base as weighted rows: customers with identical summaries are
 * one row whose weight is their number, since they add identical terms to the likelihood. The
 * engine counts whole days, so a real shop has far fewer distinct rows than customers (CDNOW:
 * 2,357 customers, 1,411 rows). Rows are ordered by x, so per-x terms are computed once.
 */
public final class SummaryRows {
    final int[] x;
    final double[] tx;
    final double[] t;
    final double[] weight;
    private final long customers;
    private final long repeatBuyers;

    private SummaryRows(int[] x, double[] tx, double[] t, double[] weight, long customers, long repeatBuyers) {
        this.x = x;
        this.tx = tx;
        this.t = t;
        this.weight = weight;
        this.customers = customers;
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
        if (x.length != tx.length || x.length != t.length) {
            throw new IllegalArgumentException("x, t_x and T differ in length: " + x.length + ", " + tx.length + ", " + t.length);
        }
        record Key(long x, double tx, double t) implements Comparable<Key> {
            @Override
            public int compareTo(Key o) {
                int c = Long.compare(x, o.x);
                c = c != 0 ? c : Double.compare(t, o.t);
                return c != 0 ? c : Double.compare(tx, o.tx);
            }
        }
        Map<Key, double[]> counts = new HashMap<>();
        long repeat = 0;
        for (int i = 0; i < x.length; i++) {
            String who = ids == null ? "row " + (i + 1) : "customer " + ids[i];
            if (x[i] < 0 || !(tx[i] >= 0) || !(t[i] >= tx[i]) || x[i] == 0 && tx[i] != 0 || x[i] > Integer.MAX_VALUE) {
                throw new ReservoirException(ErrorCode.MODEL_UNSUPPORTED_DATA, "customer summaries",
                        Localizable.of(who + ": expected 0 ≤ t_x ≤ T, x ≥ 0 and t_x = 0 when x = 0, was x=" + x[i]
                                        + " t_x=" + tx[i] + " T=" + t[i],
                                who + "：应满足 0 ≤ t_x ≤ T、x ≥ 0，且 x = 0 时 t_x = 0，实际 x=" + x[i]
                                        + " t_x=" + tx[i] + " T=" + t[i]));
            }
            repeat += x[i] > 0 ? 1 : 0;
            counts.computeIfAbsent(new Key(x[i], tx[i], t[i]), k -> new double[1])[0]++;
        }
        Key[] keys = counts.keySet().toArray(new Key[0]);
        Arrays.sort(keys);
        int[] rx = new int[keys.length];
        double[] rtx = new double[keys.length];
        double[] rt = new double[keys.length];
        double[] w = new double[keys.length];
        for (int i = 0; i < keys.length; i++) {
            rx[i] = (int) keys[i].x();
            rtx[i] = keys[i].tx();
            rt[i] = keys[i].t();
            w[i] = counts.get(keys[i])[0];
        }
        return new SummaryRows(rx, rtx, rt, w, x.length, repeat);
    }

    /** Customers summed (the weights' total). */
    public long customers() {
        return customers;
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
        return rows() < customers;
    }
}
