package dev.reservoir.duckdb;

import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.ingest.FileReport;
import dev.reservoir.ingest.ImportListener;
import dev.reservoir.ingest.ImportRequest;
import dev.reservoir.ingest.Mappings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The stored id_key screen (schema.sql): the import probes it instead of the ids' text, so what
 * must hold is that it never hides a stored id (keys filled for events written by other means)
 * and never makes two different ids one (a shared key is settled by comparing the ids).
 */
class EventKeysTest {
    static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");
    static final String HEADER = "event_id,customer_id,occurred_at,type,amount\n";

    @TempDir
    Path dir;
    DuckDbEngine engine;
    TenantStore store;

    @BeforeEach
    void open() {
        engine = DuckDbEngine.open(EngineConfig.of(dir.resolve("data")).withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
        engine.createTenant("tea", ZoneId.of("Asia/Shanghai"), Currency.getInstance("CNY"));
        store = engine.store("tea");
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private FileReport importCsv(String name, String rows) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, HEADER + rows, StandardCharsets.UTF_8);
        return store.importFiles(ImportRequest.of(Mappings.resolve("canonical"), file), ImportListener.NONE)
                .files().get(0);
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = ((DuckDbTenantStore) store).connection().createStatement()) {
            st.execute(sql);
        }
    }

    private long count(String sql) throws SQLException {
        try (Statement st = ((DuckDbTenantStore) store).connection().createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void eventsWrittenByOtherMeans_getKeysWhenOpened_andAreFoundAsDuplicates() throws Exception {
        // Two events written behind the import's back, without id_key, the store marked unfilled
        // (as schema.sql asks of such writers).
        execute("INSERT INTO events (event_id, customer_id, occurred_at, local_date, type, amount, ingested_at,"
                + " import_id) VALUES ('x1', 'c1', TIMESTAMPTZ '2025-01-01 02:00:00+00', DATE '2025-01-01', 'purchase',"
                + " 10, TIMESTAMPTZ '2026-01-01 00:00:00+00', 1), ('x2', 'c2', TIMESTAMPTZ '2025-01-01 03:00:00+00',"
                + " DATE '2025-01-01', 'visit', NULL, TIMESTAMPTZ '2026-01-01 00:00:00+00', 1)");
        execute("DELETE FROM id_key_state");
        engine.close();
        engine = DuckDbEngine.open(EngineConfig.of(dir.resolve("data")).withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
        store = engine.store("tea");
        assertEquals(0, count("SELECT count(*) FROM events WHERE id_key IS DISTINCT FROM hash(event_id)"),
                "every key filled when opened");

        // x1 again with its content (10:00 in Shanghai is 02:00 UTC): a duplicate; x2 with another
        // time: a conflict, the stored one kept; x3 is new.
        FileReport report = importCsv("again.csv", "x1,c1,2025-01-01 10:00:00,purchase,10\n"
                + "x2,c2,2025-01-01 12:00:00,visit,\n" + "x3,c3,2025-01-02 10:00:00,visit,\n");
        assertEquals(1, report.accepted());
        assertEquals(1, report.duplicates());
        assertEquals(1, report.conflicts());
        assertEquals(3, count("SELECT count(*) FROM events"));
        assertEquals(1, count("SELECT count(*) FROM events WHERE event_id = 'x2' AND occurred_at = TIMESTAMPTZ"
                + " '2025-01-01 03:00:00+00'"), "the stored x2 is kept");
    }

    @Test
    void aKeySharedByTwoIds_isSettledByTheIds() throws Exception {
        assertEquals(1, importCsv("a.csv", "a1,c1,2025-01-01 10:00:00,visit,\n").accepted());
        assertEquals(1, count("SELECT count(*) FROM events WHERE id_key = hash('a1')"), "the import wrote the key");
        // No two short ids with one 64-bit hash are known, so make the stored a1 carry b1's key:
        // the probe then finds b1's key in the store, and only the ids can tell them apart.
        execute("UPDATE events SET id_key = hash('b1') WHERE event_id = 'a1'");
        FileReport report = importCsv("b.csv", "b1,c1,2025-01-01 11:00:00,visit,\n");
        assertEquals(1, report.accepted(), "b1 is not a1");
        assertEquals(0, report.duplicates());
        assertEquals(0, report.conflicts());
        assertEquals(2, count("SELECT count(*) FROM events"));
    }
}
