package dev.reservoir.bench;

import dev.reservoir.cli.Language;
import dev.reservoir.duckdb.DuckDbEngine;
import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.generate.OutputFormat;
import dev.reservoir.ingest.FileReport;
import dev.reservoir.ingest.ImportReport;
import dev.reservoir.ingest.ImportRequest;
import dev.reservoir.ingest.Mappings;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bench import}: the import benchmark of docs/benchmarks.md. For each format, every run
 * times three things against the same generated files, in this order: DuckDB's plain
 * {@code INSERT ... SELECT} into a fresh database (the baseline), Reservoir's import into a new
 * tenant store, and, with {@code --base-events}, the import into a copy of a store already
 * holding that many other events. Only the statement or the import call is timed; opening,
 * closing, preparing and copying are not. Everything is written under a new directory that is
 * deleted afterwards unless {@code --keep}.
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false)
final class ImportBenchmark implements Callable<Integer> {
    static final long MAX_EVENTS = 1_000_000_000L;
    static final int MAX_REPEAT = 20;

    @ParentCommand
    private BenchmarkCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", defaultValue = "10000000", descriptionKey = "events")
    private long events;

    @Option(names = "--base-events", paramLabel = "N", defaultValue = "0", descriptionKey = "base-events")
    private long baseEvents;

    @Option(names = "--formats", paramLabel = "parquet|csv", split = ",", defaultValue = "parquet,csv",
            converter = FileFormatConverter.class, descriptionKey = "formats")
    private List<OutputFormat> formats;

    @Option(names = "--work", paramLabel = "DIR", descriptionKey = "work")
    private Path work;

    @Option(names = "--keep", descriptionKey = "keep")
    private boolean keep;

    @Option(names = "--memory-limit", paramLabel = "SIZE", defaultValue = EngineConfig.DEFAULT_MEMORY_LIMIT,
            converter = MemoryLimitConverter.class, descriptionKey = "memory-limit")
    private String memoryLimit;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1", descriptionKey = "repeat")
    private int repeat;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "3h", converter = TimeoutConverter.class,
            descriptionKey = "timeout")
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

    @Override
    public Integer call() {
        Texts texts = Texts.of(language != null ? language : root.language());
        RunGuard guard = new RunGuard(root, spec, texts, format);
        check(texts, "--events", events, 1_000, MAX_EVENTS);
        check(texts, "--base-events", baseEvents, 0, MAX_EVENTS);
        check(texts, "--repeat", repeat, 1, MAX_REPEAT);
        if (new HashSet<>(formats).size() != formats.size()) {
            throw new ParameterException(spec.commandLine(), texts.format("usage.formats", formats));
        }
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = new Progress(err, showProgress || root.terminal());
        Path parent = (work != null ? work : root.currentDirectory()).toAbsolutePath();
        return guard.run(parent, timeout, keep, dir -> checkDisk(dir, texts), (runDirectory, probe) -> {
            Outcome outcome = run(runDirectory, probe, progress, texts);
            return format == Format.JSON ? Report.json(outcome) : Report.table(outcome, texts);
        });
    }

    private Outcome run(Path dir, MemoryProbe probe, Progress progress, Texts t) throws IOException, SQLException {
        LoadAverage loadAtStart = LoadAverage.now();
        progress.step(t.format("progress.pilot", t.count(Workload.PILOT), t.count(events)));
        int customers = Workload.customersFor(events);

        List<EventFiles> generated = new ArrayList<>();
        for (OutputFormat f : formats) {
            String name = Report.name(f);
            progress.step(t.format("progress.generate", name, t.count(customers), t.count(events)));
            EventFiles files = Workload.generate(customers, f, dir.resolve("events-" + name),
                    fraction -> progress.show(name, fraction));
            progress.step(t.format("progress.generated", name, t.count(files.events()),
                    t.seconds(files.took().toNanos() / 1e9)));
            generated.add(files);
        }
        long actual = generated.get(0).events();

        Path baseStore = dir.resolve("base-store");
        Duration preparation = Duration.ZERO;
        if (baseEvents > 0) {
            // Parquet when there is some: the fastest to read, and the preparation is not what is measured.
            EventFiles source = generated.stream().filter(g -> g.format() == OutputFormat.PARQUET).findFirst()
                    .orElse(generated.get(0));
            progress.step(t.format("progress.base", t.count(baseEvents)));
            long started = System.nanoTime();
            BaseStore.prepare(config(baseStore), source, baseEvents, false, root.clock().instant(),
                    fraction -> progress.show(t.format("progress.base", t.count(baseEvents)), fraction));
            // Opening builds the base store's rollup once, so that no measured import pays for it.
            try (DuckDbEngine engine = DuckDbEngine.open(config(baseStore))) {
                engine.store(BaseStore.TENANT);
            }
            preparation = Duration.ofNanos(System.nanoTime() - started);
            progress.step(t.format("progress.base-done", t.seconds(preparation.toNanos() / 1e9)));
        }

        List<StepResult> results = new ArrayList<>();
        long copyNanos = 0;
        for (EventFiles files : generated) {
            String name = Report.name(files.format());
            List<Run> baseline = new ArrayList<>();
            List<Run> empty = new ArrayList<>();
            List<Run> withBase = new ArrayList<>();
            for (int r = 1; r <= repeat; r++) {
                progress.step(t.format("progress.step", name, t.format(Step.BASELINE.labelKey()), r, repeat));
                baseline.add(baseline(dir.resolve(name + "-baseline-" + r), files, probe));
                progress.step(t.format("progress.took", name, t.format(Step.BASELINE.labelKey()),
                        t.seconds(last(baseline).seconds())));

                progress.step(t.format("progress.step", name, t.format(Step.EMPTY_STORE.labelKey()), r, repeat));
                Path emptyStore = dir.resolve(name + "-empty-" + r);
                empty.add(reservoirImport(emptyStore, true, files, probe, progress, t));
                progress.step(t.format("progress.took", name, t.format(Step.EMPTY_STORE.labelKey()),
                        t.seconds(last(empty).seconds())));

                if (baseEvents > 0) {
                    String label = t.format(Step.WITH_BASE.labelKey(), t.count(baseEvents));
                    progress.step(t.format("progress.copy", name, r));
                    Path store = dir.resolve(name + "-base-" + r);
                    long started = System.nanoTime();
                    BaseStore.copy(baseStore, store);
                    copyNanos += System.nanoTime() - started;
                    progress.step(t.format("progress.step", name, label, r, repeat));
                    withBase.add(reservoirImport(store, false, files, probe, progress, t));
                    progress.step(t.format("progress.took", name, label, t.seconds(last(withBase).seconds())));
                }
            }
            results.add(new StepResult(files.format(), Step.BASELINE, files.events(), 0, baseline));
            results.add(new StepResult(files.format(), Step.EMPTY_STORE, files.events(), 0, empty));
            if (baseEvents > 0) {
                results.add(new StepResult(files.format(), Step.WITH_BASE, files.events(), baseEvents, withBase));
            }
        }
        return new Outcome(events, actual, customers, baseEvents, repeat, memoryLimit,
                Runtime.getRuntime().availableProcessors(), probe.maxHeap(), loadAtStart, LoadAverage.now(),
                generated, preparation, Duration.ofNanos(copyNanos), results, dir, keep);
    }

    /** DuckDB's plain load of {@code files} into a fresh database in {@code dir}. */
    private Run baseline(Path dir, EventFiles files, MemoryProbe probe) throws IOException, SQLException {
        Files.createDirectories(dir);
        Run run;
        try (Baseline baseline = Baseline.open(dir.resolve("baseline.duckdb"), dir.resolve("tmp"), memoryLimit, files)) {
            settle();
            MemoryProbe.Phase phase = probe.start();
            long cpu = MemoryProbe.processCpuNanos();
            long started = System.nanoTime();
            long inserted = baseline.insert();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Duration cpuTime = Duration.ofNanos(MemoryProbe.processCpuNanos() - cpu);
            MemoryProbe.Usage usage = phase.stop();
            run = new Run(took, cpuTime, usage, LoadAverage.now(), Math.min(inserted, baseline.rows()), 0, List.of());
        }
        dropUnlessKept(dir);
        return run;
    }

    /**
     * Reservoir's import of {@code files} into the tenant store in {@code dataDirectory}: a new
     * tenant when {@code create}, else the prepared one already there.
     */
    private Run reservoirImport(Path dataDirectory, boolean create, EventFiles files, MemoryProbe probe,
                                Progress progress, Texts t) throws IOException {
        Run run;
        try (DuckDbEngine engine = DuckDbEngine.open(config(dataDirectory))) {
            if (create) {
                engine.createTenant(BaseStore.TENANT, Workload.ZONE, BaseStore.CURRENCY);
            }
            TenantStore store = engine.store(BaseStore.TENANT); // opens the database: not timed
            settle();
            MemoryProbe.Phase phase = probe.start();
            long cpu = MemoryProbe.processCpuNanos();
            long started = System.nanoTime();
            ImportReport report = store.importFiles(ImportRequest.of(Mappings.resolve("canonical"), files.paths()),
                    (file, step, fraction) -> progress.show(file.getFileName() + ": " + step.label(t.locale()),
                            fraction));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Duration cpuTime = Duration.ofNanos(MemoryProbe.processCpuNanos() - cpu);
            MemoryProbe.Usage usage = phase.stop();
            run = new Run(took, cpuTime, usage, LoadAverage.now(), report.accepted(), report.duplicates() + report.conflicts()
                    + report.rejected(), report.files().stream().map(FileReport::took).toList());
        }
        dropUnlessKept(dataDirectory);
        return run;
    }

    private EngineConfig config(Path dataDirectory) {
        return new EngineConfig(dataDirectory, root.clock(), memoryLimit, 0);
    }

    /**
     * Lets go of the generator's and the previous step's garbage before a step starts, so that
     * its peak heap and RSS are its own as far as the JVM allows (RSS at the start is reported).
     */
    private static void settle() {
        System.gc();
    }

    private void dropUnlessKept(Path dir) throws IOException {
        if (!keep) {
            BaseStore.delete(dir);
        }
    }

    private static Run last(List<Run> runs) {
        return runs.get(runs.size() - 1);
    }

    /** Refuses to start when the estimate of what the run writes exceeds the free disk. */
    private void checkDisk(Path parent, Texts t) {
        DiskPlan plan = DiskPlan.of(events, baseEvents, formats, repeat, keep);
        long free = root.freeDisk(parent);
        if (free < plan.total()) {
            throw new ReservoirException(ErrorCode.INSUFFICIENT_DISK, parent, t.format("error.disk-parts",
                    t.bytes(plan.total()), t.bytes(plan.files()), t.bytes(plan.stores()), t.bytes(plan.margin())),
                    t.bytes(free));
        }
    }

    private void check(Texts t, String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), t.format("usage.range", option, t.count(min),
                    t.count(max), value));
        }
    }

    static final class FileFormatConverter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            for (OutputFormat f : OutputFormat.values()) {
                if (f.extension().equalsIgnoreCase(value.strip())) {
                    return f;
                }
            }
            throw new TypeConversionException("expected parquet or csv, was '" + value + "'");
        }
    }

    static final class MemoryLimitConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return new EngineConfig(Path.of("."), java.time.Clock.systemUTC(), value.strip(), 0).memoryLimit();
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected a size such as 4GB, 512MB or 2GiB, was '" + value + "'");
            }
        }
    }

    /** {@code 90s}, {@code 45m}, {@code 3h}. */
    static final class TimeoutConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            if (!v.matches("[1-9]\\d{0,5}[smh]")) {
                throw new TypeConversionException("expected a duration such as 90m or 2h, was '" + value + "'");
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }

        static String text(Duration d) {
            long s = d.toSeconds();
            return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
        }
    }
}
