package dev.reservoir.duckdb;

import dev.reservoir.event.EventType;
import dev.reservoir.time.AsOf;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The per-customer-per-day rollup {@code customer_days} (sql/rollup/customer_days.sql): kept by
 * every import inside its transaction, built whole for a store that lacks it, and read by the
 * metric queries in place of raw events whenever it holds exactly the events a report may see.
 */
final class Rollup {
    /** Raised when what a row of the rollup holds changes, so older stores rebuild theirs. */
    static final int VERSION = 4;

    /**
     * The canonical event types in {@link EventType}'s order, as an SQL list: the i-th sets bit
     * i - 1 of a rollup row's {@code types}. Made from the enum, never from user text.
     */
    static final String EVENT_TYPES = Arrays.stream(EventType.values()).map(t -> Sql.literal(t.wireName()))
            .collect(Collectors.joining(", ", "[", "]"));

    static {
        // types is a USMALLINT: a 17th event type needs a wider column (and a new VERSION).
        if (EventType.values().length > 16) {
            throw new IllegalStateException(EventType.values().length + " event types do not fit the rollup's 16 bits");
        }
    }

    /** The bits of {@code types} in a rollup row's {@code types} (bit i - 1 for the i-th of {@link #EVENT_TYPES}). */
    static int bits(Set<EventType> types) {
        int bits = 0;
        for (EventType t : types) {
            bits |= 1 << t.ordinal();
        }
        return bits;
    }

    /** Without a known-at, everything stored counts. */
    private static final Instant EVERYTHING = Instant.parse("9999-12-31T00:00:00Z");

    private Rollup() {
    }

    /** The rollup query over the events {@code filter} (an SQL condition this class writes) selects. */
    static String query(String filter) {
        return Sql.statements("rollup/customer_days", Map.of()).get(0)
                .replace("{event_types}", EVENT_TYPES).replace("{filter}", filter);
    }

    /** The statement giving keys to the ids of {@code newIds} (a query this class writes). */
    private static String keys(String newIds) {
        return Sql.statements("rollup/keys", Map.of()).get(0).replace("{new_ids}", newIds);
    }

    /**
     * The imports the rollup does not hold yet: a file import rolls up in its transaction
     * ({@code PENDING.refresh}, with every pending one); appends of events (HTTP ingestion commits)
     * only {@code defer}, leaving the rolling up to the first query that reads the rollup after
     * them ({@link #source} calls {@code catchUp}), the next file import or the next open.
     */
    static final PendingImports PENDING = new PendingImports("rollup_pending", Rollup::refreshImports);

    /** Rolls up again every customer the imports {@code ids} added events or profiles for. */
    private static void refreshImports(Statement st, List<Long> ids) throws SQLException {
        String in = "import_id IN (" + PendingImports.list(ids) + ")";
        String keys = keys("SELECT customer_id FROM rollup_touched UNION SELECT customer_id FROM customers WHERE " + in);
        String newDays = query(in + " AND customer_id IN (SELECT customer_id FROM rollup_touched WHERE NOT seen)");
        String seenDays = query("customer_id IN (SELECT customer_id FROM rollup_touched WHERE seen)");
        for (String statement : Sql.statements("rollup/refresh", Map.of())) {
            st.execute(statement.replace("{imports}", in).replace("{keys}", keys)
                    .replace("{new_days}", newDays).replace("{seen_days}", seenDays));
        }
    }

    /** Whether the store's rollup is complete and of this version. */
    static boolean built(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM rollup_state WHERE version = " + VERSION)) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    /** Builds the rollup of every stored event from scratch, in the caller's transaction. */
    static void rebuild(Statement st, Instant now) throws SQLException {
        st.execute(keys("SELECT customer_id FROM events UNION SELECT customer_id FROM customers"));
        // Versions 3 and 4 added columns (order-day neighbours; the segment facts' order amounts,
        // complaints and reviews): a store made before has the table without them (added without
        // schema.sql's NOT NULL, which ALTER cannot add; the rollup query never writes NULL there).
        for (String column : List.of("prev_order_day DATE", "next_order_day DATE", "order_amount DECIMAL(18,4)",
                "spanning_orders INTEGER", "complaints INTEGER", "reviews INTEGER", "five_star_reviews INTEGER",
                "min_rating INTEGER", "rating_sum INTEGER")) {
            st.execute("ALTER TABLE customer_days ADD COLUMN IF NOT EXISTS " + column);
        }
        st.execute("DELETE FROM customer_days");
        st.execute("INSERT INTO customer_days " + query("TRUE"));
        PENDING.clear(st);
        st.execute("DELETE FROM rollup_state");
        st.execute("INSERT INTO rollup_state VALUES (" + VERSION + ", " + StagingSql.timestamp(now) + ")");
    }

    /**
     * What a metric query reads the rollup's rows from, as of {@code asOf}: the table when it holds
     * every event that report may see (no known-at, or one not before the last import; pending
     * appends are rolled up first), else the
     * same rows made from the events known at that instant (the query's {@code params.known_at}).
     */
    static String source(Connection connection, AsOf asOf) throws SQLException {
        PENDING.catchUp(connection);
        if (PendingImports.holdsAllKnownAt(connection, asOf)) {
            return "customer_days";
        }
        return "(" + query("ingested_at <= (SELECT known_at FROM params) AND local_date <= " + dateLiteral(asOf)) + ")";
    }

    /** The as-of date D as an SQL DATE literal (a LocalDate prints as digits and dashes only). */
    static String dateLiteral(AsOf asOf) {
        return "DATE '" + asOf.date() + "'";
    }

    /** The known-at instant as the queries bind it. */
    static OffsetDateTime knownAt(AsOf asOf) {
        return asOf.knownAt().orElse(EVERYTHING).atOffset(ZoneOffset.UTC);
    }
}
