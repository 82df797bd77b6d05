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
 * The kept tables group churn reads (sql/group/schema.sql): every group join and leave event, and
 * each customer-day's online time under the default gap. Kept by each file import inside its
 * transaction (beside the rollup and the stored sessions) and, for appends of events, by the first
 * groups query after them; built whole for a store that lacks them, and read in place of the raw
 * events whenever they hold what a report may see.
 */
final class GroupTables {
    /** Raised when what a stored row holds changes, so older stores rebuild theirs. */
    static final int VERSION = 1;

    /** The gap online_days is kept with: SPEC's session timeout, the groups command's default. */
    static final Duration GAP = SessionScope.DEFAULT_TIMEOUT;

    /** Events whose days are windowed at once when online_days is built whole (see rebuild). */
    private static final long BATCH_EVENTS = 16_000_000;

    private GroupTables() {
    }

    /** Creates the tables when missing (at every open, after the store's own schema). */
    static void createTables(Statement st) throws SQLException {
        for (String statement : Sql.statements("group/schema", Map.of())) {
            st.execute(statement);
        }
    }

    /** Whether the tables hold every stored event, in this version's layout. */
    static boolean built(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM group_state WHERE version = " + VERSION)) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    /** group_events rows for the events {@code filter} (a condition on {@code events e} this package writes) keeps. */
    static String groupEvents(String filter) {
        return Sql.statements("group/group_events", Map.of()).get(0).replace("{filter}", filter);
    }

    /** online_days rows for the events {@code filter} keeps, with a gap of {@code gapUs} (an SQL expression). */
    static String onlineDays(String filter, String gapUs) {
        return Sql.statements("group/online_days", Map.of()).get(0).replace("{filter}", filter)
                .replace("{gap_us}", gapUs);
    }

    private static String keptGap() {
        return Long.toString(GAP.toNanos() / 1000);
    }

    /** Builds both tables from every stored event, in the caller's transaction. */
    static void rebuild(Statement st, Instant now) throws SQLException {
        rebuild(st, now, BATCH_EVENTS);
    }

    /** As {@link #rebuild(Statement, Instant)}, windowing about {@code batchEvents} events at once. */
    static void rebuild(Statement st, Instant now, long batchEvents) throws SQLException {
        st.execute("DELETE FROM group_events");
        st.execute("INSERT INTO group_events " + groupEvents("TRUE"));
        st.execute("DELETE FROM online_days");
        long parts = PendingImports.parts(st, batchEvents); // by a hash of the customer
        for (long part = 0; part < parts; part++) {
            st.execute("INSERT INTO online_days " + onlineDays(
                    parts == 1 ? "TRUE" : "hash(e.customer_id) % " + parts + " = " + part, keptGap()));
        }
        PENDING.clear(st);
        st.execute("DELETE FROM group_state");
        st.execute("INSERT INTO group_state VALUES (" + VERSION + ", " + StagingSql.timestamp(now) + ")");
    }

    /**
     * The imports the two tables do not hold yet: a file import refreshes them in its transaction,
     * appends of events only defer (caught up by the first groups query after them, the next file
     * import or the next open).
     */
    static final PendingImports PENDING = new PendingImports("group_pending", GroupTables::refreshImports);

    /** Brings both tables up to date with the imports {@code ids} (sql/group/refresh.sql). */
    private static void refreshImports(Statement st, List<Long> ids) throws SQLException {
        String in = "e.import_id IN (" + PendingImports.list(ids) + ")";
        // A row-value IN, planned as a hash semi join (EXISTS with two equalities was planned as a
        // delimiter join: about three times slower on 10M events).
        String seen = "(e.customer_id, e.local_date) IN (SELECT customer_id, local_date FROM od_touched WHERE seen)";
        for (String statement : Sql.statements("group/refresh", Map.of())) {
            st.execute(statement.replace("{import_ids}", PendingImports.list(ids))
                    .replace("{new_group_events}", groupEvents(in))
                    .replace("{fresh_days}", onlineDays(in + " AND NOT " + seen, keptGap()))
                    .replace("{seen_days}", onlineDays(seen, keptGap())));
        }
    }

    /**
     * What group churn as of {@code asOf} with session gap {@code gap} reads the join and leave
     * events from ({@code {group_events}}): the kept table when it holds every event the report may
     * see (pending appends caught up first), else the same rows from the events known at the
     * query's {@code params.known_at}.
     */
    static String groupEventsSource(Connection connection, AsOf asOf) throws SQLException {
        return kept(connection, asOf) ? "group_events"
                : "(" + groupEvents("e.ingested_at <= (SELECT known_at FROM params)") + ")";
    }

    /**
     * What it reads the days' online time from ({@code {online_days}}): the kept table for the
     * default gap when it holds every event the report may see, else the same rows from the raw
     * events of the group members' days in the periods, known at the query's known_at, with the
     * query's gap.
     */
    static String onlineDaysSource(Connection connection, AsOf asOf, Duration gap) throws SQLException {
        if (gap.equals(GAP) && kept(connection, asOf)) {
            return "online_days";
        }
        return "(" + onlineDays("e.ingested_at <= (SELECT known_at FROM params)"
                + " AND e.local_date >= (SELECT min(ps) FROM periods) AND e.local_date <= (SELECT d FROM params)"
                + " AND e.customer_id IN (SELECT customer_id FROM gev)", "(SELECT gap_us FROM params)") + ")";
    }

    private static boolean kept(Connection connection, AsOf asOf) throws SQLException {
        PENDING.catchUp(connection);
        try (Statement st = connection.createStatement()) {
            if (!built(st)) {
                return false;
            }
        }
        return PendingImports.holdsAllKnownAt(connection, asOf);
    }
}
