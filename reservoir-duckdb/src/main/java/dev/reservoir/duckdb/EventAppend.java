package dev.reservoir.duckdb;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.event.Event;
import dev.reservoir.event.Tenant;
import dev.reservoir.ingest.AppendOutcome;
import dev.reservoir.ingest.BuiltinMapping;
import dev.reservoir.ingest.FileReport;
import dev.reservoir.ingest.Rejection;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The append of HTTP ingestion ({@code TenantStore.appendUnlessStored}): a group of requests'
 * events in one transaction of a few statements, prepared once per connection. The file
 * import's path makes and drops its views and tables and plans every statement afresh at every
 * commit, which for commits of a few thousand events costs more than the rows; this one keeps one
 * temporary table for the rows and prepares the probe and the insert once. The insert is the
 * file import's (sql/import/insert_events.sql over the checks of {@link StagingSql}, with the
 * canonical mapping), so the stored rows are the same.
 *
 * <p>Each append has a connection of its own (a duplicate of the store's), so there are two:
 * while one group commits, the next is staged: its rows go into this connection's
 * {@code ingest_batch} (the n-th event is line n), outside the store's writer ({@link #stage}).
 * The commit, under the writer ({@link #commit}): the batch's 64-bit id keys are looked up in
 * the stored keys held in memory ({@link StoredKeys}; while the store is too big for them, one
 * query counts the stored events whose key matches, scanning that one integer column); none
 * match in the common case; only if some do, a query compares the ids' text to find the lines
 * whose id is stored; only if some id has ends the import's trim may remove, another finds the
 * lines whose id came earlier in the batch once trimmed, or is blank; those lines are deleted;
 * the insert stores the rows passing the checks (when the group's long texts are all left as they
 * are by the trim, the form that reads them untrimmed: {@link #AS_IS}); only when it stored fewer
 * than were left are the checks evaluated again, to say why each other was rejected (and write the
 * rejects file, as an import does). Then the imports row, the notes that the rollup, the stored sessions and the
 * group tables have this import pending, and the commit. Rolled back whole on any error; the
 * staged rows are then dropped.
 *
 * <p>The statements are prepared while {@code ingest_batch} is empty, and DuckDB plans a prepared
 * statement once, with the statistics its tables have then: a test of one of that table's own
 * columns ({@code event_id IS NULL}) may be folded to a constant for good. The checks' tests of its
 * typed columns (a time given, a number of its type) hold for every {@code Event} anyway; every
 * other test is of a computed expression (a trim, the {@code bad} the checks make), which those
 * statistics do not bound. A statement that must test a column of such a table has to be run as a
 * plain statement, planned at each run (docs/benchmarks.md, "The checks evaluated while a group is
 * staged").
 */
final class EventAppend {
    static final String TABLE = "ingest_batch";
    private static final String SCHEMA = "line BIGINT, event_id VARCHAR, customer_id VARCHAR, visitor_id VARCHAR,"
            + " occurred_at TIMESTAMPTZ, type VARCHAR, page VARCHAR, item_id VARCHAR, category VARCHAR,"
            + " order_id VARCHAR, quantity BIGINT, amount DECIMAL(18,4), currency VARCHAR, store_id VARCHAR,"
            + " channel VARCHAR, session_id VARCHAR, properties VARCHAR";
    /**
     * The text columns a group's rows may pass through untrimmed when every value in them is
     * left as it is by the trim ({@link #trimLeavesAsIs(String)}): the long ones, which no check
     * of a row tests (customer and visitor ids, the type and the currency are tested, and stay
     * trimmed, so those tests are of a computed value).
     */
    static final Set<String> AS_IS = Set.of("event_id", "page", "item_id", "category", "order_id", "store_id",
            "channel", "session_id");
    /** The staged id, as the import's checks make it (sql text: trimmed, blank is none). */
    private static final String STAGED_ID = "nullif(trim(event_id), '')";

    private final DuckDBConnection connection;
    private final Tenant tenant;
    private final TenantFolder folder;
    private final Source source;
    private final MappingPlan plan;
    private final PreparedStatement nextImportId;
    private final PreparedStatement keyMatches;
    private final PreparedStatement keysSince;
    private final PreparedStatement batchKeys;
    private final PreparedStatement stored;
    private final PreparedStatement repeats;
    private final PreparedStatement insert;
    private final PreparedStatement insertAsIs;
    private final PreparedStatement anonymous;
    private final PreparedStatement importsRow;
    private final PreparedStatement rollupPending;
    private final PreparedStatement sessionsPending;
    private final PreparedStatement groupsPending;
    private final PreparedStatement clear;

    private EventAppend(DuckDBConnection connection, Tenant tenant, TenantFolder folder) throws SQLException {
        this.connection = connection;
        this.tenant = tenant;
        this.folder = folder;
        try (Statement st = connection.createStatement()) {
            st.execute("SET TimeZone = 'UTC'"); // as on the store's own connection
            st.execute("CREATE OR REPLACE TEMP TABLE " + TABLE + " (" + SCHEMA + ")");
            source = new Source(TABLE, SourceReader.describe(st, TABLE), List.of());
        }
        plan = MappingPlans.plan(BuiltinMapping.of(BuiltinMapping.Layout.CANONICAL), source.columns().keySet(), tenant);
        nextImportId = connection.prepareStatement("SELECT coalesce(max(import_id), 0) + 1 FROM imports");
        // While the store is too big for StoredKeys: the stored keys only (one integer column); in
        // the common case, new events, no key matches and the ids' text is never read.
        keyMatches = connection.prepareStatement("SELECT count(*) FROM events WHERE id_key IN (SELECT hash("
                + STAGED_ID + ") FROM " + TABLE + ")");
        // The stored keys of the imports after one (StoredKeys' catch-up), and the batch's keys.
        keysSince = connection.prepareStatement("SELECT id_key FROM events WHERE import_id > ?");
        batchKeys = connection.prepareStatement("SELECT hash(" + STAGED_ID + ") FROM " + TABLE);
        // Kind 0: stored before with the same content, 3: with other content, a conflict (only when
        // some key matched; the stored row is compared with the staged one, field by field, as the
        // import compares them); 1: an earlier line has the same id once trimmed; 2: no id once
        // trimmed (1 and 2 only when some id's ends may be trimmed). A row failing the checks whose
        // id is stored counts as stored before. $1: the future-time limit of the checks.
        stored = connection.prepareStatement("WITH k AS (" + StagingSql.select(source, plan, tenant,
                "CAST($1 AS TIMESTAMPTZ)") + "),\n"
                + "s AS (SELECT * FROM events WHERE id_key IN (SELECT hash(event_id) FROM k WHERE event_id IS NOT NULL))\n"
                + "SELECT k.line, CASE WHEN k.bad IS NOT NULL OR (" + Importer.sameContent("k", "s") + ") THEN 0 ELSE 3 END"
                + " FROM k JOIN s ON s.event_id = k.event_id");
        repeats = connection.prepareStatement("WITH b AS (SELECT line, " + STAGED_ID + " AS id FROM " + TABLE + ")\n"
                + "SELECT line, 1 FROM (SELECT line, row_number() OVER (PARTITION BY id ORDER BY line) AS nth"
                + " FROM b WHERE id IS NOT NULL) WHERE nth > 1\n"
                + "UNION ALL SELECT line, 2 FROM b WHERE id IS NULL");
        insert = connection.prepareStatement(insertSql(Set.of()));
        insertAsIs = connection.prepareStatement(insertSql(AS_IS));
        anonymous = connection.prepareStatement("SELECT count(*) FROM events WHERE import_id = ? AND customer_id IS NULL");
        importsRow = connection.prepareStatement("INSERT INTO imports VALUES (?, ?, ?, 'events', ?, ?, ?, ?, ?, ?)");
        rollupPending = connection.prepareStatement(Rollup.PENDING.deferStatement());
        sessionsPending = connection.prepareStatement(BehaviourSessions.PENDING.deferStatement());
        groupsPending = connection.prepareStatement(GroupTables.PENDING.deferStatement());
        clear = connection.prepareStatement("DELETE FROM " + TABLE);
    }

    /** The file import's insert over the checks, the {@code asIs} columns read untrimmed. */
    private String insertSql(Set<String> asIs) {
        // $1: the future-time limit, $2: the ingestion time, $3: the import id.
        String staged = "(" + StagingSql.select(source, plan, tenant, "CAST($1 AS TIMESTAMPTZ)", asIs)
                + ") k WHERE k.bad IS NULL";
        List<String> statements = Sql.statements("import/insert_events", Map.of(
                "{zone}", Sql.literal(tenant.timeZone().getId()),
                "{ingested_at}", "CAST($2 AS TIMESTAMPTZ)",
                "{import_id}", "CAST($3 AS BIGINT)",
                "{new_rows}", staged));
        if (statements.size() != 1) {
            throw new IllegalStateException("insert_events: expected one statement, found " + statements.size());
        }
        return statements.get(0);
    }

    /**
     * Whether the import's trim leaves {@code text} as it is: it is not empty, and its first and
     * last characters are printable ASCII other than the space, letters or digits, none of which
     * the trim (of spaces: Unicode's space separators) ever removes.
     */
    static boolean trimLeavesAsIs(String text) {
        return !text.isEmpty() && kept(text.charAt(0)) && kept(text.charAt(text.length() - 1));
    }

    private static boolean kept(char c) {
        return c > ' ' && c < 0x7F || Character.isLetterOrDigit(c);
    }

    /** Whether every value of the {@link #AS_IS} columns of {@code events} is null or left as it is by the trim. */
    static boolean asIs(List<Event> events) {
        for (Event e : events) {
            if (!asIs(e.eventId()) || !asIs(e.page()) || !asIs(e.itemId()) || !asIs(e.category()) || !asIs(e.orderId())
                    || !asIs(e.storeId()) || !asIs(e.channel()) || !asIs(e.sessionId())) {
                return false;
            }
        }
        return true;
    }

    private static boolean asIs(String text) {
        return text == null || trimLeavesAsIs(text);
    }

    private static boolean trimLeavesAsIs(List<Event> events) {
        for (Event e : events) {
            if (!trimLeavesAsIs(e.eventId())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The rows, the n-th event as line n. A method of its own: the hot loop is what the JIT
     * compiles, not the whole commit around it (which runs once per group).
     */
    private void fill(List<Event> events) throws SQLException {
        try (DuckDBAppender a = connection.createAppender("temp", "main", TABLE)) {
            long line = 0;
            for (Event e : events) {
                a.beginRow();
                a.append(++line);
                DuckDbTenantStore.writeEvent(a, e);
                a.endRow();
            }
        }
    }

    /** An append on {@code connection}, which it owns from now on (a connection of its own: see the class). */
    static EventAppend prepare(DuckDBConnection connection, Tenant tenant, TenantFolder folder) throws SQLException {
        try {
            return new EventAppend(connection, tenant, folder);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Closes its connection (and with it the table and the prepared statements). */
    void close() throws SQLException {
        connection.close();
    }

    /**
     * Writes {@code events} into this append's table, outside the store's writer: the table is
     * this connection's own, so one group is staged while the one before it commits on another
     * connection. Then {@link #commit} stores them, or {@link #unstage} drops them.
     */
    void stage(List<Event> events) throws SQLException {
        try {
            fill(events);
        } catch (SQLException | RuntimeException e) {
            unstage();
            throw e;
        }
    }

    /** Empties the table (a staged group that will not commit, or one whose commit was rolled back). */
    void unstage() throws SQLException {
        clear.executeUpdate();
    }

    /**
     * Stores the staged {@code events} (each with an id) in one transaction; the caller holds the
     * store's writer. {@code keys}: the store's stored keys in memory, which this commit reads
     * and, once committed, adds to.
     */
    AppendOutcome commit(String label, List<Event> events, Instant now, Duration futureTolerance, StoredKeys storedKeys)
            throws SQLException {
        long started = System.nanoTime();
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        connection.setAutoCommit(false);
        boolean committed = false;
        try {
            long importId;
            try (ResultSet rs = nextImportId.executeQuery()) {
                rs.next();
                importId = rs.getLong(1);
            }
            Set<Integer> duplicates = new HashSet<>();
            Set<Integer> conflicts = new HashSet<>();
            Map<Integer, Rejection> rejections = new HashMap<>();
            long candidates;
            long[] keys = null;
            if (storedKeys.catchUp(keysSince, importId - 1)) {
                keys = new long[events.size()];
                try (ResultSet rs = batchKeys.executeQuery()) {
                    for (int i = 0; rs.next(); i++) {
                        keys[i] = rs.getLong(1);
                    }
                }
                candidates = storedKeys.candidates(keys);
            } else {
                try (ResultSet rs = keyMatches.executeQuery()) {
                    rs.next();
                    candidates = rs.getLong(1);
                }
            }
            // Every text of the AS_IS columns, the ids among them, left as it is by the trim: one pass.
            boolean textsAsIs = asIs(events);
            List<PreparedStatement> probes = new java.util.ArrayList<>(2);
            if (candidates > 0) {
                stored.setObject(1, now.plus(futureTolerance).atOffset(ZoneOffset.UTC));
                probes.add(stored);
            }
            if (!textsAsIs && !trimLeavesAsIs(events)) {
                // The caller's ids are distinct as sent; once trimmed, as the import stores them, they may not be.
                probes.add(repeats);
            }
            for (PreparedStatement probe : probes) {
                try (ResultSet rs = probe.executeQuery()) {
                    while (rs.next()) {
                        int index = (int) rs.getLong(1) - 1;
                        if (duplicates.contains(index) || conflicts.contains(index)) {
                            continue; // stored before: what the stored probe said stands
                        }
                        switch (rs.getInt(2)) {
                            case 2 -> rejections.put(index, new Rejection(label, index + 1L, "event_id",
                                    events.get(index).eventId(), ErrorCode.MISSING_FIELD, List.of("event_id")));
                            case 3 -> conflicts.add(index);
                            default -> duplicates.add(index);
                        }
                    }
                }
            }
            if (!duplicates.isEmpty() || !conflicts.isEmpty() || !rejections.isEmpty()) {
                // Positions, written in (never user text).
                String lines = java.util.stream.Stream.of(duplicates, conflicts, rejections.keySet()).flatMap(Set::stream)
                        .map(i -> Long.toString(i + 1L)).collect(Collectors.joining(", "));
                try (Statement st = connection.createStatement()) {
                    st.execute("DELETE FROM " + TABLE + " WHERE line IN (" + lines + ")");
                }
            }
            long left = events.size() - duplicates.size() - conflicts.size() - rejections.size();
            long accepted = 0;
            if (left > 0) {
                // Most feeds send trimmed texts: then the long ones need not be trimmed again.
                PreparedStatement chosen = textsAsIs ? insertAsIs : insert;
                chosen.setObject(1, now.plus(futureTolerance).atOffset(ZoneOffset.UTC));
                chosen.setObject(2, at);
                chosen.setLong(3, importId);
                accepted = chosen.executeUpdate();
            }
            Importer.Rejections checked = new Importer.Rejections(0, List.of(), null);
            if (accepted < left) {
                // Rare: the checks again, as a view with the limit written in, to list the rejected rows.
                String view = "ingest_staged";
                try (Statement st = connection.createStatement()) {
                    st.execute(StagingSql.create(view, source, plan, tenant, now.plus(futureTolerance)));
                    checked = new Importer(connection, tenant, folder).rejections(st, view, left - accepted, label,
                            source, plan, now, futureTolerance, Integer.MAX_VALUE);
                    st.execute("DROP VIEW " + view);
                }
                for (Rejection r : checked.first()) {
                    rejections.put((int) r.line() - 1, r);
                }
            }
            long anonymousCount = 0;
            boolean recorded = accepted > 0 || !rejections.isEmpty() || !conflicts.isEmpty();
            if (recorded) {
                anonymous.setLong(1, importId);
                try (ResultSet rs = anonymous.executeQuery()) {
                    rs.next();
                    anonymousCount = rs.getLong(1);
                }
                importsRow.setLong(1, importId);
                importsRow.setString(2, label);
                importsRow.setString(3, plan.name());
                importsRow.setObject(4, at);
                importsRow.setLong(5, events.size());
                importsRow.setLong(6, accepted);
                importsRow.setLong(7, duplicates.size());
                importsRow.setLong(8, conflicts.size());
                importsRow.setLong(9, rejections.size());
                importsRow.executeUpdate();
                rollupPending.setLong(1, importId);
                rollupPending.executeUpdate();
                sessionsPending.setLong(1, importId);
                sessionsPending.executeUpdate();
                groupsPending.setLong(1, importId);
                groupsPending.executeUpdate();
            }
            clear.executeUpdate();
            connection.commit();
            committed = true;
            if (keys != null) {
                storedKeys.committed(recorded ? importId : -1, keys);
            }
            List<Rejection> first = rejections.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .limit(FileReport.REJECTIONS_SHOWN).map(Map.Entry::getValue).toList();
            FileReport report = new FileReport(Path.of(label), events.size(), accepted, duplicates.size(), conflicts.size(),
                    rejections.size(), anonymousCount, first, checked.file(), null,
                    Duration.ofNanos(System.nanoTime() - started), 0);
            return new AppendOutcome(new dev.reservoir.ingest.ImportReport(tenant.id(), plan.name(), List.of(report)),
                    duplicates, conflicts, rejections);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
            if (!committed) {
                unstage(); // the rollback left the staged rows, written in a transaction of their own
            }
        }
    }
}
