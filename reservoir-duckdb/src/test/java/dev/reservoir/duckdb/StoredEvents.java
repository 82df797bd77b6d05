package dev.reservoir.duckdb;

import dev.reservoir.engine.Engine;
import dev.reservoir.engine.TenantSummary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads what a tenant stored straight from its DuckDB database (the package-private
 * {@link DuckDbTenantStore#connection()}), for facts the public API does not report, such as
 * the event ids. Plain queries over the stored table, no engine SQL.
 */
final class StoredEvents {
    private StoredEvents() {
    }

    static Set<String> eventIds(Engine engine, String tenant) {
        return new HashSet<>(column(engine, tenant, "SELECT event_id FROM events"));
    }

    static List<String> column(Engine engine, String tenant, String sql) {
        List<String> values = new ArrayList<>();
        try (Statement st = connection(engine, tenant).createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return values;
    }

    /** Every row of {@code sql}, each as its columns' text joined by '|', in the query's order. */
    static List<String> rows(Engine engine, String tenant, String sql) {
        List<String> rows = new ArrayList<>();
        try (Statement st = connection(engine, tenant).createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    b.append(i == 1 ? "" : "|").append(rs.getString(i));
                }
                rows.add(b.toString());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return rows;
    }

    /** The single value of {@code sql} as text (DuckDB's HUGEINT sums do not fit a long). */
    static String value(Engine engine, String tenant, String sql) {
        List<String> values = column(engine, tenant, sql);
        if (values.size() != 1) {
            throw new IllegalStateException(sql + ": expected one row, got " + values.size());
        }
        return values.get(0);
    }

    static long count(Engine engine, String tenant, String sql) {
        return Long.parseLong(value(engine, tenant, sql));
    }

    private static java.sql.Connection connection(Engine engine, String tenant) {
        return ((DuckDbTenantStore) engine.store(tenant)).connection();
    }

    /**
     * The summary without its {@code imports} count: an import that adds nothing is still
     * recorded, and "changes nothing" is about the data.
     */
    static TenantSummary withoutImports(TenantSummary s) {
        return new TenantSummary(s.tenant(), s.customers(), s.profiles(), s.events(), s.anonymousEvents(),
                s.eventsByType(), s.orders(), s.revenue(), s.refunds(), s.firstDate(), s.lastDate(), 0);
    }

    /** Deletes a test's data directory, the engine closed first. */
    static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete test data directory " + root, e);
        }
    }
}
