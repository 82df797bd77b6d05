package dev.reservoir.duckdb;

import dev.reservoir.engine.EngineConfig;
import dev.reservoir.ingest.ImportListener;
import dev.reservoir.ingest.ImportRequest;
import dev.reservoir.ingest.Mappings;
import dev.reservoir.time.AsOf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An import killed with SIGKILL at any moment leaves the store as it was before or with the
 * whole file, never half: each file is one DuckDB transaction, and DuckDB's write-ahead log
 * replays only committed ones when the store is opened again.
 */
class KilledImportTest {
    static final int ROWS = 1_500_000;

    @TempDir
    Path dir;

    /** Run in a child JVM: imports the file into tenant "shop", then prints DONE. */
    public static void main(String[] args) {
        try (DuckDbEngine engine = DuckDbEngine.open(EngineConfig.of(Paths.get(args[0])))) {
            if (engine.tenant("shop").isEmpty()) {
                engine.createTenant("shop", ZoneId.of("Asia/Shanghai"), Currency.getInstance("CNY"));
            }
            System.out.println("STARTED");
            System.out.flush();
            engine.store("shop").importFiles(ImportRequest.of(Mappings.resolve("canonical"), Paths.get(args[1])),
                    ImportListener.NONE);
            System.out.println("DONE");
        }
    }

    @Test
    void importKilledAtAnyMoment_leavesNothingOrTheWholeFile() throws Exception {
        Path file = dir.resolve("events.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT 'e' || i AS event_id, 'c' || (i % 50000) AS customer_id,"
                    + " TIMESTAMPTZ '2025-01-01 00:00:00+00' + to_seconds(i * 7) AS occurred_at, 'purchase' AS type,"
                    + " CAST((i % 100) + 0.5 AS DECIMAL(18,2)) AS amount FROM range(" + ROWS + ") t(i))"
                    + " TO '" + file + "' (FORMAT parquet)");
        }
        Path data = dir.resolve("data");
        List<Long> seen = new ArrayList<>();
        // Kill at several points of the import: early (reading), middle, late (commit).
        for (long delayMillis : new long[] {300, 1200, 2500, 4000}) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Xmx1g", KilledImportTest.class.getName(),
                    data.toString(), file.toString()).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("STARTED")) {
                // wait until the child holds the store and begins the import
            }
            Thread.sleep(delayMillis);
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no clean close
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            try (DuckDbEngine engine = DuckDbEngine.open(EngineConfig.of(data))) {
                long events = engine.store("shop").summary(AsOf.of(LocalDate.of(2030, 1, 1))).events();
                assertTrue(events == 0 || events == ROWS, "after a kill at " + delayMillis + " ms: " + events + " events");
                seen.add(events);
            }
        }
        // Whatever survived, importing the file once more completes it and doubles nothing.
        try (DuckDbEngine engine = DuckDbEngine.open(EngineConfig.of(data))) {
            engine.store("shop").importFiles(ImportRequest.of(Mappings.resolve("canonical"), file), ImportListener.NONE);
            assertEquals(ROWS, engine.store("shop").summary(AsOf.of(LocalDate.of(2030, 1, 1))).events(),
                    "states seen after kills: " + seen);
        }
    }
}
