package dev.reservoir.risk;

import dev.reservoir.duckdb.DuckDbEngine;
import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.generate.GeneratorSpec;
import dev.reservoir.generate.Profile;
import dev.reservoir.generate.ShopGenerator;
import dev.reservoir.ingest.BuiltinMapping;
import dev.reservoir.ingest.ImportListener;
import dev.reservoir.ingest.ImportRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.stream.Stream;

/**
 * A tea-chain shop from reservoir-generator (fixed seed), written once per test JVM and
 * imported into a tenant; {@link #importedUpTo} imports a copy of its events without any event
 * on or after a given local date, for the leakage test.
 */
final class GeneratedShop {
    static final GeneratorSpec SPEC = GeneratorSpec.of(Profile.TEA_CHAIN, 4_000, 540, 20_241_123L);
    /** The last day of the generated window. */
    static final LocalDate LAST_DAY = SPEC.end().minusDays(1);
    private static GeneratedShop shared;

    private final Path dir;
    private final dev.reservoir.generate.GeneratedShop files;
    private final DuckDbEngine engine;
    private final TenantStore store;

    private GeneratedShop(Path dir) throws IOException {
        this.dir = dir;
        this.files = new ShopGenerator(SPEC).writeTo(dir.resolve("shop"), f -> { });
        this.engine = DuckDbEngine.open(EngineConfig.of(dir.resolve("data"))
                .withClock(Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC)));
        this.store = load("tea", files.eventFiles());
    }

    static synchronized GeneratedShop get() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("reservoir-risk-shop-");
                shared = new GeneratedShop(dir);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    shared.engine.close();
                    delete(dir);
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    TenantStore store() {
        return store;
    }

    /**
     * A new tenant holding the shop's events whose local date (in the shop's zone) is on or
     * before {@code last}: every later event is never imported.
     */
    synchronized TenantStore importedUpTo(String tenant, LocalDate last) {
        Path cut = dir.resolve(tenant + ".parquet");
        Instant end = last.plusDays(1).atStartOfDay(SPEC.zone()).toInstant();
        StringBuilder files = new StringBuilder();
        for (Path p : this.files.eventFiles()) {
            files.append(files.isEmpty() ? "" : ", ").append('\'').append(p.toString().replace("'", "''")).append('\'');
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM read_parquet([" + files + "]) WHERE occurred_at < TIMESTAMPTZ '" + end
                    + "') TO '" + cut.toString().replace("'", "''") + "' (FORMAT parquet)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return load(tenant, List.of(cut));
    }

    private TenantStore load(String tenant, List<Path> events) {
        engine.createTenant(tenant, SPEC.zone(), Currency.getInstance("CNY"));
        TenantStore s = engine.store(tenant);
        s.importFiles(ImportRequest.of(BuiltinMapping.of(BuiltinMapping.Layout.CANONICAL_CUSTOMERS), files.customersFile()),
                ImportListener.NONE);
        s.importFiles(new ImportRequest(events, BuiltinMapping.of(BuiltinMapping.Layout.CANONICAL), false,
                ImportRequest.DEFAULT_FUTURE_TOLERANCE), ImportListener.NONE);
        return s;
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }
}
