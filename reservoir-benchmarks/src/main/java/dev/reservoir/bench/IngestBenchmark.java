package dev.reservoir.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.cli.Language;
import dev.reservoir.cli.Table;
import dev.reservoir.duckdb.DuckDbEngine;
import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.Customer;
import dev.reservoir.event.Event;
import dev.reservoir.generate.CustomerTruth;
import dev.reservoir.generate.OutputFormat;
import dev.reservoir.generate.ShopGenerator;
import dev.reservoir.generate.ShopSink;
import dev.reservoir.ingest.BuiltinMapping;
import dev.reservoir.ingest.ImportListener;
import dev.reservoir.ingest.ImportReport;
import dev.reservoir.ingest.ImportRequest;
import dev.reservoir.time.AsOf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bench ingest}: HTTP ingestion under load beside the command line's bulk import of the
 * same events. The events are the workload's tea-chain shop (the import benchmark's profile, year
 * and seed), sent in time order as a live feed would send them. For each batch size a fresh
 * {@code reservoir serve} runs in a process of its own on a new data directory, is warmed up with
 * the feed's first {@code --warmup} events sent to another tenant (then deleted), and
 * {@code --clients} threads of this process send every event once ({@link LoadClient}); the
 * figures are the wall time from the first request to the last answer, the requests' latencies,
 * the server's CPU time and memory, and this process's CPU time (the load generator's). Then the
 * server is stopped and its store opened again: it must hold every event once. The baseline, in the
 * same run: the same events written as files by the generator and imported with
 * {@code TenantStore.importFiles}, the path {@code reservoir import} takes. Target (issue 8): at
 * least 100,000 events a second with batches of 1,000 on the machine, load generator included.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false)
final class IngestBenchmark implements Callable<Integer> {
    static final double TARGET_EVENTS_PER_SECOND = 100_000;
    static final int TARGET_BATCH = 1000;
    static final String TENANT = "bench";
    /** The tenant the warm-up load goes to, deleted before the measured load starts. */
    static final String WARMUP_TENANT = "bench-warmup";
    private static final String ADMIN_TOKEN = "bench-admin-token-0123456789abcdef";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParentCommand
    private BenchmarkCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", defaultValue = "2000000", descriptionKey = "ingest-events")
    private long events;

    @Option(names = "--batches", paramLabel = "N", split = ",", defaultValue = "100,1000", descriptionKey = "ingest-batches")
    private List<Integer> batches;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "32", descriptionKey = "ingest-clients")
    private int clients;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3", descriptionKey = "ingest-repeat")
    private int repeat;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "500000", descriptionKey = "ingest-warmup")
    private long warmup;

    @Option(names = "--file-format", paramLabel = "parquet|csv", defaultValue = "parquet",
            converter = ImportBenchmark.FileFormatConverter.class, descriptionKey = "ingest-file-format")
    private OutputFormat fileFormat;

    @Option(names = "--memory-limit", paramLabel = "SIZE", defaultValue = EngineConfig.DEFAULT_MEMORY_LIMIT,
            converter = ImportBenchmark.MemoryLimitConverter.class, descriptionKey = "memory-limit")
    private String memoryLimit;

    @Option(names = "--server-jvm", paramLabel = "OPTIONS", split = " ", descriptionKey = "ingest-server-jvm")
    private List<String> serverJvm = new ArrayList<>();

    @Option(names = "--work", paramLabel = "DIR", descriptionKey = "work")
    private Path work;

    @Option(names = "--keep", descriptionKey = "keep")
    private boolean keep;

    @Option(names = "--format", paramLabel = "table|json", converter = Format.Converter.class, descriptionKey = "format")
    private Format format = Format.TABLE;

    private Language language;

    @Option(names = "--lang", paramLabel = "en|zh", converter = Language.Converter.class, descriptionKey = "lang")
    void language(Language value) {
        language = value;
        BenchmarkCommand.useLanguage(spec, value);
    }

    /**
     * One batch size's run.
     *
     * @param warmup      the warm-up load sent to another tenant of the same server before the
     *                    measured one (null with {@code --warmup 0}); {@code warmupCpu} the server's
     *                    CPU seconds during it
     * @param serverCpu   CPU seconds the server process used during the load
     * @param serverRss   the server process's peak RSS over its life ({@code VmHWM}), -1 if unknown
     * @param serverHeap  the server's heap peak from its GC log (before a collection), -1 if no GC ran
     * @param stored      events the reopened store holds; {@code distinct} their distinct ids
     * @param catchUp     seconds to open the store again: the commits leave the rollup and the
     *                    stored sessions to their next reader, and the open brings them up to date
     */
    record Load(int batch, int run, LoadClient.Result warmup, double warmupCpu, LoadClient.Result result,
                double serverCpu, long serverRss, long serverHeap,
                long serverHeapCommitted, long stored, long distinct, double catchUp) {
        boolean complete(long events) {
            return result.accepted() == events && stored == events && distinct == events;
        }
    }

    /** The bulk import of the same events as files: the baseline. */
    record Import(long events, int files, double seconds, double cpuSeconds, long peakRss, long peakHeap, long stored) {
        double eventsPerSecond() {
            return events / seconds;
        }
    }

    @Override
    public Integer call() throws IOException {
        Texts texts = Texts.of(language != null ? language : root.language());
        if (events < 1000 || events > 50_000_000) {
            throw new ParameterException(spec.commandLine(), texts.format("usage.range", "--events", "1,000", "50,000,000", events));
        }
        for (int b : batches) {
            if (b < 1 || b > 10_000) {
                throw new ParameterException(spec.commandLine(), texts.format("usage.range", "--batches", "1", "10,000", b));
            }
        }
        if (repeat < 1 || repeat > 20) {
            throw new ParameterException(spec.commandLine(), texts.format("usage.range", "--repeat", "1", "20", repeat));
        }
        if (warmup < 0 || warmup > 50_000_000) {
            throw new ParameterException(spec.commandLine(), texts.format("usage.range", "--warmup", "0", "50,000,000", warmup));
        }
        if (clients < 1 || clients > 256) {
            throw new ParameterException(spec.commandLine(), texts.format("usage.range", "--clients", "1", "256", clients));
        }
        LoadAverage loadAtStart = LoadAverage.now();
        Path parent = (work != null ? work : root.currentDirectory()).toAbsolutePath();
        Files.createDirectories(parent); // --work may name a folder still to make
        Path dir = Files.createTempDirectory(parent,
                "reservoir-bench-ingest-");
        try {
            int customers = Workload.customersFor(events);
            List<Event> feed = feed(customers);
            EventFiles files = Workload.generate(customers, fileFormat, dir.resolve("events"), f -> { });
            if (files.events() != feed.size()) {
                throw new IllegalStateException("the files hold " + files.events() + " events, the feed " + feed.size());
            }
            List<Load> loads = new ArrayList<>();
            for (int b : batches) {
                for (int run = 1; run <= repeat; run++) {
                    Path serve = dir.resolve("serve-" + b + "-" + run);
                    loads.add(load(feed, b, run, serve));
                    if (!keep) {
                        BaseStore.delete(serve); // the next run's store is new: one on disk at a time
                    }
                }
            }
            Import baseline = importFiles(files, dir.resolve("import"));
            LoadAverage loadAtEnd = LoadAverage.now();
            PrintWriter out = spec.commandLine().getOut();
            out.print(format == Format.JSON ? json(feed.size(), customers, files, loads, baseline, loadAtStart, loadAtEnd)
                    : table(feed.size(), customers, files, loads, baseline, loadAtStart, loadAtEnd, texts));
            out.flush();
            return 0;
        } finally {
            if (!keep) {
                BaseStore.delete(dir);
            }
        }
    }

    /** The shop's events in time order (then by id), as a live feed sends them. */
    static List<Event> feed(int customers) {
        List<Event> feed = new ArrayList<>();
        new ShopGenerator(Workload.spec(customers, OutputFormat.PARQUET)).generate(new ShopSink() {
            @Override
            public void customer(Customer customer) {
            }

            @Override
            public void event(Event event) {
                feed.add(event);
            }

            @Override
            public void truth(CustomerTruth truth) {
            }
        });
        feed.sort(Comparator.comparing(Event::occurredAt).thenComparing(Event::eventId));
        return feed;
    }

    private Load load(List<Event> feed, int batch, int run, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path tokenFile = dir.resolve("admin-token");
        Files.writeString(tokenFile, ADMIN_TOKEN, StandardCharsets.UTF_8);
        Path data = dir.resolve("data");
        LoadClient.Result warm = null;
        double warmCpu = -1;
        LoadClient.Result result;
        double serverCpu;
        long rss;
        ServerProcess.Heap heap;
        try (ServerProcess server = ServerProcess.start(data, tokenFile, memoryLimit, serverJvm)) {
            if (warmup > 0) {
                // The JIT compiles the hot path and the heap grows to its working size on another
                // tenant's events, then that tenant is deleted: the measured load is the sustained
                // rate, not the first seconds of a new process.
                String warmToken = tenantToken(server.port(), WARMUP_TENANT);
                double before = server.cpuSeconds();
                warm = LoadClient.run(server.port(), WARMUP_TENANT, warmToken,
                        feed.subList(0, (int) Math.min(warmup, feed.size())), batch, clients);
                double after = server.cpuSeconds();
                warmCpu = before < 0 || after < 0 ? -1 : after - before;
                admin(HttpClient.newHttpClient(), server.port(), "DELETE", "/admin/tenants/" + WARMUP_TENANT, null, 200);
            }
            String token = tenantToken(server.port(), TENANT);
            double cpuBefore = server.cpuSeconds();
            result = LoadClient.run(server.port(), TENANT, token, feed, batch, clients);
            double cpuAfter = server.cpuSeconds();
            serverCpu = cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore;
            rss = server.status("VmHWM");
            server.close();
            heap = server.heap();
        }
        // The server is stopped: its store, opened again, must hold every event once.
        long opening = System.nanoTime();
        try (DuckDbEngine engine = DuckDbEngine.open(EngineConfig.of(data).withMemoryLimit(memoryLimit))) {
            TenantStore store = engine.store(TENANT);
            double catchUp = (System.nanoTime() - opening) / 1e9;
            long stored = store.summary(AsOf.of(LocalDate.of(2999, 12, 31))).events();
            long distinct = store.storedEventIds(feed.stream().map(Event::eventId).toList()).size();
            return new Load(batch, run, warm, warmCpu, result, serverCpu, rss, heap.peakUsed(), heap.maxCommitted(),
                    stored, distinct, catchUp);
        }
    }

    /** Creates {@code tenant} through the admin API and returns a token issued for it. */
    private static String tenantToken(int port, String tenant) {
        HttpClient http = HttpClient.newHttpClient();
        admin(http, port, "POST", "/admin/tenants", "{\"id\":\"" + tenant + "\",\"time_zone\":\""
                + Workload.ZONE.getId() + "\",\"currency\":\"CNY\"}", 201);
        return admin(http, port, "POST", "/admin/tenants/" + tenant + "/tokens", null, 201).get("token").asText();
    }

    private static JsonNode admin(HttpClient http, int port, String method, String path, String body, int expected) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException(path + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The baseline: {@code importFiles} of the generated files into a new tenant, in this process. */
    private Import importFiles(EventFiles files, Path data) {
        try (DuckDbEngine engine = DuckDbEngine.open(EngineConfig.of(data).withClock(root.clock())
                .withMemoryLimit(memoryLimit)); MemoryProbe probe = new MemoryProbe()) {
            engine.createTenant(TENANT, Workload.ZONE, Currency.getInstance("CNY"));
            TenantStore store = engine.store(TENANT);
            MemoryProbe.Phase phase = probe.start();
            long cpu = MemoryProbe.processCpuNanos();
            long started = System.nanoTime();
            ImportReport report = store.importFiles(new ImportRequest(files.files(),
                    BuiltinMapping.of(BuiltinMapping.Layout.CANONICAL), false, ImportRequest.DEFAULT_FUTURE_TOLERANCE),
                    ImportListener.NONE);
            double seconds = (System.nanoTime() - started) / 1e9;
            long cpuAfter = MemoryProbe.processCpuNanos();
            MemoryProbe.Usage usage = phase.stop();
            return new Import(files.events(), files.files().size(), seconds,
                    cpu < 0 || cpuAfter < 0 ? -1 : (cpuAfter - cpu) / 1e9, usage.peakRss(), usage.peakHeapUsed(),
                    report.accepted());
        }
    }

    /**
     * The median events/s of a batch size's runs (the lower middle one for an even count: a
     * sustained rate is judged on a typical run, not the best), -1 without runs.
     */
    static double medianRate(List<Load> loads, int batch) {
        double[] rates = loads.stream().filter(l -> l.batch() == batch).mapToDouble(l -> l.result().eventsPerSecond())
                .sorted().toArray();
        return rates.length == 0 ? -1 : rates[(rates.length - 1) / 2];
    }

    private static boolean met(List<Load> loads) {
        return medianRate(loads, TARGET_BATCH) >= TARGET_EVENTS_PER_SECOND;
    }

    String table(long n, int customers, EventFiles files, List<Load> loads, Import baseline, LoadAverage start,
                 LoadAverage end, Texts t) {
        StringBuilder b = new StringBuilder();
        b.append(t.format("ingest.title", t.count(n), Workload.profileName(), t.count(customers), clients,
                Runtime.getRuntime().availableProcessors(), start.text(t.locale()), end.text(t.locale()))).append('\n');
        Table table = new Table("  ", false, true, true, true, true, true, true, true, true, true, true, true, true);
        table.row(t.get("ingest.step"), t.get("ingest.requests"), t.get("ingest.seconds"), t.get("ingest.rate"),
                t.get("ingest.ratio"), t.get("ingest.p50"), t.get("ingest.p99"), t.get("ingest.server-cpu"),
                t.get("ingest.client-cpu"), t.get("ingest.server-rss"), t.get("ingest.server-heap"),
                t.get("ingest.stored"), t.get("ingest.catch-up"));
        for (Load l : loads) {
            if (l.warmup() != null) {
                table.row(cells(t, t.format("ingest.warmup", l.batch()), l.warmup(), l.warmupCpu(), baseline,
                        "", "", "", ""));
            }
            table.row(cells(t, repeat == 1 ? t.format("ingest.http", l.batch())
                            : t.format("ingest.http-run", l.batch(), l.run(), repeat), l.result(), l.serverCpu(), baseline,
                    l.serverRss() < 0 ? "?" : t.bytes(l.serverRss()),
                    l.serverHeap() < 0 ? "?" : t.bytes(l.serverHeap()), t.count(l.stored()), t.seconds(l.catchUp())));
        }
        table.row(t.format("ingest.import", files.format().extension(), baseline.files()), "",
                t.seconds(baseline.seconds()), t.count(Math.round(baseline.eventsPerSecond())), t.ratio(1.0), "", "",
                "", t.seconds(baseline.cpuSeconds()), baseline.peakRss() < 0 ? "?" : t.bytes(baseline.peakRss()),
                t.bytes(baseline.peakHeap()), t.count(baseline.stored()), "");
        b.append(table.render());
        for (Load l : loads) {
            if (!l.complete(n)) {
                b.append(t.format("ingest.incomplete", l.batch(), t.count(l.result().accepted()), t.count(l.stored()),
                        t.count(l.distinct()), t.count(n))).append('\n');
            }
        }
        if (repeat > 1) {
            for (int batch : batches) {
                b.append(t.format("ingest.median", batch, repeat, t.count(Math.round(medianRate(loads, batch)))))
                        .append('\n');
            }
        }
        if (loads.stream().anyMatch(l -> l.batch() == TARGET_BATCH)) {
            b.append(t.format("ingest.target", t.count(Math.round(TARGET_EVENTS_PER_SECOND)), TARGET_BATCH,
                    met(loads) ? t.get("result.pass") : t.get("result.fail"))).append('\n');
        }
        b.append(t.get("ingest.note")).append('\n');
        return b.toString();
    }

    /** A load's row: its step, the load client's figures, the server's CPU, then {@code rest}. */
    private static String[] cells(Texts t, String step, LoadClient.Result r, double serverCpu, Import baseline,
                                  String... rest) {
        List<String> cells = new ArrayList<>(List.of(step, t.count(r.requests()), t.seconds(r.seconds()),
                t.count(Math.round(r.eventsPerSecond())), t.ratio(r.eventsPerSecond() / baseline.eventsPerSecond()),
                String.format(t.locale(), "%.1f", r.percentileMillis(0.50)),
                String.format(t.locale(), "%.1f", r.percentileMillis(0.99)),
                serverCpu < 0 ? "?" : t.seconds(serverCpu), t.seconds(r.cpuSeconds())));
        cells.addAll(List.of(rest));
        return cells.toArray(String[]::new);
    }

    /** A load's JSON figures, the same for the measured load and its warm-up. */
    private static ObjectNode figures(ObjectNode o, LoadClient.Result r, double serverCpu) {
        return o.put("requests", r.requests()).put("seconds", r.seconds()).put("events_per_second", r.eventsPerSecond())
                .put("p50_ms", r.percentileMillis(0.50)).put("p99_ms", r.percentileMillis(0.99))
                .put("server_cpu_seconds", serverCpu).put("client_cpu_seconds", r.cpuSeconds())
                .put("accepted", r.accepted());
    }

    String json(long n, int customers, EventFiles files, List<Load> loads, Import baseline, LoadAverage start,
                LoadAverage end) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("benchmark", "ingest").put("events", n).put("customers", customers).put("clients", clients)
                .put("repeat", repeat).put("warmup_events", Math.min(warmup, n))
                .put("processors", Runtime.getRuntime().availableProcessors());
        ArrayNode loadStart = node.putArray("load_average_start");
        start.asList().forEach(loadStart::add);
        ArrayNode loadEnd = node.putArray("load_average_end");
        end.asList().forEach(loadEnd::add);
        ArrayNode runs = node.putArray("http");
        for (Load l : loads) {
            LoadClient.Result r = l.result();
            ObjectNode one = figures(runs.addObject().put("batch_events", l.batch()).put("run", l.run()), r, l.serverCpu())
                    .put("ratio_to_import", r.eventsPerSecond() / baseline.eventsPerSecond())
                    .put("bodies_seconds", r.bodiesSeconds())
                    .put("server_peak_rss_bytes", l.serverRss()).put("server_peak_heap_bytes", l.serverHeap())
                    .put("server_heap_committed_bytes", l.serverHeapCommitted())
                    .put("duplicates", r.duplicates()).put("rejected", r.rejected())
                    .put("stored", l.stored()).put("distinct_ids", l.distinct()).put("complete", l.complete(n))
                    .put("catch_up_seconds", l.catchUp());
            if (l.warmup() != null) {
                figures(one.putObject("warmup").put("tenant", WARMUP_TENANT).put("events", l.warmup().events()),
                        l.warmup(), l.warmupCpu());
            }
        }
        node.putObject("import").put("file_format", files.format().extension()).put("files", baseline.files())
                .put("seconds", baseline.seconds()).put("events_per_second", baseline.eventsPerSecond())
                .put("cpu_seconds", baseline.cpuSeconds()).put("peak_rss_bytes", baseline.peakRss())
                .put("peak_heap_bytes", baseline.peakHeap()).put("stored", baseline.stored());
        ObjectNode medians = node.putObject("median_events_per_second");
        for (int batch : batches) {
            medians.put(Integer.toString(batch), medianRate(loads, batch));
        }
        node.putObject("target").put("events_per_second", TARGET_EVENTS_PER_SECOND).put("batch_events", TARGET_BATCH)
                .put("judged_on", "median").put("met", met(loads));
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
