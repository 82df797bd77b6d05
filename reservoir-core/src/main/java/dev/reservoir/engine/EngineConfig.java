package dev.reservoir.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * What an engine is opened with. Nothing here is global: the clock and the data directory are
 * passed in, so tests move time and use temporary directories.
 *
 * @param dataDirectory where tenants live ({@code ./reservoir-data} by default)
 * @param clock         the time of ingestion and of "now" for future-time checks
 * @param memoryLimit   the engine's memory cap, as DuckDB takes it ({@code 4GB}); never left
 *                      to the engine's default of most of the machine
 * @param threads       worker threads, {@code 0} for one per core
 */
public record EngineConfig(Path dataDirectory, Clock clock, String memoryLimit, int threads) {
    public static final String DEFAULT_DATA_DIRECTORY = "reservoir-data";
    public static final String DEFAULT_MEMORY_LIMIT = "4GB";

    public EngineConfig {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(clock, "clock");
        if (memoryLimit == null || !memoryLimit.matches("\\d+(\\.\\d+)?\\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)")) {
            throw new IllegalArgumentException("memoryLimit must look like 4GB or 512MiB, was " + memoryLimit);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (one per core) or more, was " + threads);
        }
    }

    public static EngineConfig of(Path dataDirectory) {
        return new EngineConfig(dataDirectory, Clock.systemUTC(), DEFAULT_MEMORY_LIMIT, 0);
    }

    public EngineConfig withClock(Clock value) {
        return new EngineConfig(dataDirectory, value, memoryLimit, threads);
    }

    public EngineConfig withMemoryLimit(String value) {
        return new EngineConfig(dataDirectory, clock, value, threads);
    }
}
