package dev.reservoir.duckdb;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.event.EventType;
import dev.reservoir.metric.Activity;
import dev.reservoir.metric.RepurchaseGroup;
import dev.reservoir.metric.RepurchaseSplit;
import dev.reservoir.time.AsOf;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What every metric query shares: its text, {@code sql/metric/<name>.sql} with the shared common
 * table expressions put in and the rollup or raw events chosen as its source ({@link Rollup}),
 * the binding of the as-of date, known-at and split, and running it with every value bound.
 */
final class MetricQueries {
    /** Shared common table expressions, put in in this order: later ones occur inside earlier ones. */
    private static final List<String> FRAGMENTS = List.of("retention_returns", "orders_as_of", "split_groups",
            "customer_days", "activity_days", "sessions");

    private MetricQueries() {
    }

    /** The {@code split} parameter of the SQL: {@code none}, a profile column, or {@code attribute}. */
    static String splitSelector(Optional<RepurchaseSplit> split) {
        if (split.isEmpty()) {
            return "none";
        }
        return split.get() instanceof RepurchaseSplit.Column c ? c.column().wireName() : "attribute";
    }

    /**
     * The {@code attr_path} parameter: the key as a JSON pointer ({@code /key}, with '~' and '/'
     * escaped as RFC 6901 says), so any key text is data, never a path expression.
     */
    static String attributePath(Optional<RepurchaseSplit> split) {
        return split.filter(s -> s instanceof RepurchaseSplit.Attribute)
                .map(s -> "/" + ((RepurchaseSplit.Attribute) s).key().replace("~", "~0").replace("/", "~1"))
                .orElse(null);
    }

    /** The group of a result row: the total row, or a value, or unknown (NULL). */
    static RepurchaseGroup group(ResultSet rs) throws SQLException {
        return rs.getInt("is_total") == 1 ? RepurchaseGroup.ALL : RepurchaseGroup.of(rs.getString("grp"));
    }

    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * The text of {@code metric/<name>} as of {@code asOf}: the shared common table expressions
     * put in where it names them ({@code {customer_days}}, ...), reading the rollup when it holds
     * every event the report may see. Parameters 1 and 2 are always D and the known-at instant.
     */
    static String text(DuckDbTenantStore store, String name, AsOf asOf) throws SQLException {
        return expand(Sql.statements("metric/" + name, Map.of()).get(0), store, asOf);
    }

    /**
     * The text of {@code metric/<name>} as of {@code asOf} for {@code activity}: also puts in
     * {@code {activity_links}}, each activity day with its previous and next one, read from the
     * rollup's order-day neighbours when the activity is orders alone, else found with a window.
     */
    static String text(DuckDbTenantStore store, String name, AsOf asOf, Activity activity) throws SQLException {
        return text(store, name, asOf).replace("{activity_links}", links(activity));
    }

    /** The {@code activity_links} common table expression for {@code activity}. */
    static String links(Activity activity) {
        return Sql.statements(activity.types().equals(EnumSet.of(EventType.PURCHASE))
                ? "metric/activity_links_orders" : "metric/activity_links_window", Map.of()).get(0);
    }

    /** {@code sql} with the shared common table expressions it names put in, as of {@code asOf}. */
    static String expand(String sql, DuckDbTenantStore store, AsOf asOf) throws SQLException {
        for (String fragment : FRAGMENTS) {
            sql = sql.replace("{" + fragment + "}", Sql.statements("metric/" + fragment, Map.of()).get(0));
        }
        return sql.replace("{days_source}", Rollup.source(store.connection(), asOf))
                .replace("{as_of_date}", Rollup.dateLiteral(asOf))
                .replace("{event_types}", Rollup.EVENT_TYPES);
    }

    /** Binds parameters 1 and 2 of every metric query: D, and the known-at instant. */
    static void bindAsOf(PreparedStatement ps, AsOf asOf) throws SQLException {
        ps.setObject(1, asOf.date());
        ps.setObject(2, Rollup.knownAt(asOf));
    }

    /**
     * Runs {@code metric/<name>} as of {@code asOf} with {@code params} bound in order after D and
     * known-at; one value per row read.
     */
    static <T> List<T> query(DuckDbTenantStore store, String name, AsOf asOf, List<Object> params,
                             RowReader<T> reader) {
        return query(store, name, UnaryOperator.identity(), asOf, params, reader);
    }

    /**
     * As {@link #query(DuckDbTenantStore, String, AsOf, List, RowReader)}, with {@code edit} applied
     * to the query's text first (the behaviour metrics put in their own {@code {sessions}}).
     */
    static <T> List<T> query(DuckDbTenantStore store, String name, UnaryOperator<String> edit, AsOf asOf,
                             List<Object> params, RowReader<T> reader) {
        synchronized (store) {
            try (PreparedStatement ps = store.connection().prepareStatement(
                    expand(edit.apply(Sql.statements("metric/" + name, Map.of()).get(0)), store, asOf))) {
                bindAsOf(ps, asOf);
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 3, params.get(i));
                }
                List<T> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(reader.read(rs));
                    }
                }
                return rows;
            } catch (SQLException e) {
                throw new ReservoirException(e, ErrorCode.STORE_FAILURE, store.tenant().id(),
                        name + ": " + SourceReader.firstLine(e.getMessage()));
            }
        }
    }
}
