package dev.reservoir.duckdb;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.metric.RepurchaseGroup;
import dev.reservoir.metric.RepurchaseSplit;
import dev.reservoir.time.AsOf;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the repurchase, annual and activity queries share: binding the as-of date, known-at and
 * split, and running a statement of {@code sql/metric/<name>.sql} with every value bound.
 */
final class RepurchaseQueries {
    /** Without a known-at, everything stored counts (as in {@link DuckDbTenantStore}). */
    private static final Instant EVERYTHING = Instant.parse("9999-12-31T00:00:00Z");

    private RepurchaseQueries() {
    }

    static OffsetDateTime knownAt(AsOf asOf) {
        return asOf.knownAt().orElse(EVERYTHING).atOffset(ZoneOffset.UTC);
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

    /** The query's text with the shared common table expressions put in. */
    private static String text(String name) {
        return Sql.statements("metric/" + name, Map.of(
                "{orders_as_of}", Sql.statements("metric/orders_as_of", Map.of()).get(0),
                "{split_groups}", Sql.statements("metric/split_groups", Map.of()).get(0))).get(0);
    }

    /** Runs {@code metric/<name>} with {@code params} bound in order; one value per row read. */
    static <T> List<T> query(DuckDbTenantStore store, String name, List<Object> params, RowReader<T> reader) {
        synchronized (store) {
            try (PreparedStatement ps = store.connection().prepareStatement(text(name))) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
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
