package dev.reservoir.duckdb;

import dev.reservoir.metric.SessionScope;
import dev.reservoir.time.AsOf;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The stored sessions the behaviour metrics read (sql/behaviour/schema.sql): every person's
 * sessions and every visitor's identity over all stored events, kept by each file import inside its
 * transaction (beside the rollup's upkeep) and, for appends of events, by the first behaviour query
 * after them ({@link #catchUp}); built whole for a store that lacks them, and read in place of
 * sessionizing the raw events whenever they hold what a report may see.
 */
final class BehaviourSessions {
    /** Raised when what a stored row holds changes, so older stores rebuild theirs. */
    static final int VERSION = 1;

    /** The timeout the stored sessions are split with: the default; other timeouts read raw events. */
    static final Duration TIMEOUT = SessionScope.DEFAULT_TIMEOUT;

    /** Events sessionized at once when the sessions are built whole (see rebuild). */
    private static final long BATCH_EVENTS = 4_000_000;

    /** The raw computation's identities: as of D and known-at, from the events (metric/sessions.sql). */
    private static final String RAW_IDENTITIES = """
            SELECT e.visitor_id, first(e.customer_id ORDER BY e.occurred_at, e.customer_id) AS customer_id
                FROM events e, params p
                WHERE e.visitor_id IS NOT NULL AND e.customer_id IS NOT NULL
                  AND e.local_date <= p.d AND e.ingested_at <= p.known_at
                GROUP BY e.visitor_id""";

    private BehaviourSessions() {
    }

    /** Creates the tables when missing (at every open, after the store's own schema). */
    static void createTables(Statement st) throws SQLException {
        for (String statement : Sql.statements("behaviour/schema", Map.of())) {
            st.execute(statement);
        }
    }

    /** Whether the stored sessions hold every stored event, in this version's layout. */
    static boolean built(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM behaviour_state WHERE version = " + VERSION
                + " AND timeout_seconds = " + TIMEOUT.getSeconds())) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    /** The person-events query over the events {@code filter} (a condition this class writes) selects. */
    private static String personEvents(String filter) {
        return Sql.statements("behaviour/person_events", Map.of()).get(0).replace("{filter}", filter);
    }

    /** The query giving behaviour_sessions rows for every event of the people {@code personEvents} holds. */
    static String sessions(String personEvents) {
        return Sql.statements("behaviour/sessions", Map.of()).get(0)
                .replace("{person_events}", personEvents)
                .replace("{timeout_us}", String.valueOf(TIMEOUT.toNanos() / 1000));
    }

    /** The visitors' identities over every stored event. */
    static String identities() {
        return "SELECT visitor_id, first(customer_id ORDER BY occurred_at, customer_id) AS customer_id,"
                + " min(occurred_at) AS identified_at, min(local_date) AS identified_date"
                + " FROM events WHERE visitor_id IS NOT NULL AND customer_id IS NOT NULL GROUP BY visitor_id";
    }

    /** Builds both tables from every stored event, in the caller's transaction. */
    static void rebuild(Statement st, Instant now) throws SQLException {
        st.execute("DELETE FROM visitor_identities");
        st.execute("INSERT INTO visitor_identities " + identities());
        st.execute("DELETE FROM behaviour_sessions");
        long parts = PendingImports.parts(st, BATCH_EVENTS); // by a hash of the person
        for (long part = 0; part < parts; part++) {
            st.execute("INSERT INTO behaviour_sessions " + sessions("SELECT * FROM (" + personEvents("TRUE")
                    + ") WHERE hash(person) % " + parts + " = " + part));
        }
        PENDING.clear(st);
        st.execute("DELETE FROM behaviour_state");
        st.execute("INSERT INTO behaviour_state VALUES (" + VERSION + ", " + TIMEOUT.getSeconds() + ", "
                + StagingSql.timestamp(now) + ")");
    }

    /**
     * The imports the two tables do not hold yet: a file import refreshes them in its transaction
     * ({@code PENDING.refresh}, with every pending one); appends of events (HTTP ingestion commits)
     * only {@code defer}, leaving the sessionizing to the first behaviour query after them
     * ({@code catchUp}), the next file import or the next open.
     */
    static final PendingImports PENDING = new PendingImports("behaviour_pending", BehaviourSessions::refreshImports);

    /**
     * Brings both tables up to date with the imports {@code ids} (sql/behaviour/refresh.sql): the
     * sessions of every person they touched are made again, from their own events for people new
     * to the store, else from all of theirs.
     */
    private static void refreshImports(Statement st, List<Long> ids) throws SQLException {
        String importIds = PendingImports.list(ids);
        String imported = personEvents("e.import_id IN (" + importIds + ")");
        for (String statement : Sql.statements("behaviour/refresh", Map.of())) {
            st.execute(statement.replace("{import_ids}", importIds).replace("{import_people}", imported));
        }
        long seen;
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM bs_touched WHERE NOT fresh")) {
            rs.next();
            seen = rs.getLong(1);
        }
        // With no one seen before (a first load, or new customers only), every event of the
        // import is a fresh person's: no filter to probe a million events against.
        String fresh = sessions(seen == 0 ? imported
                : "SELECT * FROM (" + imported + ") WHERE person IN (SELECT person FROM bs_touched WHERE fresh)");
        st.execute(Sql.statements("behaviour/refresh_fresh", Map.of()).get(0).replace("{fresh_sessions}", fresh));
        if (seen > 0) {
            String customers = "SELECT substr(person, 3) FROM bs_touched WHERE NOT fresh AND starts_with(person, 'c:')";
            String filter = "e.customer_id IN (" + customers + ") OR e.customer_id IS NULL AND e.visitor_id IN ("
                    + "SELECT visitor_id FROM visitor_identities WHERE customer_id IN (" + customers + ") UNION "
                    + "SELECT substr(person, 3) FROM bs_touched WHERE NOT fresh AND starts_with(person, 'v:'))";
            String seenSessions = sessions("SELECT * FROM (" + personEvents(filter)
                    + ") WHERE person IN (SELECT person FROM bs_touched WHERE NOT fresh)");
            st.execute(Sql.statements("behaviour/refresh_seen", Map.of()).get(0).replace("{seen_sessions}", seenSessions));
        }
        st.execute("DROP TABLE bs_claims");
        st.execute("DROP TABLE bs_changed");
        st.execute("DROP TABLE bs_touched");
    }

    /**
     * The {@code {sessions}} common table expressions of a behaviour query for {@code scope}: the
     * stored sessions (with the people a date cuts into recomputed) when they hold every event the
     * report may see and were split with its timeout, else the computation from raw events.
     */
    static String fragment(Connection connection, SessionScope scope) throws SQLException {
        if (scope.timeout().equals(TIMEOUT)) {
            PENDING.catchUp(connection);
        }
        if (stored(connection, scope)) {
            String recompute = raw(
                    "SELECT visitor_id, customer_id FROM visitor_identities, params p WHERE identified_date <= p.d",
                    // EXISTS: with no one affected (the usual case) the events are not scanned at all.
                    "AND EXISTS (SELECT 1 FROM affected) AND (e.customer_id IN (SELECT customer_id FROM affected_customers)"
                            + " OR e.customer_id IS NULL AND e.visitor_id IN (SELECT visitor_id FROM affected_visitors))",
                    "recomputed");
            return Sql.statements("behaviour/stored", Map.of()).get(0).replace("{recompute}", recompute);
        }
        return raw(RAW_IDENTITIES, "", "sessions");
    }

    /** The raw computation (metric/sessions.sql) with its three placeholders filled in. */
    private static String raw(String identities, String peopleFilter, String name) {
        return Sql.statements("metric/sessions", Map.of()).get(0).replace("{identities}", identities)
                .replace("{people_filter}", peopleFilter).replace("{sessions_name}", name);
    }

    /** Whether a report of {@code scope} may read the stored sessions. */
    static boolean stored(Connection connection, SessionScope scope) throws SQLException {
        if (!scope.timeout().equals(TIMEOUT)) {
            return false;
        }
        try (Statement st = connection.createStatement()) {
            if (!built(st)) {
                return false;
            }
        }
        AsOf asOf = scope.asOf();
        return PendingImports.holdsAllKnownAt(connection, asOf);
    }
}
