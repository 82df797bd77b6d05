package dev.reservoir.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to import and how strictly.
 *
 * @param files           read in order; each file is committed in its own transaction
 * @param mapping         how rows become events or customers
 * @param strict          reject a whole file at its first bad row instead of rejecting the row
 * @param futureTolerance how far past the engine's clock an event time may be before it is
 *                        rejected as a future time (default one day, for clocks that drift)
 */
public record ImportRequest(List<Path> files, Mapping mapping, boolean strict, Duration futureTolerance) {
    public static final Duration DEFAULT_FUTURE_TOLERANCE = Duration.ofDays(1);

    public ImportRequest {
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("files is empty: name at least one file to import");
        }
        Objects.requireNonNull(mapping, "mapping");
        if (futureTolerance == null || futureTolerance.isNegative()) {
            throw new IllegalArgumentException("futureTolerance must be zero or positive, was " + futureTolerance);
        }
    }

    public static ImportRequest of(Mapping mapping, Path... files) {
        return new ImportRequest(List.of(files), mapping, false, DEFAULT_FUTURE_TOLERANCE);
    }

    public ImportRequest strict(boolean value) {
        return new ImportRequest(files, mapping, value, futureTolerance);
    }

    public ImportRequest futureTolerance(Duration value) {
        return new ImportRequest(files, mapping, strict, value);
    }
}
