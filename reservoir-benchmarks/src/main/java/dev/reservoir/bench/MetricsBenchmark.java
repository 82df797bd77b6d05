package dev.reservoir.bench;

import dev.reservoir.cli.Language;
import dev.reservoir.duckdb.DuckDbEngine;
import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.generate.OutputFormat;
import dev.reservoir.ingest.ImportListener.ImportPhase;
import dev.reservoir.ingest.ImportReport;
import dev.reservoir.ingest.ImportRequest;
import dev.reservoir.ingest.Mappings;
import dev.reservoir.time.AsOf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code bench metrics}: the metrics benchmark of docs/benchmarks.md. A store of {@code --events}
 * generated events (up to 10M generated once, then copied with each copy's own customers) gets its
 * rollup built, then the floor (one {@code GROUP BY customer_id} over the raw events into a
 * temporary table) and every metric of {@link MetricSuite} are timed in turn, then the upkeep of
 * the rollup when a batch of late events for existing customers is imported. The target: the
 * metrics together, with the rollup's upkeep, within 5× the floor.
 */
@Command(name = "metrics", mixinStandardHelpOptions = true, sortOptions = false)
final class MetricsBenchmark implements Callable<Integer> {
    /** More events than this are copies of this many generated ones (generating 100M would take longer than the run). */
    static final long GENERATED_MAX = 10_000_000L;
    static final double TARGET_RATIO = 5.0;
    /** The generated year's last day: every metric is as of it. */
    static final LocalDate AS_OF = Workload.START.plusDays(Workload.DAYS - 1);

    @ParentCommand
    private BenchmarkCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", defaultValue = "10000000", descriptionKey = "metrics.events")
    private long events;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3", descriptionKey = "repeat")
    private int repeat;

    @Option(names = "--work", paramLabel = "DIR", descriptionKey = "work")
    private Path work;

    @Option(names = "--keep", descriptionKey = "keep")
    private boolean keep;

    @Option(names = "--reuse", paramLabel = "DIR", descriptionKey = "metrics.reuse")
    private Path reuse;

    @Option(names = "--retention-only", descriptionKey = "metrics.retention-only")
    private boolean retentionOnly;

    @Option(names = "--memory-limit", paramLabel = "SIZE", defaultValue = EngineConfig.DEFAULT_MEMORY_LIMIT,
            converter = ImportBenchmark.MemoryLimitConverter.class, descriptionKey = "memory-limit")
    private String memoryLimit;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "3h",
            converter = ImportBenchmark.TimeoutConverter.class, descriptionKey = "timeout")
    private Duration timeout;

    @Option(names = "--format", paramLabel = "table|json", converter = Format.Converter.class, descriptionKey = "format")
    private Format format = Format.TABLE;

    @Option(names = "--progress", descriptionKey = "progress")
    private boolean showProgress;

    private Language language;

    @Option(names = "--lang", paramLabel = "en|zh", converter = Language.Converter.class, descriptionKey = "lang")
    void language(Language value) {
        language = value;
        BenchmarkCommand.useLanguage(spec, value);
    }

    /** One measured thing: seconds, CPU seconds ({@code NaN} when not measured apart), memory, load. */
    record Timing(double seconds, double cpuSeconds, MemoryProbe.Usage memory, double load) {
    }

    /** What a row of the report is. */
    enum Kind { FLOOR, ROLLUP_BUILD, METRIC, BEHAVIOUR, UPKEEP_IMPORT, UPKEEP_ROLLUP, SESSIONS_BUILD, UPKEEP_SESSIONS,
        GROUPS_BUILD, UPKEEP_GROUPS }

    /** Every timing of one row; the report uses the median. */
    record Measured(Kind kind, String key, List<Timing> runs) {
        Measured {
            runs = List.copyOf(runs);
        }

        double medianSeconds() {
            return median(runs.stream().mapToDouble(Timing::seconds).toArray());
        }

        double medianCpuSeconds() {
            return median(runs.stream().mapToDouble(Timing::cpuSeconds).toArray());
        }

        long peakRss() {
            return runs.stream().mapToLong(r -> r.memory().peakRss()).max().orElse(-1);
        }

        long peakHeap() {
            return runs.stream().mapToLong(r -> r.memory().peakHeapUsed()).max().orElse(-1);
        }

        double load() {
            return runs.stream().mapToDouble(Timing::load).max().orElse(Double.NaN);
        }

        private static double median(double[] x) {
            java.util.Arrays.sort(x);
            int n = x.length;
            return n % 2 == 1 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
        }
    }

    /**
     * Everything one run measured.
     *
     * @param generated   events the generator wrote (copied to reach {@code events})
     * @param events      events in the store
     * @param customers   customers in the store
     * @param rollupRows  rows of the rollup once built
     * @param lateEvents  events of the imported late batch
     */
    record Outcome(long requested, long generated, int generatedCustomers, long events, long customers,
                   long rollupRows, long lateEvents, int repeat, String memoryLimit, int cores, long javaMaxHeap,
                   LoadAverage loadAtStart, LoadAverage loadAtEnd, Duration generation, Duration preparation,
                   List<Measured> rows, Path workDirectory, boolean kept, Path reusedFrom) {
        Outcome {
            rows = List.copyOf(rows);
        }

        Measured floor() {
            return rows.stream().filter(r -> r.kind() == Kind.FLOOR).findFirst().orElseThrow();
        }

        double ratio(Measured m) {
            return m.medianSeconds() / floor().medianSeconds();
        }

        double sum(Kind kind) {
            return rows.stream().filter(r -> r.kind() == kind).mapToDouble(Measured::medianSeconds).sum();
        }

        /** The target's figure: every metric, plus the rollup's upkeep for the late batch, over the floor. */
        double totalRatio() {
            return (sum(Kind.METRIC) + sum(Kind.UPKEEP_ROLLUP)) / floor().medianSeconds();
        }

        /** The same with the whole rollup built from scratch instead of kept up: the most it can cost. */
        double totalWithBuildRatio() {
            return (sum(Kind.METRIC) + sum(Kind.ROLLUP_BUILD)) / floor().medianSeconds();
        }

        boolean pass() {
            return totalRatio() <= TARGET_RATIO;
        }

        /** The behaviour metrics' target: each alone within 5× the floor. */
        boolean behaviourPass() {
            return rows.stream().filter(r -> r.kind() == Kind.BEHAVIOUR).allMatch(r -> ratio(r) <= TARGET_RATIO);
        }

        boolean busy() {
            double load = Math.max(loadAtStart.one(), loadAtEnd.one());
            for (Measured m : rows) {
                load = Math.max(load, m.load());
            }
            return load > cores;
        }
    }

    @Override
    public Integer call() {
        Texts texts = Texts.of(language != null ? language : root.language());
        RunGuard guard = new RunGuard(root, spec, texts, format);
        if (events < 1_000 || events > ImportBenchmark.MAX_EVENTS) {
            throw new ParameterException(spec.commandLine(), texts.format("usage.range", "--events",
                    texts.count(1_000), texts.count(ImportBenchmark.MAX_EVENTS), events));
        }
        if (repeat < 1 || repeat > ImportBenchmark.MAX_REPEAT) {
            throw new ParameterException(spec.commandLine(), texts.format("usage.range", "--repeat", 1,
                    ImportBenchmark.MAX_REPEAT, repeat));
        }
        Progress progress = new Progress(spec.commandLine().getErr(), showProgress || root.terminal());
        Path parent = (work != null ? work : root.currentDirectory()).toAbsolutePath();
        return guard.run(parent, timeout, keep, dir -> checkDisk(dir, texts), (runDirectory, probe) -> {
            Outcome outcome = run(runDirectory, probe, progress, texts);
            return format == Format.JSON ? MetricsReport.json(outcome) : MetricsReport.table(outcome, texts);
        });
    }

    private Outcome run(Path dir, MemoryProbe probe, Progress progress, Texts t) throws IOException, SQLException {
        LoadAverage loadAtStart = LoadAverage.now();
        Path data = dir.resolve("store");
        Path database = data.resolve(BaseStore.TENANT).resolve("events.duckdb");
        List<Measured> rows = new ArrayList<>();
        EventFiles files;
        int customers;
        Duration preparation;
        if (reuse != null) {
            // A kept run's store as it was before anything was measured (its base/ copy): copied,
            // not opened in place, since the late import below changes the store it reads.
            ReusedRun earlier = ReusedRun.read(reuse.toAbsolutePath(), events, t);
            files = earlier.files();
            customers = earlier.customers();
            progress.step(t.format("progress.reuse", reuse));
            BaseStore.copy(reuse.toAbsolutePath().resolve(ReusedRun.BASE), data);
            preparation = Duration.ZERO;
        } else {
            long toGenerate = Math.min(events, GENERATED_MAX);
            progress.step(t.format("progress.pilot", t.count(Workload.PILOT), t.count(toGenerate)));
            customers = Workload.customersFor(toGenerate);
            progress.step(t.format("progress.generate", "parquet", t.count(customers), t.count(toGenerate)));
            files = Workload.generate(customers, OutputFormat.PARQUET, dir.resolve("events"),
                    fraction -> progress.show("parquet", fraction));

            progress.step(t.format("progress.fill", t.count(events)));
            long started = System.nanoTime();
            BaseStore.prepare(config(data), files, events, true, root.clock().instant(),
                    fraction -> progress.show(t.format("progress.fill", t.count(events)), fraction));
            preparation = Duration.ofNanos(System.nanoTime() - started);

            // The first open builds the rollup alone: the state rows of the stored sessions and of
            // the group tables (negated by BaseStore) are made valid for it, and each negated again
            // before the open that builds it.
            negateSessionsState(database, data);
            negateGroupsState(database, data);
            progress.step(t.get("progress.rollup"));
            rows.add(new Measured(Kind.ROLLUP_BUILD, "rollup-build", List.of(time(probe, () -> {
                try (DuckDbEngine engine = DuckDbEngine.open(config(data))) {
                    engine.store(BaseStore.TENANT); // opening a store without a rollup builds it
                }
            }))));

            negateSessionsState(database, data);
            progress.step(t.get("progress.sessions"));
            rows.add(new Measured(Kind.SESSIONS_BUILD, "sessions-build", List.of(time(probe, () -> {
                try (DuckDbEngine engine = DuckDbEngine.open(config(data))) {
                    engine.store(BaseStore.TENANT); // opening a store without stored sessions builds them
                }
            }))));
            negateGroupsState(database, data);
            progress.step(t.get("progress.groups"));
            rows.add(new Measured(Kind.GROUPS_BUILD, "groups-build", List.of(time(probe, () -> {
                try (DuckDbEngine engine = DuckDbEngine.open(config(data))) {
                    engine.store(BaseStore.TENANT); // opening a store without the group tables builds them
                }
            }))));
            if (keep) {
                progress.step(t.get("progress.save-base"));
                ReusedRun.save(dir, data, files, customers, events);
            }
        }
        long[] counts = new long[3];
        List<Timing> floor = new ArrayList<>();
        try (Connection c = raw(database, data.resolve(BaseStore.TENANT).resolve("tmp"));
             Statement st = c.createStatement()) {
            try (var rs = st.executeQuery("SELECT (SELECT count(*) FROM events),"
                    + " (SELECT count(DISTINCT customer_id) FROM events), (SELECT count(*) FROM customer_days)")) {
                rs.next();
                counts[0] = rs.getLong(1);
                counts[1] = rs.getLong(2);
                counts[2] = rs.getLong(3);
            }
            for (int r = 1; r <= repeat; r++) {
                progress.step(t.format("progress.measure", t.get("metric.floor"), r, repeat));
                floor.add(time(probe, () -> st.execute("CREATE OR REPLACE TEMP TABLE floor AS SELECT customer_id,"
                        + " count(*), min(occurred_at), max(occurred_at), sum(amount) FROM events GROUP BY customer_id")));
                st.execute("DROP TABLE floor");
            }
        }
        rows.add(0, new Measured(Kind.FLOOR, "floor", floor));

        Path late = dir.resolve("late.parquet");
        long lateEvents;
        try (DuckDbEngine engine = DuckDbEngine.open(config(data))) {
            TenantStore store = engine.store(BaseStore.TENANT);
            for (MetricSuite.Metric metric : MetricSuite.retention(AsOf.of(AS_OF))) {
                rows.add(measure(Kind.METRIC, metric, store, probe, progress, t));
            }
            for (MetricSuite.Metric metric : retentionOnly ? List.<MetricSuite.Metric>of()
                    : MetricSuite.behaviour(AsOf.of(AS_OF))) {
                rows.add(measure(Kind.BEHAVIOUR, metric, store, probe, progress, t));
            }
            lateEvents = writeLateBatch(files, late);
            progress.step(t.format("progress.late", t.count(lateEvents)));
            long[] rollupNanos = {0, 0};
            long[] sessionsNanos = {0, 0};
            long[] groupsNanos = {0, 0};
            Timing importTiming = time(probe, () -> {
                ImportReport report = store.importFiles(ImportRequest.of(Mappings.resolve("canonical"), late),
                        (file, phase, fraction) -> {
                            if (phase == ImportPhase.ROLLUP) {
                                rollupNanos[0] = System.nanoTime();
                            } else if (phase == ImportPhase.SESSIONS && rollupNanos[0] > 0 && rollupNanos[1] == 0) {
                                rollupNanos[1] = System.nanoTime();
                                sessionsNanos[0] = rollupNanos[1];
                            } else if (phase == ImportPhase.GROUPS && sessionsNanos[0] > 0 && sessionsNanos[1] == 0) {
                                sessionsNanos[1] = System.nanoTime();
                                groupsNanos[0] = sessionsNanos[1];
                            } else if (phase == ImportPhase.COMMITTING && groupsNanos[0] > 0 && groupsNanos[1] == 0) {
                                groupsNanos[1] = System.nanoTime();
                            }
                        });
                if (report.accepted() != lateEvents) {
                    throw new IllegalStateException("the late batch stored " + report.accepted() + " of " + lateEvents);
                }
            });
            rows.add(new Measured(Kind.UPKEEP_IMPORT, "late-import", List.of(importTiming)));
            rows.add(new Measured(Kind.UPKEEP_ROLLUP, "late-rollup", List.of(new Timing(
                    (rollupNanos[1] - rollupNanos[0]) / 1e9, Double.NaN, importTiming.memory(), importTiming.load()))));
            rows.add(new Measured(Kind.UPKEEP_SESSIONS, "late-sessions", List.of(new Timing(
                    (sessionsNanos[1] - sessionsNanos[0]) / 1e9, Double.NaN, importTiming.memory(), importTiming.load()))));
            rows.add(new Measured(Kind.UPKEEP_GROUPS, "late-groups", List.of(new Timing(
                    (groupsNanos[1] - groupsNanos[0]) / 1e9, Double.NaN, importTiming.memory(), importTiming.load()))));
        }
        return new Outcome(events, files.events(), customers, counts[0], counts[1], counts[2], lateEvents, repeat,
                memoryLimit, Runtime.getRuntime().availableProcessors(), probe.maxHeap(), loadAtStart,
                LoadAverage.now(), reuse != null ? Duration.ZERO : files.took(), preparation, rows, dir, keep, reuse);
    }

    private Measured measure(Kind kind, MetricSuite.Metric metric, TenantStore store, MemoryProbe probe,
                             Progress progress, Texts t) throws SQLException {
        List<Timing> runs = new ArrayList<>();
        for (int r = 1; r <= repeat; r++) {
            progress.step(t.format("progress.measure", t.get("metric." + metric.key()), r, repeat));
            runs.add(time(probe, () -> metric.compute().apply(store)));
        }
        return new Measured(kind, metric.key(), runs);
    }

    private interface Work {
        void run() throws SQLException;
    }

    private static Timing time(MemoryProbe probe, Work work) throws SQLException {
        System.gc(); // the previous step's garbage is not this step's memory
        MemoryProbe.Phase phase = probe.start();
        long cpu = MemoryProbe.processCpuNanos();
        long started = System.nanoTime();
        work.run();
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (MemoryProbe.processCpuNanos() - cpu) / 1e9;
        return new Timing(seconds, cpuSeconds, phase.stop(), LoadAverage.now().one());
    }

    /**
     * The first generated file again, as events of the first copy's customers that arrive late:
     * new event ids, the same customers, orders and dates. Importing it makes the rollup roll up
     * again every customer it touches, the upkeep the target counts.
     */
    private long writeLateBatch(EventFiles files, Path out) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT 'late-' || event_id AS event_id, 'b1-' || customer_id AS customer_id,"
                    + " 'b1-' || visitor_id AS visitor_id, occurred_at, type, page, item_id, category,"
                    + " 'b1-' || order_id AS order_id, quantity, amount, currency, store_id, channel,"
                    + " 'b1-' || session_id AS session_id, properties FROM read_parquet("
                    + EventFiles.literal(files.files().get(0).toAbsolutePath().toString()) + ")) TO "
                    + EventFiles.literal(out.toAbsolutePath().toString()) + " (FORMAT parquet)");
            try (var rs = st.executeQuery("SELECT count(*) FROM read_parquet("
                    + EventFiles.literal(out.toAbsolutePath().toString()) + ")")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Negates the version of the stored sessions' state row: built (valid) ↔ not built. */
    private void negateSessionsState(Path database, Path data) throws SQLException {
        try (Connection c = raw(database, data.resolve(BaseStore.TENANT).resolve("tmp"));
             Statement st = c.createStatement()) {
            st.execute("UPDATE behaviour_state SET version = -version");
        }
    }

    /** Likewise for the groups metric's kept tables (GroupTables), timed apart by a third open. */
    private void negateGroupsState(Path database, Path data) throws SQLException {
        try (Connection c = raw(database, data.resolve(BaseStore.TENANT).resolve("tmp"));
             Statement st = c.createStatement()) {
            st.execute("UPDATE group_state SET version = -version");
        }
    }

    /** The store's database opened directly, with the store's memory limit and spill directory. */
    private Connection raw(Path database, Path spill) throws SQLException {
        Properties props = new Properties();
        props.setProperty("memory_limit", memoryLimit);
        props.setProperty("temp_directory", spill.toAbsolutePath().toString());
        return DriverManager.getConnection("jdbc:duckdb:" + database.toAbsolutePath(), props);
    }

    private EngineConfig config(Path dataDirectory) {
        return new EngineConfig(dataDirectory, root.clock(), memoryLimit, 0);
    }

    /** The generated files, the store (64 bytes an event, as docs/benchmarks.md estimates), spill. */
    private void checkDisk(Path parent, Texts t) {
        long needed = 16 * Math.min(events, GENERATED_MAX) + 64 * events + (1L << 30) + 8 * events;
        long free = root.freeDisk(parent);
        if (free < needed) {
            throw new ReservoirException(ErrorCode.INSUFFICIENT_DISK, parent, t.bytes(needed), t.bytes(free));
        }
    }
}
