package dev.reservoir.duckdb;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.event.EventType;
import dev.reservoir.metric.Activity;
import dev.reservoir.metric.CohortRetention;
import dev.reservoir.metric.CohortRetentionCounts;
import dev.reservoir.metric.CohortRetentionResult;
import dev.reservoir.metric.NDayRetention;
import dev.reservoir.metric.NDayRetentionResult;
import dev.reservoir.metric.RetentionEntry;
import dev.reservoir.metric.RetentionMember;
import dev.reservoir.metric.RetentionMetrics;
import dev.reservoir.time.AsOf;
import dev.reservoir.time.PeriodUnit;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cohort and N-day retention over a tenant's DuckDB store, from the SQL resources
 * {@code sql/metric/cohort_retention.sql}, {@code cohort_retention_members.sql} and
 * {@code n_day_retention.sql}, which share {@code retention_returns.sql}.
 */
final class DuckDbRetentionMetrics implements RetentionMetrics {
    /** Queries hold the store's lock, like the store's own, so none runs during an import. */
    private final DuckDbTenantStore store;

    DuckDbRetentionMetrics(DuckDbTenantStore store) {
        this.store = store;
    }

    @Override
    public List<CohortRetentionCounts> counts(CohortRetention definition) {
        Map<LocalDate, Long> sizes = new HashMap<>();
        Map<LocalDate, Map<String, Map<Integer, Long>>> counts = new HashMap<>();
        // With the defaults (first purchase, orders return) the rollup's order-day neighbours give
        // the same counts without a DISTINCT of every return (cohort_retention_orders.sql).
        boolean orders = definition.entry() == RetentionEntry.FIRST_PURCHASE
                && definition.returning().types().equals(EnumSet.of(EventType.PURCHASE));
        query(orders ? "cohort_retention_orders" : "cohort_retention", definition.entry(), definition.returning(),
                definition.unit(), definition.asOf(),
                ps -> ps.setObject(6, definition.cohortPeriods().get(0).start()), rs -> {
            LocalDate start = rs.getObject("cohort_start", LocalDate.class);
            String what = rs.getString("what");
            long n = rs.getLong("n");
            if ("size".equals(what)) {
                sizes.put(start, n);
            } else {
                counts.computeIfAbsent(start, s -> new HashMap<>())
                        .computeIfAbsent(what, w -> new HashMap<>()).put(rs.getInt("k"), n);
            }
        });
        List<CohortRetentionCounts> cohorts = new ArrayList<>();
        sizes.forEach((start, size) -> {
            Map<String, Map<Integer, Long>> c = counts.getOrDefault(start, Map.of());
            cohorts.add(new CohortRetentionCounts(start, size, c.getOrDefault("on", Map.of()),
                    c.getOrDefault("last", Map.of()), c.getOrDefault("first", Map.of())));
        });
        return cohorts;
    }

    @Override
    public List<RetentionMember> members(CohortRetention definition) {
        List<RetentionMember> members = new ArrayList<>();
        query("cohort_retention_members", definition.entry(), definition.returning(), definition.unit(),
                definition.asOf(), ps -> ps.setObject(6, definition.cohortPeriods().get(0).start()), rs -> {
            Array array = rs.getArray("offsets");
            List<Integer> offsets = new ArrayList<>();
            for (Object o : (Object[]) array.getArray()) {
                offsets.add(((Number) o).intValue());
            }
            members.add(new RetentionMember(rs.getString("customer_id"), rs.getObject("entry_date", LocalDate.class),
                    rs.getObject("cohort_start", LocalDate.class), offsets));
        });
        return members;
    }

    @Override
    public NDayRetentionResult nDay(NDayRetention definition) {
        Map<Integer, NDayRetentionResult.Row> byN = new LinkedHashMap<>();
        query("n_day_retention", definition.entry(), definition.returning(), null, definition.asOf(),
                ps -> ps.setString(6, definition.days().stream().map(String::valueOf).collect(Collectors.joining(","))),
                rs -> {
                    int n = rs.getInt("n");
                    byN.put(n, new NDayRetentionResult.Row(n, definition.asOf().date().minusDays(n),
                            rs.getLong("entered"), rs.getLong("returned_within"), rs.getLong("returned_on_day")));
                });
        return new NDayRetentionResult(definition, definition.days().stream().map(byN::get).toList());
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /**
     * The query's text with retention_returns' constants written in: the returning types' bits,
     * whether orders return and whether entry is first-purchase (the same entry and types the
     * query binds as parameters 3 and 4), and the cohorts' period unit ({@code null} for N-day retention,
     * which has none) as a constant.
     */
    private String text(String name, RetentionEntry entry, Activity returning, PeriodUnit unit, AsOf asOf)
            throws SQLException {
        Set<EventType> returns = EnumSet.copyOf(returning.types());
        returns.remove(EventType.PURCHASE);
        if (entry == RetentionEntry.REGISTRATION) {
            returns.remove(EventType.REGISTER); // the entry itself, not a return
        }
        String text = unit == null ? MetricQueries.text(store, name, asOf)
                : DuckDbRepurchaseMetrics.unit(unit).apply(MetricQueries.text(store, name, asOf));
        return text
                .replace("{return_bits}", Integer.toString(Rollup.bits(returns)))
                .replace("{return_orders}", Boolean.toString(returning.types().contains(EventType.PURCHASE)))
                .replace("{first_purchase_entry}", Boolean.toString(entry == RetentionEntry.FIRST_PURCHASE));
    }

    /** Runs {@code sql/metric/<name>.sql} with the five parameters of retention_returns, then the query's own. */
    private void query(String name, RetentionEntry entry, Activity returning, PeriodUnit unit, AsOf asOf, Binder more,
                       RowReader reader) {
        synchronized (store) {
            try (PreparedStatement ps = store.connection().prepareStatement(text(name, entry, returning, unit, asOf))) {
                MetricQueries.bindAsOf(ps, asOf);
                ps.setString(3, entry.wireName());
                // Wire names of EventType constants, so no user text reaches the list.
                ps.setString(4, String.join(",", returning.wireNames()));
                ps.setString(5, store.tenant().timeZone().getId());
                more.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        reader.read(rs);
                    }
                }
            } catch (SQLException e) {
                throw new ReservoirException(e, ErrorCode.STORE_FAILURE, store.tenant().id(), SourceReader.firstLine(e.getMessage()));
            }
        }
    }
}
