package dev.reservoir.bench;

import dev.reservoir.generate.OutputFormat;

import java.util.List;
import java.util.Objects;

/**
 * Every run of one step for one format.
 *
 * @param events     events in the files read (the same for every step of a format)
 * @param baseEvents events the store held before the import ({@link Step#WITH_BASE}), else 0
 */
record StepResult(OutputFormat format, Step step, long events, long baseEvents, List<Run> runs) {
    StepResult {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(step, "step");
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a step result needs at least one run");
        }
    }

    /** The median time in seconds (the mean of the middle two for an even number of runs). */
    double medianSeconds() {
        double[] s = runs.stream().mapToDouble(Run::seconds).sorted().toArray();
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** The median CPU time of the process in seconds. */
    double medianCpuSeconds() {
        double[] s = runs.stream().mapToDouble(Run::cpuSeconds).sorted().toArray();
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    double minSeconds() {
        return runs.stream().mapToDouble(Run::seconds).min().orElseThrow();
    }

    /** Events per second at the median time. */
    double eventsPerSecond() {
        double s = medianSeconds();
        return s == 0 ? Double.NaN : events / s;
    }

    /** The highest peak RSS of the runs, {@code -1} when unknown. */
    long peakRss() {
        return runs.stream().mapToLong(r -> r.memory().peakRss()).max().orElse(-1);
    }

    long peakHeapUsed() {
        return runs.stream().mapToLong(r -> r.memory().peakHeapUsed()).max().orElse(-1);
    }

    long rssAtStart() {
        return runs.stream().mapToLong(r -> r.memory().rssAtStart()).max().orElse(-1);
    }

    /** The highest 1-minute load average seen at the end of a run. */
    double load() {
        return runs.stream().mapToDouble(r -> r.load().one()).max().orElse(Double.NaN);
    }

    /** Whether every run stored every event and found no duplicate. */
    boolean storedAll() {
        return runs.stream().allMatch(r -> r.stored() == events && r.duplicates() == 0);
    }
}
