package dev.reservoir.duckdb;

import dev.reservoir.metric.AnnualRetention;
import dev.reservoir.metric.AnnualRetentionResult;
import dev.reservoir.metric.RepurchaseAfterFirst;
import dev.reservoir.metric.RepurchaseAfterFirstResult;
import dev.reservoir.metric.RepurchaseGroup;
import dev.reservoir.metric.RepurchaseInPeriod;
import dev.reservoir.metric.RepurchaseInPeriodResult;
import dev.reservoir.metric.RepurchaseLadder;
import dev.reservoir.metric.RepurchaseLadderResult;
import dev.reservoir.metric.RepurchaseMetrics;
import dev.reservoir.time.Period;
import dev.reservoir.time.PeriodUnit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Repurchase (a)(b)(c), split by an attribute (d), and annual retention over a tenant's DuckDB
 * store; the SQL is in {@code sql/metric/repurchase_in_period.sql}, {@code
 * repurchase_after_first.sql}, {@code order_ladder.sql} and {@code annual_retention.sql}.
 */
final class DuckDbRepurchaseMetrics implements RepurchaseMetrics {
    private final DuckDbTenantStore store;

    DuckDbRepurchaseMetrics(DuckDbTenantStore store) {
        this.store = store;
    }

    private record Counted(LocalDate periodStart, RepurchaseGroup group, long[] counts) {
    }

    /** Writes the period unit into the query as a constant (an enum's wire name, never user text). */
    static UnaryOperator<String> unit(PeriodUnit unit) {
        return sql -> sql.replace("{unit}", Sql.literal(unit.wireName()));
    }

    @Override
    public RepurchaseInPeriodResult inPeriod(RepurchaseInPeriod def) {
        List<Period> periods = def.periodList();
        List<Counted> counted = MetricQueries.query(store, "repurchase_in_period", unit(def.unit()), def.asOf(),
                Arrays.asList(periods.get(0).start(), MetricQueries.splitSelector(def.split()),
                MetricQueries.attributePath(def.split())),
                rs -> new Counted(rs.getObject("period_start", LocalDate.class), MetricQueries.group(rs),
                        new long[] {rs.getLong("buyers"), rs.getLong("repeat_buyers")}));
        List<RepurchaseInPeriodResult.Row> rows = new ArrayList<>();
        for (Map.Entry<Period, Map<RepurchaseGroup, long[]>> e : byPeriod(periods, counted, def.split().isPresent(), 2)
                .entrySet()) {
            e.getValue().forEach((g, c) -> rows.add(new RepurchaseInPeriodResult.Row(e.getKey(), g, c[0], c[1])));
        }
        return new RepurchaseInPeriodResult(def, rows);
    }

    @Override
    public RepurchaseAfterFirstResult afterFirst(RepurchaseAfterFirst def) {
        List<Period> periods = def.periodList();
        List<RepurchaseAfterFirstResult.Row> rows = new ArrayList<>();
        Map<Integer, Map<Period, Map<RepurchaseGroup, long[]>>> byWindow = new HashMap<>();
        for (int w : new TreeSet<>(def.withinDays())) {
            List<Counted> counted = MetricQueries.query(store, "repurchase_after_first", unit(def.unit()), def.asOf(),
                    Arrays.asList(periods.get(0).start(), w, MetricQueries.splitSelector(def.split()),
                    MetricQueries.attributePath(def.split())),
                    rs -> new Counted(rs.getObject("period_start", LocalDate.class), MetricQueries.group(rs),
                            new long[] {rs.getLong("buyers"), rs.getLong("returned"), rs.getLong("pending"),
                                    rs.getLong("pending_returned")}));
            byWindow.put(w, byPeriod(periods, counted, def.split().isPresent(), 4));
        }
        // Period first, then the windows in the order given: a table reads one period per block.
        for (Period p : periods) {
            for (int w : def.withinDays()) {
                byWindow.get(w).get(p).forEach((g, c) ->
                        rows.add(new RepurchaseAfterFirstResult.Row(p, w, g, c[0], c[1], c[2], c[3])));
            }
        }
        return new RepurchaseAfterFirstResult(def, rows);
    }

    /**
     * Every period gets a row for all customers and, with a split, one per group seen in any
     * period (zeros where a group had nobody), so tables and charts line up period by period.
     */
    private static Map<Period, Map<RepurchaseGroup, long[]>> byPeriod(List<Period> periods, List<Counted> counted,
                                                                      boolean split, int width) {
        TreeSet<RepurchaseGroup> groups = new TreeSet<>(RepurchaseGroup.ORDER);
        groups.add(RepurchaseGroup.ALL);
        if (split) {
            counted.forEach(c -> groups.add(c.group()));
        }
        Map<Period, Map<RepurchaseGroup, long[]>> out = new java.util.LinkedHashMap<>();
        for (Period p : periods) {
            Map<RepurchaseGroup, long[]> m = new TreeMap<>(RepurchaseGroup.ORDER);
            groups.forEach(g -> m.put(g, new long[width]));
            out.put(p, m);
        }
        Map<LocalDate, Period> byStart = new HashMap<>();
        periods.forEach(p -> byStart.put(p.start(), p));
        for (Counted c : counted) {
            Period p = byStart.get(c.periodStart());
            if (p == null) {
                throw new IllegalStateException("the engine returned a period starting " + c.periodStart()
                        + ", not one of " + periods);
            }
            if (groups.contains(c.group())) {
                out.get(p).put(c.group(), c.counts());
            }
        }
        return out;
    }

    @Override
    public RepurchaseLadderResult ladder(RepurchaseLadder def) {
        int cap = def.maxOrders() + 1;
        record Bucket(int orders, RepurchaseGroup group, long customers) {
        }
        List<Bucket> buckets = MetricQueries.query(store, "order_ladder", def.asOf(), Arrays.asList(def.since().orElse(null), cap,
                MetricQueries.splitSelector(def.split()), MetricQueries.attributePath(def.split())),
                rs -> new Bucket(rs.getInt("orders"), MetricQueries.group(rs), rs.getLong("customers")));
        Map<RepurchaseGroup, long[]> histogram = new TreeMap<>(RepurchaseGroup.ORDER);
        histogram.put(RepurchaseGroup.ALL, new long[cap + 1]);
        for (Bucket b : buckets) {
            if (def.split().isPresent() || b.group().equals(RepurchaseGroup.ALL)) {
                histogram.computeIfAbsent(b.group(), g -> new long[cap + 1])[b.orders()] += b.customers();
            }
        }
        List<RepurchaseLadderResult.Step> steps = new ArrayList<>();
        histogram.forEach((g, h) -> {
            long[] atLeast = new long[cap + 2];
            for (int k = cap; k >= 1; k--) {
                atLeast[k] = atLeast[k + 1] + h[k];
            }
            for (int k = 1; k <= def.maxOrders(); k++) {
                steps.add(new RepurchaseLadderResult.Step(g, k, atLeast[k], atLeast[k + 1]));
            }
        });
        return new RepurchaseLadderResult(def, steps);
    }

    @Override
    public AnnualRetentionResult annual(AnnualRetention def) {
        return MetricQueries.query(store, "annual_retention", def.asOf(), Arrays.asList(def.yearStart(), def.lastYearStart()),
                rs -> new AnnualRetentionResult(def, rs.getLong("last_year"), rs.getLong("retained"),
                        rs.getLong("this_year"), rs.getLong("new_customers"), rs.getLong("reactivated"))).get(0);
    }
}
