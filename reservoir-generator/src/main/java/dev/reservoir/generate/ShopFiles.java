package dev.reservoir.generate;

import dev.reservoir.event.Customer;
import dev.reservoir.event.EventType;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a shop's files through an in-memory DuckDB. Events are written a part at a time, each
 * part by one worker thread on its own connection: the worker simulates the part's customers,
 * appends their events to a staging table of its own through DuckDB's Appender (as numbers:
 * {@link #STAGE_COLUMNS}), copies the table to the part file in the canonical layout with
 * {@code COPY (SELECT ...) TO} and drops it. Parts are independent, so several are written
 * at once and memory holds only the parts in flight. Customers and truth (one row per customer)
 * are appended in customer order on the calling thread and copied out at the end; DuckDB spills
 * them to a temporary directory beside the output if they outgrow its memory limit.
 */
final class ShopFiles implements AutoCloseable {

    /** The canonical event layout, in order; the store's {@code canonical} mapping reads exactly this. */
    static final String EVENT_COLUMNS = "event_id VARCHAR, customer_id VARCHAR, visitor_id VARCHAR, "
            + "occurred_at TIMESTAMPTZ, type VARCHAR, page VARCHAR, item_id VARCHAR, category VARCHAR, "
            + "order_id VARCHAR, quantity BIGINT, amount DECIMAL(18,2), currency VARCHAR, store_id VARCHAR, "
            + "channel VARCHAR, session_id VARCHAR, properties VARCHAR";
    static final String CUSTOMER_COLUMNS = "customer_id VARCHAR, registered_at TIMESTAMPTZ, paid_member BOOLEAN, "
            + "member_tier VARCHAR, store_id VARCHAR, channel VARCHAR, attributes VARCHAR";
    static final String TRUTH_COLUMNS = "customer_id VARCHAR, purchase_rate DOUBLE, dropout_probability DOUBLE, "
            + "dropout_date DATE, paid_member BOOLEAN, segment VARCHAR, cart_abandon_probability DOUBLE, "
            + "registered_on DATE, habit_item_id VARCHAR, use_up_cycle_days DOUBLE, churn_reason VARCHAR, funnel_stage INTEGER";
    /**
     * DuckDB's memory ceiling. A part of about a million events takes a few hundred megabytes
     * in its table and at most four parts are in flight; beyond the limit DuckDB spills to disk.
     */
    static final String MEMORY_LIMIT = "2GB";

    /** What one part held. */
    record Part(Path file, List<CustomerSimulator.Result> customers, long events, long orders, long revenueCents,
                long[] eventsByType) {
    }

    private final Path directory;
    private final OutputFormat format;
    private final String prefix;
    private final Vocabulary vocabulary;
    private final Path temp;
    private final DuckDBConnection connection;
    private final DuckDBAppender customers;
    private final DuckDBAppender truth;

    ShopFiles(Path directory, OutputFormat format, ProfileModel model, int threads) throws IOException {
        this.directory = directory;
        this.format = format;
        this.prefix = model.prefix;
        this.vocabulary = new Vocabulary(model);
        this.temp = directory.resolve(".duckdb-tmp");
        try {
            connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
            try (Statement s = connection.createStatement()) {
                s.execute("SET memory_limit = '" + MEMORY_LIMIT + "'");
                s.execute("SET threads = " + threads);
                s.execute("SET temp_directory = " + literal(temp));
                // preserve_insertion_order stays on: rows leave in the order they were generated,
                // so a seed always gives the same files.
                s.execute("CREATE TABLE customers (" + CUSTOMER_COLUMNS + ")");
                s.execute("CREATE TABLE truth (" + TRUTH_COLUMNS + ")");
            }
            customers = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "customers");
            truth = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "truth");
        } catch (SQLException e) {
            throw new IOException("cannot start DuckDB to write " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * The staging table of a part: the canonical columns with the closed sets as numbers
     * ({@link Vocabulary}) and ids as counters, which the Appender takes several times faster
     * than strings. {@link #canonicalSelect} rebuilds the canonical layout from it.
     */
    static final String STAGE_COLUMNS = "customer INTEGER, seq INTEGER, occurred_at TIMESTAMPTZ, type SMALLINT, "
            + "page SMALLINT, item_id SMALLINT, category SMALLINT, order_no INTEGER, quantity BIGINT, "
            + "amount DECIMAL(18,2), store_id SMALLINT, channel SMALLINT, session_no INTEGER, properties VARCHAR";

    /**
     * Simulates customers {@code from..to} (1-based, inclusive) and writes their events as part
     * number {@code part}. Runs on a worker thread; {@code done} counts finished customers.
     */
    Part writePart(int part, int from, int to, CustomerSimulator simulator, AtomicLong done) throws IOException {
        Path file = directory.resolve("events").resolve(String.format(Locale.ROOT, "part-%05d.%s", part,
                format.extension()));
        String table = "stage_" + part;
        List<CustomerSimulator.Result> results = new ArrayList<>(to - from + 1);
        long events = 0;
        long orders = 0;
        long revenue = 0;
        long[] byType = new long[EventType.values().length];
        BitSet orderNumbers = new BitSet();
        try (DuckDBConnection c = connection.duplicate(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (" + STAGE_COLUMNS + ")");
            try (DuckDBAppender appender = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table)) {
                for (int i = from; i <= to; i++) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedIOException("stopped while writing " + file);
                    }
                    CustomerSimulator.Result r = simulator.simulate(i);
                    List<CustomerSimulator.Row> rows = r.rows();
                    orderNumbers.clear();
                    for (int seq = 0; seq < rows.size(); seq++) {
                        CustomerSimulator.Row row = rows.get(seq);
                        appendRow(appender, i, seq, row);
                        byType[row.type.ordinal()]++;
                        if (row.type == EventType.PURCHASE || row.type == EventType.REFUND) {
                            revenue += row.cents;
                            if (row.type == EventType.PURCHASE) {
                                orderNumbers.set(row.order);
                            }
                        }
                    }
                    events += rows.size();
                    orders += orderNumbers.cardinality();
                    // Customer and truth rows go in on the calling thread, in order; the events are done.
                    results.add(new CustomerSimulator.Result(r.index(), r.idPrefix(), r.customer(), r.truth(), List.of()));
                    done.incrementAndGet();
                }
            }
            s.execute(copy(canonicalSelect(table), "occurred_at", file));
            // Dropping the table hands its memory straight back.
            s.execute("DROP TABLE " + table);
        } catch (SQLException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return new Part(file, results, events, orders, revenue, byType);
    }

    /** Appends a finished part's customers and truth; call in part order from one thread. */
    void addCustomers(Part part) throws IOException {
        for (CustomerSimulator.Result r : part.customers()) {
            try {
                appendCustomer(r.customer());
                appendTruth(r.truth());
            } catch (SQLException e) {
                throw new IOException("cannot append customer " + r.customer().customerId() + ": "
                        + e.getMessage(), e);
            }
        }
    }

    private void appendRow(DuckDBAppender appender, int customer, int seq, CustomerSimulator.Row r)
            throws SQLException {
        DuckDBAppender a = appender.beginRow();
        a.append(customer);
        a.append(seq);
        a.appendEpochMicros(Math.multiplyExact(r.epoch, 1_000_000L));
        a.append((short) r.type.ordinal());
        code(a, vocabulary.pages.code(r.page));
        code(a, vocabulary.items.code(r.itemId));
        code(a, vocabulary.categories.code(r.category));
        if (r.order == 0) {
            a.appendNull();
        } else {
            a.append(r.order);
        }
        if (r.quantity < 0) {
            a.appendNull();
        } else {
            a.append(r.quantity);
        }
        if (r.cents == Long.MIN_VALUE) {
            a.appendNull();
        } else {
            a.appendDecimal(r.cents);
        }
        code(a, vocabulary.stores.code(r.store));
        code(a, vocabulary.channels.code(r.channel));
        if (r.session == 0) {
            a.appendNull();
        } else {
            a.append(r.session);
        }
        a.append(Json.objectOrNull(r.properties));
        a.endRow();
    }

    private static void code(DuckDBAppender a, int code) throws SQLException {
        if (code < 0) {
            a.appendNull();
        } else {
            a.append((short) code);
        }
    }

    /**
     * The canonical event layout (exactly {@link #EVENT_COLUMNS}, in order) as a query over a
     * staging table. Ids are built as {@link CustomerSimulator#idPrefix} and
     * {@link CustomerSimulator#customerId} build them; a NULL number gives a NULL id, since
     * {@code ||} with NULL is NULL.
     */
    String canonicalSelect(String table) {
        String ids = "'" + prefix + "-' || customer || '-'";
        return "(SELECT " + ids + " || seq AS event_id, "
                + "CASE WHEN customer < 1000000 THEN 'C' || lpad(customer::VARCHAR, 6, '0') ELSE 'C' || customer END"
                + " AS customer_id, "
                + "NULL::VARCHAR AS visitor_id, "
                + "occurred_at, "
                + vocabulary.types.sqlLookup("type") + " AS type, "
                + vocabulary.pages.sqlLookup("page") + " AS page, "
                + vocabulary.items.sqlLookup("item_id") + " AS item_id, "
                + vocabulary.categories.sqlLookup("category") + " AS category, "
                + ids + " || 'o' || order_no AS order_id, "
                + "quantity, "
                + "amount, "
                + "CASE WHEN amount IS NULL THEN NULL ELSE '" + CustomerSimulator.CURRENCY + "' END AS currency, "
                + vocabulary.stores.sqlLookup("store_id") + " AS store_id, "
                + vocabulary.channels.sqlLookup("channel") + " AS channel, "
                + ids + " || 's' || session_no AS session_id, "
                + "properties "
                + "FROM " + table + ")";
    }

    private void appendCustomer(Customer c) throws SQLException {
        DuckDBAppender a = customers.beginRow();
        a.append(c.customerId());
        if (c.registeredAt() == null) {
            a.appendNull();
        } else {
            a.appendEpochMicros(micros(c.registeredAt()));
        }
        if (c.paidMember() == null) {
            a.appendNull();
        } else {
            a.append(c.paidMember().booleanValue());
        }
        a.append(c.memberTier());
        a.append(c.storeId());
        a.append(c.channel());
        a.append(Json.objectOrNull(c.attributes()));
        a.endRow();
    }

    private void appendTruth(CustomerTruth t) throws SQLException {
        DuckDBAppender a = truth.beginRow();
        a.append(t.customerId());
        a.append(t.purchaseRate());
        a.append(t.dropoutProbability());
        if (t.dropoutDate() == null) {
            a.appendNull();
        } else {
            a.append(t.dropoutDate());
        }
        a.append(t.paidMember());
        a.append(t.segment());
        a.append(t.cartAbandonProbability());
        a.append(t.registeredOn());
        a.append(t.habitItemId());
        a.append(t.useUpCycleDays());
        a.append(t.churnReason());
        a.append(t.funnelStage());
        a.endRow();
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    /** Writes the customers and truth files; returns them in that order. */
    List<Path> finish() throws IOException {
        Path customersFile = directory.resolve("customers." + format.extension());
        Path truthFile = directory.resolve("truth." + format.extension());
        try {
            customers.close();
            truth.close();
            try (Statement s = connection.createStatement()) {
                s.execute(copy("customers", "registered_at", customersFile));
                s.execute(copy("truth", null, truthFile));
            }
        } catch (SQLException e) {
            throw new IOException("cannot write " + customersFile + " and " + truthFile + ": " + e.getMessage(), e);
        }
        return List.of(customersFile, truthFile);
    }

    /** A COPY of a table name or a parenthesised query. */
    private String copy(String relation, String instantColumn, Path file) {
        if (format == OutputFormat.PARQUET) {
            return "COPY " + relation + " TO " + literal(file) + " (FORMAT parquet)";
        }
        // CSV: instants as ISO-8601 in UTC with a Z, which CSV readers (DuckDB's sniffer too) take
        // for a timestamp with time zone. timezone('UTC', ...) makes it independent of the session zone.
        String select = instantColumn == null ? "SELECT * FROM " + relation
                : "SELECT * REPLACE (strftime(timezone('UTC', " + instantColumn + "), '%Y-%m-%dT%H:%M:%SZ') AS "
                + instantColumn + ") FROM " + relation;
        return "COPY (" + select + ") TO " + literal(file) + " (FORMAT csv, HEADER true, DELIMITER ',')";
    }

    private static String literal(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    @Override
    public void close() throws IOException {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IOException("cannot close DuckDB: " + e.getMessage(), e);
        } finally {
            deleteTree(temp);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
