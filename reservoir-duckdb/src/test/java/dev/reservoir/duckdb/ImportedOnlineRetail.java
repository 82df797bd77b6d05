package dev.reservoir.duckdb;

import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.ingest.ImportListener;
import dev.reservoir.ingest.ImportRequest;
import dev.reservoir.ingest.Mappings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;

/**
 * The Online Retail file imported once per test JVM (tenant Europe/London, GBP) and its raw
 * lines read once, shared by the metric tests, which only read the store: importing it again in
 * each test class cost about 10 s a class. Closed and deleted when the JVM exits.
 *
 * @param file  the raw file
 * @param lines its lines, as {@link OnlineRetailFile#lines} reads them (no engine code)
 * @param store the tenant holding the whole file
 */
record ImportedOnlineRetail(Path file, List<String> lines, TenantStore store) {
    private static ImportedOnlineRetail shared;

    /**
     * @throws org.opentest4j.TestAbortedException when the dataset is missing locally (and an
     *                                             error under {@code CI=true}), as {@link SharedDatasets} decides
     */
    static synchronized ImportedOnlineRetail get() {
        if (shared == null) {
            Path file = SharedDatasets.onlineRetail();
            try {
                Path dataDirectory = Files.createTempDirectory("reservoir-retail-metrics-");
                DuckDbEngine engine = DuckDbEngine.open(EngineConfig.of(dataDirectory)
                        .withClock(Clock.fixed(Instant.parse("2024-06-03T09:15:00Z"), ZoneOffset.UTC)));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    engine.close();
                    StoredEvents.deleteRecursively(dataDirectory);
                }));
                engine.createTenant("retail", OnlineRetailFile.UK, Currency.getInstance("GBP"));
                TenantStore store = engine.store("retail");
                store.importFiles(ImportRequest.of(Mappings.resolve("online-retail"), file), ImportListener.NONE);
                shared = new ImportedOnlineRetail(file, List.copyOf(OnlineRetailFile.lines(file)), store);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }
}
