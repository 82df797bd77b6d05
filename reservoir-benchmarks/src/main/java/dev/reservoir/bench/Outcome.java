package dev.reservoir.bench;

import dev.reservoir.generate.OutputFormat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything one {@code import} benchmark run measured, in the order it was measured.
 *
 * @param requestedEvents  {@code --events}
 * @param events           events the generator wrote (and every step read)
 * @param customers        the generator's customers for that count
 * @param baseEvents       {@code --base-events}
 * @param cores            processors available to the JVM (DuckDB uses as many threads)
 * @param javaMaxHeap      the JVM's maximum heap, bytes
 * @param generated        the event files, one per format
 * @param basePreparation  filling the base store (not counted in any ratio); zero without one
 * @param baseCopies       copying it for each measured import (not counted); zero without one
 * @param results          per format: the baseline, the empty store, the store with base events
 * @param workDirectory    where the files and stores were written
 * @param kept             whether it was kept ({@code --keep}) or deleted after the run
 */
record Outcome(long requestedEvents, long events, int customers, long baseEvents, int repeat, String memoryLimit,
               int cores, long javaMaxHeap, LoadAverage loadAtStart, LoadAverage loadAtEnd,
               List<EventFiles> generated, Duration basePreparation, Duration baseCopies, List<StepResult> results,
               Path workDirectory, boolean kept) {

    Outcome {
        generated = List.copyOf(generated);
        results = List.copyOf(results);
        Objects.requireNonNull(basePreparation, "basePreparation");
        Objects.requireNonNull(baseCopies, "baseCopies");
    }

    /** The baseline of {@code format}, measured in this run. */
    StepResult baseline(OutputFormat format) {
        return results.stream().filter(r -> r.format() == format && r.step() == Step.BASELINE).findFirst()
                .orElseThrow(() -> new IllegalStateException("no baseline for " + format));
    }

    /** Median time over the baseline's median time; 1 for the baseline itself. */
    double ratio(StepResult r) {
        return r.medianSeconds() / baseline(r.format()).medianSeconds();
    }

    /** Median CPU time over the baseline's median CPU time. */
    double cpuRatio(StepResult r) {
        return r.medianCpuSeconds() / baseline(r.format()).medianCpuSeconds();
    }

    /** Fastest time over the baseline's fastest time. */
    double minRatio(StepResult r) {
        return r.minSeconds() / baseline(r.format()).minSeconds();
    }

    /** One target and whether it was met. */
    record Verdict(StepResult result, boolean rss, double actual, double limit, boolean met) {
    }

    /** Every target that applies: the ratio of each import, and peak RSS of the import into the base store. */
    List<Verdict> verdicts() {
        List<Verdict> out = new ArrayList<>();
        for (StepResult r : results) {
            if (r.step().hasRatioTarget()) {
                double ratio = ratio(r);
                out.add(new Verdict(r, false, ratio, r.step().targetRatio(), ratio <= r.step().targetRatio()));
            }
            if (r.step() == Step.WITH_BASE) {
                long rss = r.peakRss();
                out.add(new Verdict(r, true, rss, Step.RSS_TARGET_BYTES, rss >= 0 && rss < Step.RSS_TARGET_BYTES));
            }
        }
        return out;
    }

    /** The highest 1-minute load average seen: at the start, after any run, or at the end. */
    double highestLoad() {
        double load = Math.max(loadAtStart.one(), loadAtEnd.one());
        for (StepResult r : results) {
            load = Math.max(load, r.load());
        }
        return load;
    }

    /** Whether other processes competed for the cores: the load went above the core count. */
    boolean busy() {
        return highestLoad() > cores;
    }
}
