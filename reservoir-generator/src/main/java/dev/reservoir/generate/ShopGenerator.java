package dev.reservoir.generate;

import dev.reservoir.event.Event;
import dev.reservoir.event.EventType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleConsumer;
import java.util.regex.Pattern;

/**
 * Generates a demo shop: its customers, their events and the ground truth behind them.
 * docs/generator.md describes the model.
 *
 * <pre>{@code
 * GeneratedShop shop = new ShopGenerator(GeneratorSpec.of(Profile.TEA_CHAIN, 20_000, 365, 42))
 *         .writeTo(Path.of("shop"), fraction -> { });
 * }</pre>
 *
 * <p>Output is a function of the spec alone: each customer is simulated from its own random
 * generator, seeded by (seed, customer index), so the events are the same whether they are
 * generated on one thread or many and whatever the part size.
 */
public final class ShopGenerator {

    /** A part holds at most this many customers... */
    static final int MAX_CUSTOMERS_PER_PART = 20_000;
    /** ...and about this many events: its customer count comes from a pilot of the first customers. */
    static final long EVENTS_PER_PART = 1_000_000;
    /** Customers in the pilot that sizes the parts. */
    static final int PILOT = 400;
    /** Parts written at once, each by its own thread (DuckDB's COPY uses every core anyway). */
    static final int MAX_PARTS_IN_FLIGHT = 4;
    private static final Pattern PART = Pattern.compile("part-\\d{5}\\.(parquet|csv)");

    private final GeneratorSpec spec;
    /** Customers per part, or 0 to size parts from a pilot. */
    private final int customersPerPart;
    private final int threads;

    public ShopGenerator(GeneratorSpec spec) {
        this(spec, 0, Runtime.getRuntime().availableProcessors());
    }

    /**
     * For tests: a fixed part size (0 sizes parts from a pilot) and a thread count; neither may
     * change the events.
     */
    ShopGenerator(GeneratorSpec spec, int customersPerPart, int threads) {
        this.spec = Objects.requireNonNull(spec, "spec");
        if (customersPerPart < 0) {
            throw new IllegalArgumentException("customersPerPart must not be negative, was " + customersPerPart);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.customersPerPart = customersPerPart;
        this.threads = threads;
    }

    public GeneratorSpec spec() {
        return spec;
    }

    /**
     * Generates the shop into {@code sink}, customer by customer (customer, its events in time
     * order, its truth), on the calling thread. No I/O.
     */
    public void generate(ShopSink sink) {
        Objects.requireNonNull(sink, "sink");
        CustomerSimulator simulator = new CustomerSimulator(spec);
        for (int i = 1; i <= spec.customers(); i++) {
            CustomerSimulator.Result r = simulator.simulate(i);
            sink.customer(r.customer());
            for (Event e : r.events()) {
                sink.event(e);
            }
            sink.truth(r.truth());
        }
    }

    /**
     * Writes the shop into {@code outDir} (created if needed): {@code events/part-00000.parquet},
     * ... (or {@code .csv}), {@code customers.*}, {@code truth.*} and {@code shop.json}. Part files
     * of an earlier run in {@code events/} are removed first, so the directory holds exactly one
     * shop. A part holds a fixed run of customers (about a million events, at most 20,000
     * customers); parts are written in parallel and their files are the same on every run.
     *
     * @param progress receives the fraction done, from 0 to 1, on the calling thread
     */
    public GeneratedShop writeTo(Path outDir, DoubleConsumer progress) throws IOException {
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(progress, "progress");
        long started = System.nanoTime();
        Path eventsDir = outDir.resolve("events");
        Files.createDirectories(eventsDir);
        removeOldParts(eventsDir);
        progress.accept(0);

        CustomerSimulator simulator = new CustomerSimulator(spec);
        int perPart = customersPerPart > 0 ? customersPerPart : partSize(simulator);
        int parts = (int) ((spec.customers() + (long) perPart - 1) / perPart);
        int workers = Math.min(Math.min(threads, MAX_PARTS_IN_FLIGHT), parts);
        Totals totals = new Totals();
        List<Path> eventFiles = new ArrayList<>(parts);
        List<Path> written;
        AtomicLong done = new AtomicLong();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "reservoir-generator-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try (ShopFiles files = new ShopFiles(outDir, spec.format(), simulator.model(), threads)) {
            try {
                ArrayDeque<Future<ShopFiles.Part>> inFlight = new ArrayDeque<>();
                int next = 0;
                while (next < parts || !inFlight.isEmpty()) {
                    while (next < parts && inFlight.size() < workers) {
                        int part = next++;
                        int from = part * perPart + 1;
                        int to = (int) Math.min(spec.customers(), (long) from + perPart - 1);
                        inFlight.add(pool.submit(() -> files.writePart(part, from, to, simulator, done)));
                    }
                    ShopFiles.Part part = await(inFlight.poll(), done, progress);
                    files.addCustomers(part);
                    totals.add(part);
                    eventFiles.add(part.file());
                }
            } finally {
                // On failure, stop the other parts before their database closes under them.
                stop(pool);
            }
            written = files.finish();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        GeneratedShop shop = new GeneratedShop(outDir, totals.customers, totals.events, totals.orders,
                BigDecimal.valueOf(totals.revenueCents, 2), totals.byType(), eventFiles, written.get(0),
                written.get(1), took);
        Files.writeString(outDir.resolve("shop.json"), Json.pretty(describe(shop, simulator.model(), perPart)),
                StandardCharsets.UTF_8);
        progress.accept(1);
        return shop;
    }

    /**
     * Customers per part: enough for about {@link #EVENTS_PER_PART} events, judged from a pilot
     * of the first customers (a fair sample: a customer's index says nothing about it), at most
     * {@link #MAX_CUSTOMERS_PER_PART}. A function of the spec, so parts come out the same every run.
     */
    int partSize(CustomerSimulator simulator) {
        int pilot = Math.min(PILOT, spec.customers());
        long events = 0;
        for (int i = 1; i <= pilot; i++) {
            events += simulator.simulate(i).rows().size();
        }
        double perCustomer = Math.max(1.0, (double) events / pilot);
        return (int) Math.max(1, Math.min(MAX_CUSTOMERS_PER_PART, Math.round(EVENTS_PER_PART / perCustomer)));
    }

    private static void stop(ExecutorService pool) throws IOException {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
                throw new IOException("generator threads did not stop within 5 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the generator threads", e);
        }
    }

    /** Waits for a part, reporting progress from the customers finished so far every 200 ms. */
    private <T> T await(Future<T> future, AtomicLong done, DoubleConsumer progress) throws IOException {
        try {
            while (true) {
                try {
                    return future.get(200, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    progress.accept(0.97 * done.get() / spec.customers());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
    }

    private static void removeOldParts(Path eventsDir) throws IOException {
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(eventsDir,
                p -> PART.matcher(p.getFileName().toString()).matches())) {
            for (Path p : parts) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Map<String, Object> describe(GeneratedShop shop, ProfileModel model, int perPart) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generator", "reservoir-generator");
        out.put("profile", spec.profile().profileName());
        out.put("customers", spec.customers());
        out.put("days", spec.days());
        out.put("seed", spec.seed());
        out.put("start", spec.start().toString());
        out.put("end_exclusive", spec.end().toString());
        out.put("zone", spec.zone().getId());
        out.put("format", spec.format().extension());
        out.put("customers_per_part", perPart);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("customers", shop.customers());
        counts.put("events", shop.events());
        counts.put("orders", shop.orders());
        counts.put("revenue", shop.revenue());
        counts.put("events_by_type", shop.eventsByType());
        out.put("counts", counts);
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("events", shop.eventFiles().stream().map(p -> relative(shop.directory(), p)).toList());
        files.put("customers", relative(shop.directory(), shop.customersFile()));
        files.put("truth", relative(shop.directory(), shop.truthFile()));
        out.put("files", files);
        out.put("model", model.describe());
        return out;
    }

    private static String relative(Path dir, Path file) {
        return dir.toAbsolutePath().relativize(file.toAbsolutePath()).toString().replace('\\', '/');
    }

    /** Running counts of what was written. */
    private static final class Totals {
        long customers;
        long events;
        long orders;
        long revenueCents;
        final long[] byType = new long[EventType.values().length];

        void add(ShopFiles.Part part) {
            customers += part.customers().size();
            events += part.events();
            orders += part.orders();
            revenueCents += part.revenueCents();
            for (int i = 0; i < byType.length; i++) {
                byType[i] += part.eventsByType()[i];
            }
        }

        Map<String, Long> byType() {
            Map<String, Long> out = new LinkedHashMap<>();
            for (EventType t : EventType.values()) {
                out.put(t.wireName(), byType[t.ordinal()]);
            }
            return out;
        }
    }
}
