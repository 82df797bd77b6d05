package dev.reservoir.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process's memory during one phase of the benchmark: resident set size (Java heap, DuckDB's
 * native memory and everything else the process holds) and Java heap used.
 *
 * <p>Peak RSS is taken two ways and the larger is kept: the kernel's own high-water mark
 * ({@code VmHWM} in {@code /proc/self/status}), reset at the start of each phase by writing
 * {@code 5} to {@code /proc/self/clear_refs}, so it is exact; and a sampler thread reading
 * {@code VmRSS} every 50 ms, which is what remains where the reset is not allowed. Heap used has
 * no high-water mark, so it is sampled only. Off Linux, RSS is unknown ({@code -1}).
 */
final class MemoryProbe implements AutoCloseable {
    static final long SAMPLE_MILLIS = 50;
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private final MemoryMXBean heap = ManagementFactory.getMemoryMXBean();
    private final AtomicLong maxRss = new AtomicLong(-1);
    private final AtomicLong maxHeap = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    /** What one phase used. {@code -1} where the figure is unknown. */
    record Usage(long rssAtStart, long peakRss, long peakHeapUsed, boolean exactPeak) {
    }

    MemoryProbe() {
        sampler = new Thread(this::sample, "reservoir-bench-memory");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (running) {
            maxRss.accumulateAndGet(status("VmRSS"), Math::max);
            maxHeap.accumulateAndGet(heap.getHeapMemoryUsage().getUsed(), Math::max);
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Starts a phase: from now on the maxima are this phase's. */
    Phase start() {
        boolean reset = resetHighWaterMark();
        long rss = status("VmRSS");
        maxRss.set(rss);
        maxHeap.set(heap.getHeapMemoryUsage().getUsed());
        return new Phase(rss, reset);
    }

    final class Phase {
        private final long rssAtStart;
        private final boolean hwmReset;

        private Phase(long rssAtStart, boolean hwmReset) {
            this.rssAtStart = rssAtStart;
            this.hwmReset = hwmReset;
        }

        /** The phase's figures; the maxima include a final reading taken now. */
        Usage stop() {
            long rss = Math.max(maxRss.get(), status("VmRSS"));
            if (hwmReset) {
                rss = Math.max(rss, status("VmHWM"));
            }
            long heapUsed = Math.max(maxHeap.get(), heap.getHeapMemoryUsage().getUsed());
            return new Usage(rssAtStart, rss, heapUsed, hwmReset);
        }
    }

    /**
     * CPU time of the whole process so far, every thread included, in nanoseconds; {@code -1}
     * where the JVM cannot tell.
     */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** Heap the JVM may grow to ({@code -Xmx}). */
    long maxHeap() {
        return heap.getHeapMemoryUsage().getMax();
    }

    /** A {@code kB} line of {@code /proc/self/status} in bytes, {@code -1} if unreadable. */
    static long status(String field) {
        try {
            for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
                if (line.startsWith(field + ":")) {
                    String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Linux 4.0+: writing 5 to clear_refs resets VmHWM to the current RSS. */
    private static boolean resetHighWaterMark() {
        try {
            Files.writeString(CLEAR_REFS, "5", StandardCharsets.US_ASCII);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
