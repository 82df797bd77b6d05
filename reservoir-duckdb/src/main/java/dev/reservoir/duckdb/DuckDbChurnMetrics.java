package dev.reservoir.duckdb;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.metric.Activity;
import dev.reservoir.metric.ChurnMetrics;
import dev.reservoir.metric.ChurnRate;
import dev.reservoir.metric.InactiveCustomers;
import dev.reservoir.metric.PeriodChurn;
import dev.reservoir.metric.Rates;
import dev.reservoir.metric.ReturnGaps;
import dev.reservoir.time.AsOf;
import dev.reservoir.time.Period;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Churn metrics over one tenant's DuckDB database: the SQL is in {@code sql/metric/churn_rate},
 * {@code period_churn}, {@code return_gaps} and {@code inactive_customers}; this class binds
 * their parameters and turns rows into result records. Queries hold the store's lock, like the
 * store's own reads, because they share its one connection.
 */
final class DuckDbChurnMetrics implements ChurnMetrics {
    private final DuckDbTenantStore store;

    DuckDbChurnMetrics(DuckDbTenantStore store) {
        this.store = store;
    }

    @Override
    public ChurnRate.Result churnRate(ChurnRate definition) {
        List<Period> periods = definition.periodList();
        // Whether the standard can be reached from an activity day inside a period (churn_rate.sql,
        // `inside`): only when some period spans N days or more after its first day.
        int n = definition.rule().churnDays();
        boolean insidePossible = periods.stream().anyMatch(p -> ChronoUnit.DAYS.between(p.start(), p.end()) >= n);
        Map<LocalDate, long[]> counts = query("churn_rate", sql -> sql.replace("{inside_possible}",
                Boolean.toString(insidePossible)), definition.asOf(), definition.rule().activity(), ps -> {
            int i = bindAsOf(ps, definition.asOf(), definition.rule().activity());
            ps.setInt(i++, definition.rule().churnDays());
            bindPeriods(ps, i, periods);
        }, rs -> new long[] {rs.getLong("base"), rs.getLong("churned"), rs.getLong("joined_churned")});
        List<ChurnRate.Row> rows = new ArrayList<>();
        for (Period p : periods) {
            long[] c = counts.get(p.start());
            rows.add(new ChurnRate.Row(p, c[0], c[1], Rates.rate(c[1], c[0]), c[2]));
        }
        return new ChurnRate.Result(definition, rows);
    }

    @Override
    public PeriodChurn.Result periodChurn(PeriodChurn definition) {
        List<Period> periods = definition.periodList();
        List<Period> withLastNext = new ArrayList<>(periods);
        withLastNext.add(periods.get(periods.size() - 1).next(definition.asOf().date()));
        Map<LocalDate, long[]> counts = query("period_churn", UnaryOperator.identity(), definition.asOf(), definition.activity(), ps -> {
            int i = bindAsOf(ps, definition.asOf(), definition.activity());
            bindPeriods(ps, i, withLastNext);
        }, rs -> new long[] {rs.getLong("active"), rs.getLong("retained")});
        List<PeriodChurn.Row> rows = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            long[] c = counts.get(periods.get(i).start());
            long lost = c[0] - c[1];
            rows.add(new PeriodChurn.Row(periods.get(i), withLastNext.get(i + 1), c[0], c[1], lost, Rates.rate(lost, c[0])));
        }
        return new PeriodChurn.Result(definition, rows);
    }

    @Override
    public ReturnGaps.Result returnGaps(ReturnGaps definition) {
        Map<Integer, Long> byDays = new HashMap<>();
        long[] totals = new long[2];
        run("return_gaps", definition.asOf(), definition.activity(), ps -> bindAsOf(ps, definition.asOf(), definition.activity()), rs -> {
            while (rs.next()) {
                Object days = rs.getObject("days");
                if (days == null) { // the total row of the GROUPING SETS
                    totals[0] = rs.getLong("gaps");
                    totals[1] = rs.getLong("customers");
                } else {
                    byDays.put(((Number) days).intValue(), rs.getLong("gaps"));
                }
            }
            return null;
        });
        int longest = byDays.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<ReturnGaps.Point> curve = new ArrayList<>(longest);
        Integer recommended = null;
        long within = 0;
        for (int g = 1; g <= longest; g++) {
            long gaps = byDays.getOrDefault(g, 0L);
            within += gaps;
            double share = (double) within / totals[0];
            curve.add(new ReturnGaps.Point(g, gaps, within, share));
            if (recommended == null && share >= definition.share()) {
                recommended = g;
            }
        }
        return new ReturnGaps.Result(definition, totals[0], totals[1], curve, recommended);
    }

    @Override
    public InactiveCustomers.Result inactiveCustomers(InactiveCustomers definition) {
        List<InactiveCustomers.Customer> customers = run("inactive_customers", definition.asOf(), definition.rule().activity(), ps -> {
            int i = bindAsOf(ps, definition.asOf(), definition.rule().activity());
            ps.setInt(i++, definition.minDaysSilent());
            ps.setInt(i, definition.maxDaysSilent());
        }, rs -> {
            List<InactiveCustomers.Customer> list = new ArrayList<>();
            while (rs.next()) {
                list.add(new InactiveCustomers.Customer(rs.getString("customer_id"),
                        rs.getObject("last_activity", LocalDate.class), rs.getLong("days_silent"),
                        rs.getLong("orders"), rs.getBigDecimal("money")));
            }
            return list;
        });
        return new InactiveCustomers.Result(definition, customers);
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Rows keyed by their first column, the period start. */
    private Map<LocalDate, long[]> query(String name, UnaryOperator<String> edit, AsOf asOf, Activity activity,
                                         Binder binder, Reader<long[]> row) {
        return run(name, edit, asOf, activity, binder, rs -> {
            Map<LocalDate, long[]> out = new HashMap<>();
            while (rs.next()) {
                out.put(rs.getObject("p_start", LocalDate.class), row.read(rs));
            }
            return out;
        });
    }

    private <T> T run(String name, AsOf asOf, Activity activity, Binder binder, Reader<T> reader) {
        return run(name, UnaryOperator.identity(), asOf, activity, binder, reader);
    }

    /** Runs {@code metric/<name>} with {@code edit} applied to its text (constants the caller writes in). */
    private <T> T run(String name, UnaryOperator<String> edit, AsOf asOf, Activity activity, Binder binder,
                      Reader<T> reader) {
        synchronized (store) {
            Connection connection = store.connection();
            try (PreparedStatement ps = connection.prepareStatement(
                    edit.apply(MetricQueries.text(store, name, asOf, activity)))) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    return reader.read(rs);
                }
            } catch (SQLException e) {
                throw new ReservoirException(e, ErrorCode.STORE_FAILURE, store.tenant().id(),
                        name + ": " + SourceReader.firstLine(e.getMessage()));
            }
        }
    }

    /** Parameters 1 to 3 of every churn query: D, known-at, activity types; returns the next index. */
    private static int bindAsOf(PreparedStatement ps, AsOf asOf, Activity activity) throws SQLException {
        MetricQueries.bindAsOf(ps, asOf);
        // wire names of EventType constants only (Activity holds enums), so the list is safe text
        ps.setString(3, String.join(",", activity.wireNames()));
        return 4;
    }

    private static void bindPeriods(PreparedStatement ps, int index, List<Period> periods) throws SQLException {
        ps.setString(index, periods.stream().map(p -> p.start().toString()).collect(Collectors.joining(",")));
        ps.setString(index + 1, periods.stream().map(p -> p.end().toString()).collect(Collectors.joining(",")));
    }
}
