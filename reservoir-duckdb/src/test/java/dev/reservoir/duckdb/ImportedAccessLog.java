package dev.reservoir.duckdb;

import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.ingest.AccessLogSettings;
import dev.reservoir.ingest.BuiltinMapping;
import dev.reservoir.ingest.FileReport;
import dev.reservoir.ingest.ImportListener;
import dev.reservoir.ingest.ImportRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;

/**
 * The real access log (shared/datasets/apache_access_log/apache_logs) imported once per test JVM
 * with the built-in {@code access-log} mapping into two Asia/Shanghai tenants, crawlers left out
 * (the default, key {@code false}) and kept (key {@code true}), each beside its
 * {@link AccessLogModel} (the log read again in plain Java, no engine code; 30-minute sessions).
 * Shared by the access-log metric tests, which only read the stores: the import and YAUAA's rule
 * loading cost seconds a class. Closed and deleted when the JVM exits.
 */
record ImportedAccessLog(Path log, Map<Boolean, TenantStore> stores, Map<Boolean, AccessLogModel> models,
                         Map<Boolean, FileReport> reports) {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static ImportedAccessLog shared;

    /**
     * @throws org.opentest4j.TestAbortedException when the dataset is missing locally (and an
     *                                             error under {@code CI=true}), as {@link SharedDatasets} decides
     */
    static synchronized ImportedAccessLog get() {
        if (shared == null) {
            Path log = SharedDatasets.file("apache_access_log/apache_logs");
            try {
                Path data = Files.createTempDirectory("reservoir-access-log");
                DuckDbEngine engine = DuckDbEngine.open(EngineConfig.of(data).withClock(
                        Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC)));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    engine.close();
                    StoredEvents.deleteRecursively(data);
                }));
                Map<Boolean, TenantStore> stores = new java.util.HashMap<>();
                Map<Boolean, AccessLogModel> models = new java.util.HashMap<>();
                Map<Boolean, FileReport> reports = new java.util.HashMap<>();
                for (boolean crawlers : new boolean[] {false, true}) {
                    String tenant = crawlers ? "with-crawlers" : "people";
                    engine.createTenant(tenant, SHANGHAI, Currency.getInstance("USD"));
                    TenantStore store = engine.store(tenant);
                    reports.put(crawlers, store.importFiles(ImportRequest.of(new BuiltinMapping(
                            BuiltinMapping.Layout.ACCESS_LOG, Optional.empty(), new AccessLogSettings(0, crawlers)), log),
                            ImportListener.NONE).files().get(0));
                    stores.put(crawlers, store);
                    models.put(crawlers, new AccessLogModel(log, crawlers, SHANGHAI, 1800));
                }
                shared = new ImportedAccessLog(log, Map.copyOf(stores), Map.copyOf(models), Map.copyOf(reports));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }
}
