package dev.reservoir.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reservoir.engine.CustomerFacts;
import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.engine.TenantSummary;
import dev.reservoir.event.Customer;
import dev.reservoir.event.Event;
import dev.reservoir.event.Tenant;
import dev.reservoir.ingest.BuiltinMapping;
import dev.reservoir.ingest.FileReport;
import dev.reservoir.ingest.ImportListener;
import dev.reservoir.ingest.ImportListener.ImportPhase;
import dev.reservoir.ingest.ImportReport;
import dev.reservoir.ingest.ImportRequest;
import dev.reservoir.ingest.Mapping;
import dev.reservoir.time.AsOf;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** One tenant's DuckDB database. Writes are serialised: one import at a time per tenant. */
final class DuckDbTenantStore implements TenantStore, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Tenant tenant;
    private final TenantFolder folder;
    private final EngineConfig config;
    private final DuckDBConnection connection;
    /**
     * The HTTP ingestion's appends, prepared on first use (the list guarded by itself):
     * two, so that one group is staged while the one before it commits.
     */
    private static final int APPENDS = 2;
    private final List<EventAppend> appends = new java.util.ArrayList<>();
    private final java.util.concurrent.BlockingQueue<EventAppend> freeAppends =
            new java.util.concurrent.LinkedBlockingQueue<>();
    /** The stored events' id keys for the appends' duplicate probe (guarded by this store's lock). */
    private final StoredKeys storedKeys = new StoredKeys();

    private DuckDbTenantStore(Tenant tenant, TenantFolder folder, EngineConfig config, DuckDBConnection connection) {
        this.tenant = tenant;
        this.folder = folder;
        this.config = config;
        this.connection = connection;
    }

    static DuckDbTenantStore open(Tenant tenant, TenantFolder folder, EngineConfig config) {
        try {
            Files.createDirectories(folder.spill());
            Properties props = new Properties();
            // Set at open, before any query: DuckDB's default would take most of the machine.
            props.setProperty("memory_limit", config.memoryLimit());
            props.setProperty("temp_directory", folder.spill().toString());
            if (config.threads() > 0) {
                props.setProperty("threads", Integer.toString(config.threads()));
            }
            DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection(
                    "jdbc:duckdb:" + folder.database().toAbsolutePath(), props);
            try (Statement st = connection.createStatement()) {
                // Text forms of instants are UTC everywhere, so nothing depends on the host's zone.
                st.execute("SET TimeZone = 'UTC'");
                for (String statement : Sql.statements("schema", Map.of())) {
                    st.execute(statement);
                }
                BehaviourSessions.createTables(st);
                GroupTables.createTables(st);
                try {
                    EventKeys.ensure(st);
                } catch (SQLException e) {
                    connection.close();
                    throw e;
                }
                if (!Rollup.built(st)) {
                    // A store from before the rollup, or filled by other means: build it once, whole.
                    st.execute("BEGIN TRANSACTION");
                    try {
                        Rollup.rebuild(st, config.clock().instant());
                        st.execute("COMMIT");
                    } catch (SQLException e) {
                        st.execute("ROLLBACK"); // left unbuilt: the next open tries again
                        connection.close();
                        throw e;
                    }
                }
                if (!BehaviourSessions.built(st)) {
                    // Likewise for the behaviour metrics' stored sessions.
                    st.execute("BEGIN TRANSACTION");
                    try {
                        BehaviourSessions.rebuild(st, config.clock().instant());
                        st.execute("COMMIT");
                    } catch (SQLException e) {
                        st.execute("ROLLBACK");
                        connection.close();
                        throw e;
                    }
                }
                if (!GroupTables.built(st)) {
                    // Likewise for the groups metric's kept tables.
                    st.execute("BEGIN TRANSACTION");
                    try {
                        GroupTables.rebuild(st, config.clock().instant());
                        st.execute("COMMIT");
                    } catch (SQLException e) {
                        st.execute("ROLLBACK");
                        connection.close();
                        throw e;
                    }
                }
            }
            try {
                // Appends left pending by the last process (a server stopped or killed after its
                // last ingestion): a store opens with its derived tables whole.
                Rollup.PENDING.catchUp(connection);
                BehaviourSessions.PENDING.catchUp(connection);
                GroupTables.PENDING.catchUp(connection);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return new DuckDbTenantStore(tenant, folder, config, connection);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new ReservoirException(e, ErrorCode.STORE_FAILURE, tenant.id(), SourceReader.firstLine(e.getMessage()));
        }
    }

    @Override
    public Tenant tenant() {
        return tenant;
    }

    @Override
    public synchronized ImportReport importFiles(ImportRequest request, ImportListener listener) {
        List<FileReport> reports = new ArrayList<>();
        int index = 0;
        for (Path file : request.files()) {
            double base = (double) index++ / request.files().size();
            ImportListener scaled = (f, phase, fraction) ->
                    listener.progress(f, phase, base + fraction / request.files().size());
            checkDisk(file);
            reports.add(inTransaction(file.toString(), file, scaled, false, (importer, importId, now, started) -> {
                scaled.progress(file, ImportPhase.READING, 0.0);
                Source source = new SourceReader(connection).read(file, request.mapping(), "src");
                FileReport report = importer.importSource(file.toString(), file, source, request.mapping(),
                        request.strict(), request.futureTolerance(), now, importId, scaled,
                        () -> System.nanoTime() - started);
                dropSource();
                return report;
            }));
            listener.progress(file, ImportPhase.DONE, (double) index / request.files().size());
        }
        return new ImportReport(tenant.id(), request.mapping().name(), reports);
    }

    @Override
    public synchronized ImportReport append(String source, List<Event> events) {
        return appendRows(source, BuiltinMapping.of(BuiltinMapping.Layout.CANONICAL), events,
                DuckDbTenantStore::writeEvent, "event_id VARCHAR, customer_id VARCHAR, visitor_id VARCHAR, occurred_at TIMESTAMPTZ, type VARCHAR,"
                        + " page VARCHAR, item_id VARCHAR, category VARCHAR, order_id VARCHAR, quantity BIGINT,"
                        + " amount DECIMAL(18,4), currency VARCHAR, store_id VARCHAR, channel VARCHAR,"
                        + " session_id VARCHAR, properties VARCHAR");
    }

    /** One event's 16 canonical fields, in the order of the appended tables' columns. */
    static void writeEvent(DuckDBAppender a, Event e) throws SQLException {
        a.append(e.eventId()).append(e.customerId()).append(e.visitorId())
                .append(e.occurredAt().atOffset(ZoneOffset.UTC)).append(e.type().wireName())
                .append(e.page()).append(e.itemId()).append(e.category()).append(e.orderId());
        appendNullable(a, e.quantity());
        appendNullable(a, e.amount());
        a.append(e.currency()).append(e.storeId()).append(e.channel()).append(e.sessionId())
                .append(json(e.properties()));
    }

    @Override
    public dev.reservoir.ingest.AppendOutcome appendUnlessStored(String source, List<Event> events) {
        try (dev.reservoir.ingest.StagedAppend staged = stageAppend(source, events)) {
            return staged.commit();
        }
    }

    /**
     * Takes one of the {@link #APPENDS} appends (each on a connection of its own) and writes the
     * events into its table, outside this store's lock; the commit takes the lock.
     */
    @Override
    public dev.reservoir.ingest.StagedAppend stageAppend(String source, List<Event> events) {
        for (Event e : events) {
            if (e.eventId() == null) {
                throw new IllegalArgumentException("appendUnlessStored: every event needs its id");
            }
        }
        EventAppend append = takeAppend(source);
        try {
            append.stage(events);
        } catch (SQLException e) {
            freeAppends.add(append);
            throw storeFailure(source, e);
        } catch (RuntimeException e) {
            freeAppends.add(append);
            throw e;
        }
        return new dev.reservoir.ingest.StagedAppend() {
            private boolean done;

            @Override
            public dev.reservoir.ingest.AppendOutcome commit() {
                if (done) {
                    throw new IllegalStateException("this append was committed or closed");
                }
                done = true;
                try {
                    synchronized (DuckDbTenantStore.this) {
                        return append.commit(source, events, config.clock().instant(),
                                ImportRequest.DEFAULT_FUTURE_TOLERANCE, storedKeys);
                    }
                } catch (SQLException e) {
                    throw storeFailure(source, e);
                } finally {
                    freeAppends.add(append);
                }
            }

            @Override
            public void close() {
                if (done) {
                    return;
                }
                done = true;
                try {
                    append.unstage();
                } catch (SQLException e) {
                    throw storeFailure(source, e);
                } finally {
                    freeAppends.add(append);
                }
            }
        };
    }

    private ReservoirException storeFailure(String source, SQLException e) {
        return new ReservoirException(e, ErrorCode.STORE_FAILURE, tenant.id(),
                source + ": " + SourceReader.firstLine(e.getMessage()));
    }

    /** A free append, prepared on a new connection while fewer than {@link #APPENDS} exist, else the next one freed. */
    private EventAppend takeAppend(String source) {
        synchronized (appends) { // not this store's lock, which a commit holds
            EventAppend free = freeAppends.poll();
            if (free != null) {
                return free;
            }
            if (appends.size() < APPENDS) {
                try {
                    EventAppend made = EventAppend.prepare((DuckDBConnection) connection.duplicate(), tenant, folder);
                    appends.add(made);
                    return made;
                } catch (SQLException e) {
                    throw storeFailure(source, e);
                }
            }
        }
        try {
            return freeAppends.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an append", e);
        }
    }

    @Override
    public synchronized java.util.Set<String> storedEventIds(java.util.Collection<String> eventIds) {
        java.util.Set<String> stored = new java.util.HashSet<>();
        if (eventIds.isEmpty()) {
            return stored;
        }
        try {
            try (Statement st = connection.createStatement()) {
                st.execute("CREATE OR REPLACE TEMP TABLE asked_ids (event_id VARCHAR)");
            }
            // Appended, not spliced into the query text: ids are the sender's strings.
            try (DuckDBAppender appender = connection.createAppender("temp", "main", "asked_ids")) {
                for (String id : eventIds) {
                    appender.beginRow();
                    appender.append(id);
                    appender.endRow();
                }
            }
            try (Statement st = connection.createStatement();
                 // The stored 64-bit keys first (one integer column), the text only of the rows they find.
                 ResultSet rs = st.executeQuery("SELECT DISTINCT e.event_id FROM (SELECT event_id FROM events"
                         + " WHERE id_key IN (SELECT " + EventKeys.KEY_OF_EVENT_ID + " FROM temp.main.asked_ids)) e"
                         + " JOIN temp.main.asked_ids a ON e.event_id = a.event_id")) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
            try (Statement st = connection.createStatement()) {
                st.execute("DROP TABLE temp.main.asked_ids");
            }
        } catch (SQLException e) {
            throw new ReservoirException(e, ErrorCode.STORE_FAILURE, tenant.id(), SourceReader.firstLine(e.getMessage()));
        }
        return stored;
    }

    @Override
    public synchronized ImportReport appendCustomers(String source, List<Customer> customers) {
        return appendRows(source, BuiltinMapping.of(BuiltinMapping.Layout.CANONICAL_CUSTOMERS), customers, (a, c) -> {
                    a.append(c.customerId());
                    if (c.registeredAt() == null) {
                        a.appendNull();
                    } else {
                        a.append(c.registeredAt().atOffset(ZoneOffset.UTC));
                    }
                    if (c.paidMember() == null) {
                        a.appendNull();
                    } else {
                        a.append(c.paidMember().booleanValue());
                    }
                    a.append(c.memberTier()).append(c.storeId()).append(c.channel()).append(json(c.attributes()));
                }, "customer_id VARCHAR, registered_at TIMESTAMPTZ, paid_member BOOLEAN, member_tier VARCHAR,"
                        + " store_id VARCHAR, channel VARCHAR, attributes VARCHAR");
    }

    private interface RowWriter<T> {
        void write(DuckDBAppender appender, T row) throws SQLException;
    }

    private <T> ImportReport appendRows(String label, Mapping mapping, List<T> rows,
                                        RowWriter<T> writer, String schema) {
        FileReport report = inTransaction(label, Path.of(label), ImportListener.NONE, true, (importer, importId, now, started) -> {
            try (Statement st = connection.createStatement()) {
                st.execute("CREATE OR REPLACE TEMP TABLE src (line BIGINT, " + schema + ")");
            }
            // The n-th row sent is "line" n, written with the row: no second copy to number them.
            try (DuckDBAppender appender = connection.createAppender("temp", "main", "src")) {
                long line = 0;
                for (T row : rows) {
                    appender.beginRow();
                    appender.append(++line);
                    writer.write(appender, row);
                    appender.endRow();
                }
            }
            Map<String, String> types;
            try (Statement st = connection.createStatement()) {
                types = SourceReader.describe(st, "src");
            }
            FileReport fileReport = importer.importSource(label, Path.of(label), new Source("src", types, List.of()),
                    mapping, false, ImportRequest.DEFAULT_FUTURE_TOLERANCE, now, importId, ImportListener.NONE,
                    () -> System.nanoTime() - started);
            dropSource();
            return fileReport;
        });
        return new ImportReport(tenant.id(), mapping.name(), List.of(report));
    }

    private interface Work {
        FileReport run(Importer importer, long importId, Instant now, long startedNanos) throws SQLException;
    }

    /**
     * Runs one file's import as one transaction: the file is stored whole or not at all, and the
     * rollup and the stored sessions are brought up to date with it before the commit; with
     * {@code deferDerived} (an append of events: HTTP ingestion commits often and small) both only
     * note the import as pending, for the next query reading them (or the next file import) to
     * catch up, all pending imports at once.
     */
    private FileReport inTransaction(String label, Path file, ImportListener listener, boolean deferDerived, Work work) {
        long started = System.nanoTime();
        Instant now = config.clock().instant();
        try {
            connection.setAutoCommit(false);
            try {
                long importId;
                try (Statement st = connection.createStatement()) {
                    importId = Importer.count(st, "SELECT coalesce(max(import_id), 0) + 1 FROM imports");
                }
                FileReport report = work.run(new Importer(connection, tenant, folder), importId, now, started);
                listener.progress(file, ImportPhase.ROLLUP, 0.92);
                try (Statement st = connection.createStatement()) {
                    if (deferDerived) {
                        Rollup.PENDING.defer(st, importId);
                    } else {
                        Rollup.PENDING.refresh(st, importId);
                    }
                }
                listener.progress(file, ImportPhase.SESSIONS, 0.95);
                try (Statement st = connection.createStatement()) {
                    if (deferDerived) {
                        BehaviourSessions.PENDING.defer(st, importId);
                    } else {
                        BehaviourSessions.PENDING.refresh(st, importId);
                    }
                }
                listener.progress(file, ImportPhase.GROUPS, 0.97);
                try (Statement st = connection.createStatement()) {
                    if (deferDerived) {
                        GroupTables.PENDING.defer(st, importId);
                    } else {
                        GroupTables.PENDING.refresh(st, importId);
                    }
                }
                listener.progress(file, ImportPhase.COMMITTING, 0.98);
                connection.commit();
                return report;
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                try {
                    dropSource();
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new ReservoirException(e, ErrorCode.STORE_FAILURE, tenant.id(),
                    label + ": " + SourceReader.firstLine(e.getMessage()));
        }
    }

    private void dropSource() {
        try (Statement st = connection.createStatement()) {
            SourceReader.drop(st, "src", "src_raw");
        } catch (SQLException e) {
            throw new ReservoirException(e, ErrorCode.STORE_FAILURE, tenant.id(), SourceReader.firstLine(e.getMessage()));
        }
    }

    /**
     * An import needs room for the rows and the engine's spill files; refuse before starting
     * rather than fail half-way (the transaction would roll back, but after a long wait).
     */
    private void checkDisk(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return; // the reader says what is missing
            }
            long size = Files.size(file);
            // Compressed text unpacks to roughly 8x; twice that covers the stored copy and spill.
            long needed = 2 * (file.toString().endsWith(".gz") ? 8 * size : size);
            long free = Files.getFileStore(folder.root()).getUsableSpace();
            if (free < needed) {
                throw new ReservoirException(ErrorCode.INSUFFICIENT_DISK, folder.root(), bytes(needed), bytes(free));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String bytes(long n) {
        return n >= 1L << 30 ? String.format(java.util.Locale.ROOT, "%.1f GiB", n / (double) (1L << 30))
                : String.format(java.util.Locale.ROOT, "%.1f MiB", n / (double) (1L << 20));
    }

    @Override
    public synchronized TenantSummary summary(AsOf asOf) {
        try (PreparedStatement ps = connection.prepareStatement(Sql.resource("summary"))) {
            MetricQueries.bindAsOf(ps, asOf);
            Map<String, Long> byType = new LinkedHashMap<>();
            long events = 0;
            long anonymous = 0;
            long customers = 0;
            long orders = 0;
            BigDecimal revenue = BigDecimal.ZERO;
            BigDecimal refunds = BigDecimal.ZERO;
            LocalDate first = null;
            LocalDate last = null;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString("type");
                    if (type == null) { // the grand-total row of the GROUPING SETS
                        events = rs.getLong("events");
                        anonymous = rs.getLong("anonymous");
                        customers = rs.getLong("customers");
                        orders = rs.getLong("orders");
                        revenue = rs.getBigDecimal("revenue");
                        refunds = rs.getBigDecimal("refunds");
                        first = rs.getObject("first_date", LocalDate.class);
                        last = rs.getObject("last_date", LocalDate.class);
                    } else {
                        byType.put(type, rs.getLong("events"));
                    }
                }
            }
            long profiles;
            long imports;
            try (PreparedStatement counts = connection.prepareStatement("SELECT (SELECT count(*) FROM customers"
                    + " WHERE ingested_at <= ?), (SELECT count(*) FROM imports WHERE started_at <= ?)")) {
                counts.setObject(1, Rollup.knownAt(asOf));
                counts.setObject(2, Rollup.knownAt(asOf));
                try (ResultSet rs = counts.executeQuery()) {
                    rs.next();
                    profiles = rs.getLong(1);
                    imports = rs.getLong(2);
                }
            }
            return new TenantSummary(tenant, customers, profiles, events, anonymous, byType, orders,
                    revenue == null ? BigDecimal.ZERO : revenue, refunds == null ? BigDecimal.ZERO : refunds,
                    first, last, imports);
        } catch (SQLException e) {
            throw new ReservoirException(e, ErrorCode.STORE_FAILURE, tenant.id(), SourceReader.firstLine(e.getMessage()));
        }
    }

    @Override
    public dev.reservoir.metric.RetentionMetrics retention() {
        return new DuckDbRetentionMetrics(this);
    }

    @Override
    public dev.reservoir.metric.ChurnMetrics churn() {
        return new DuckDbChurnMetrics(this);
    }

    @Override
    public dev.reservoir.metric.RepurchaseMetrics repurchase() {
        return new DuckDbRepurchaseMetrics(this);
    }

    @Override
    public dev.reservoir.metric.ActivityMetrics activity() {
        return new DuckDbActivityMetrics(this);
    }

    @Override
    public dev.reservoir.metric.BehaviourMetrics behaviour() {
        return new DuckDbBehaviourMetrics(this);
    }

    @Override
    public dev.reservoir.metric.FunnelMetrics funnels() {
        return new DuckDbFunnelMetrics(this);
    }

    @Override
    public dev.reservoir.metric.GroupMetrics groups() {
        return new DuckDbGroupMetrics(this);
    }

    @Override
    public dev.reservoir.model.ModelInputs modelInputs() {
        return new DuckDbModelInputs(this);
    }

    @Override
    public dev.reservoir.segment.SegmentMetrics segments() {
        return new DuckDbSegmentMetrics(this);
    }

    @Override
    public List<dev.reservoir.metric.StatedReason> statedReasons(AsOf asOf, LocalDate from) {
        return MetricQueries.query(this, "stated_reasons", asOf, List.of(from), rs -> new dev.reservoir.metric.StatedReason(
                rs.getString("customer_id"), rs.getObject("local_date", LocalDate.class),
                dev.reservoir.event.EventType.fromWireName(rs.getString("type")).orElseThrow(),
                rs.getString("reason")));
    }

    @Override
    public dev.reservoir.engine.CustomerRecord customerRecord(String customerId, AsOf asOf, int timelineLimit) {
        return DuckDbCustomerRecords.read(this, customerId, asOf, timelineLimit);
    }

    @Override
    public synchronized List<CustomerFacts> customerFacts(AsOf asOf) {
        try (PreparedStatement ps = connection.prepareStatement(MetricQueries.expand(
                Sql.statements("customer_facts", Map.of()).get(0), this, asOf))) {
            MetricQueries.bindAsOf(ps, asOf);
            List<CustomerFacts> facts = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    facts.add(new CustomerFacts(rs.getString("customer_id"),
                            rs.getObject("first_seen", LocalDate.class), rs.getObject("last_seen", LocalDate.class),
                            rs.getLong("active_days"), rs.getObject("first_order", LocalDate.class),
                            rs.getObject("last_order", LocalDate.class), rs.getLong("orders"), rs.getLong("order_days"),
                            rs.getBigDecimal("revenue"), rs.getLong("refunds"),
                            (Boolean) rs.getObject("paid_member")));
                }
            }
            return facts;
        } catch (SQLException e) {
            throw new ReservoirException(e, ErrorCode.STORE_FAILURE, tenant.id(), SourceReader.firstLine(e.getMessage()));
        }
    }


    private static void appendNullable(DuckDBAppender a, Object value) throws SQLException {
        if (value == null) {
            a.appendNull();
        } else if (value instanceof Long l) {
            a.append(l.longValue());
        } else {
            // The column is DECIMAL(18,4) and the appender takes only that exact scale.
            a.append(((BigDecimal) value).setScale(4, java.math.RoundingMode.HALF_EVEN));
        }
    }

    private static String json(Map<String, String> map) {
        if (map.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Connection connection() {
        return connection;
    }

    @Override
    public synchronized void close() {
        try {
            synchronized (appends) {
                for (EventAppend append : appends) {
                    append.close();
                }
            }
            connection.close();
        } catch (SQLException e) {
            throw new ReservoirException(e, ErrorCode.STORE_FAILURE, tenant.id(), e.getMessage());
        }
    }
}
