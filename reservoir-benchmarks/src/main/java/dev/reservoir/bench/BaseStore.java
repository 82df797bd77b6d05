package dev.reservoir.bench;

import dev.reservoir.duckdb.DuckDbEngine;
import dev.reservoir.engine.EngineConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.Currency;
import java.util.Properties;
import java.util.function.DoubleConsumer;
import java.util.stream.Stream;

/**
 * A tenant store already holding many other events, for the import into a full store.
 *
 * <p>Importing 100M generated events through Reservoir first would take longer than the
 * benchmark itself, so the store is filled with SQL instead: the tenant is created and its
 * schema made by the engine, then copies of the benchmark's own event files are inserted
 * straight into {@code events} with every id prefixed by the copy number ({@code b3-tc-17-4}),
 * each copy recorded as one import, exactly the columns and derived values
 * ({@code local_date} in the tenant's zone, {@code ingested_at}, {@code import_id}) an import
 * writes. None of these ids occurs in the measured files, so the measured import must check
 * every one of its ids against the whole store and finds no duplicate: the case of new data
 * arriving at a big store. The store is the documented layout {@code <data>/<tenant>/events.duckdb}.
 */
final class BaseStore {
    static final String TENANT = "bench";
    static final Currency CURRENCY = Currency.getInstance("CNY");

    private BaseStore() {
    }

    /**
     * Creates the tenant in {@code config}'s data directory and fills it with {@code count}
     * events made from {@code source}. With {@code ownCustomers} each copy's customers, orders,
     * visitors and sessions get the copy's prefix too ({@code b3-c-17}), so the store looks like a
     * shop with that many times the customers (the metrics benchmark); without, every copy repeats
     * the same customers (the import benchmark, which only needs ids it has not seen).
     *
     * <p>The rollup and the stored sessions are not filled here: the store is marked as having
     * none, so the engine builds them whole the next time the store is opened, as for a store made
     * before they existed.
     */
    static void prepare(EngineConfig config, EventFiles source, long count, boolean ownCustomers, Instant now,
                        DoubleConsumer progress) throws SQLException {
        try (DuckDbEngine engine = DuckDbEngine.open(config)) {
            engine.createTenant(TENANT, Workload.ZONE, CURRENCY);
            engine.store(TENANT); // creates the database and its schema
        }
        Path folder = config.dataDirectory().resolve(TENANT);
        Properties props = new Properties();
        props.setProperty("memory_limit", config.memoryLimit());
        props.setProperty("temp_directory", folder.resolve("tmp").toAbsolutePath().toString());
        String ingestedAt = "TIMESTAMPTZ '" + now.toString().replace('T', ' ').replace("Z", "+00") + "'";
        long copies = (count + source.events() - 1) / source.events();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"
                + folder.resolve("events.duckdb").toAbsolutePath(), props);
             Statement st = c.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            for (long k = 1; k <= copies; k++) {
                long rows = Math.min(source.events(), count - (k - 1) * source.events());
                String prefix = "'b" + k + "-' || ";
                String own = ownCustomers ? prefix : "";
                st.execute("INSERT INTO events (event_id, customer_id, visitor_id, occurred_at, local_date, type, page,"
                        + " item_id, category, order_id, quantity, amount, currency, store_id, channel, session_id,"
                        + " properties, ingested_at, import_id, id_key)"
                        + " SELECT " + prefix + "event_id, " + own + "customer_id, " + own + "visitor_id, occurred_at,"
                        + " CAST(timezone(" + EventFiles.literal(Workload.ZONE.getId()) + ", occurred_at) AS DATE),"
                        + " type, page, item_id, category, " + own + "order_id, quantity, CAST(amount AS DECIMAL(18,4)),"
                        + " currency, store_id, channel, " + own + "session_id, properties, " + ingestedAt + ", " + k
                        // id_key as the import writes it (schema.sql): hash of the stored event_id.
                        + ", hash(" + prefix + "event_id)"
                        + " FROM " + source.scan() + " LIMIT " + rows);
                st.execute("INSERT INTO imports VALUES (" + k + ", 'benchmark base copy " + k + "', 'canonical',"
                        + " 'events', " + ingestedAt + ", " + rows + ", " + rows + ", 0, 0, 0)");
                progress.accept((double) k / copies);
            }
            st.execute("DELETE FROM rollup_state");
            // The stored sessions likewise (built empty when the tenant was made): their state row is
            // kept with its version negated, which no engine takes for built, so that the metrics
            // benchmark can time their build apart from the rollup's (MetricsBenchmark.run).
            st.execute("UPDATE behaviour_state SET version = -version");
            // The groups metric's kept tables likewise (GroupTables; MetricsBenchmark times their build apart).
            st.execute("UPDATE group_state SET version = -version");
            st.execute("CHECKPOINT");
        }
    }

    /** Copies a prepared data directory (without its lock file) so each measured import gets a fresh one. */
    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getParent().equals(from) || !p.getFileName().toString().startsWith(".lock")) {
                    Files.copy(p, target);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Deletes a directory tree; a missing one is fine. */
    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Bytes under a directory. */
    static long size(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            long total = 0;
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (Files.isRegularFile(p)) {
                    total += Files.size(p);
                }
            }
            return total;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
