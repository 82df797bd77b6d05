package dev.reservoir.bench;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One timed execution of a step.
 *
 * @param took     wall-clock time of the timed statement or import call only (no opening,
 *                 closing or preparation)
 * @param cpu      CPU time the whole process used meanwhile, on all its threads (DuckDB's
 *                 workers included): less disturbed than {@code took} by other processes on
 *                 the machine, but blind to how well the work was spread over the cores
 * @param memory   the process's memory during it
 * @param load     the load averages when it ended
 * @param stored   rows the step stored (the baseline's inserted rows, the import's accepted ones)
 * @param duplicates rows the import counted as duplicates (0 for the baseline)
 * @param files    the import's own time for each file, in order (each is one transaction);
 *                 empty for the baseline, which loads all files in one statement
 */
record Run(Duration took, Duration cpu, MemoryProbe.Usage memory, LoadAverage load, long stored, long duplicates,
           List<Duration> files) {
    Run {
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(load, "load");
        files = List.copyOf(files);
    }

    double seconds() {
        return took.toNanos() / 1e9;
    }

    double cpuSeconds() {
        return cpu.toNanos() / 1e9;
    }
}
