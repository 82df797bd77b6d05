package dev.reservoir.model;

import dev.reservoir.duckdb.DuckDbEngine;
import dev.reservoir.engine.EngineConfig;
import dev.reservoir.ingest.ImportListener;
import dev.reservoir.ingest.ImportRequest;
import dev.reservoir.ingest.Mappings;
import dev.reservoir.time.AsOf;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Currency;
import java.util.stream.Stream;

/**
 * The CDNOW summaries as the engine computes them from BTYD's {@code cdnowElog.csv} (calibration
 * end 1997-09-30, weeks, holdout to 1998-06-30), once per test JVM. reservoir-duckdb's
 * CdnowSummariesTest shows they equal the published file for every customer.
 *
 * <p>The file is found as reservoir-duckdb's SharedDatasets does (that helper is test code of
 * another module): from the {@code reservoir.shared} property the root pom sets; missing, it
 * skips, or fails when {@code CI=true}.
 */
final class CdnowSummaries {
    static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    static final LocalDate HOLDOUT_END = LocalDate.of(1998, 6, 30);
    private static CustomerSummariesResult result;

    private CdnowSummaries() {
    }

    static synchronized CustomerSummariesResult get() {
        if (result == null) {
            result = compute(elog());
        }
        return result;
    }

    private static Path elog() {
        String shared = System.getProperty("reservoir.shared");
        Path file = shared == null ? null : Path.of(shared, "datasets", "cdnow", "cdnowElog.csv");
        if (file == null || !Files.isRegularFile(file)) {
            String why = "dataset file not found: " + file + " (reservoir.shared = " + shared + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("CI=true and the real data is required: " + why);
            }
            Assumptions.abort(why + "; skipping (set CI=true to make this a failure)");
        }
        return file;
    }

    private static CustomerSummariesResult compute(Path elog) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("reservoir-models-cdnow-");
            Clock clock = Clock.fixed(Instant.parse("2024-06-03T09:15:00Z"), ZoneOffset.UTC);
            try (DuckDbEngine engine = DuckDbEngine.open(EngineConfig.of(dir).withClock(clock))) {
                engine.createTenant("cdnow", ZoneId.of("America/New_York"), Currency.getInstance("USD"));
                engine.store("cdnow").importFiles(ImportRequest.of(Mappings.resolve("cdnow"), elog), ImportListener.NONE);
                return engine.store("cdnow").modelInputs().summaries(
                        CustomerSummaries.of(AsOf.of(CALIBRATION_END), TimeUnit.WEEK).withHoldoutEnd(HOLDOUT_END));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
