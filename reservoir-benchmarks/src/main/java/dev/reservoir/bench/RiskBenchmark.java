package dev.reservoir.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.cli.Language;
import dev.reservoir.cli.Table;
import dev.reservoir.duckdb.DuckDbEngine;
import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.generate.GeneratedShop;
import dev.reservoir.generate.GeneratorSpec;
import dev.reservoir.generate.OutputFormat;
import dev.reservoir.generate.ShopGenerator;
import dev.reservoir.ingest.BuiltinMapping;
import dev.reservoir.ingest.ImportListener;
import dev.reservoir.ingest.ImportRequest;
import dev.reservoir.metric.ChurnPreset;
import dev.reservoir.metric.ChurnRule;
import dev.reservoir.model.CustomerSummaries;
import dev.reservoir.model.ModelInputs;
import dev.reservoir.model.RiskFeatures;
import dev.reservoir.model.TimeUnit;
import dev.reservoir.risk.RiskDefinition;
import dev.reservoir.risk.RiskModel;
import dev.reservoir.risk.RiskTraining;
import dev.reservoir.time.AsOf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code bench risk}: the learned churn risk on generated tea-chain shops (the benchmark
 * workload's profile, year and seed) of {@code --customers} customers, as of the year's last day
 * with the apparel rule (N = h = 60). Timed: the engine's risk features as of D − h and the
 * labels' last-activity query (median of 3), the whole training run (two feature tables with
 * their BG/NBD fits, two label queries, two XGBoost trainings, the evaluation) and scoring
 * everyone as of D with the trained model. The baseline, in the same run on the same store, is
 * the customer-summaries query the customer-base models read (median of 3); every step is also
 * a multiple of it. No targets: the issue sets none for this part; the figures say where the
 * time goes.
 */
@Command(name = "risk", mixinStandardHelpOptions = true, sortOptions = false)
final class RiskBenchmark implements Callable<Integer> {
    static final ChurnRule RULE = ChurnRule.of(ChurnPreset.APPAREL);
    static final LocalDate AS_OF = Workload.START.plusDays(Workload.DAYS - 1);

    @ParentCommand
    private BenchmarkCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--customers", paramLabel = "N", split = ",", defaultValue = "10000,100000",
            descriptionKey = "risk-customers")
    private List<Integer> customers;

    @Option(names = "--work", paramLabel = "DIR", descriptionKey = "work")
    private Path work;

    @Option(names = "--format", paramLabel = "table|json", converter = Format.Converter.class, descriptionKey = "format")
    private Format format = Format.TABLE;

    private Language language;

    @Option(names = "--lang", paramLabel = "en|zh", converter = Language.Converter.class, descriptionKey = "lang")
    void language(Language value) {
        language = value;
        BenchmarkCommand.useLanguage(spec, value);
    }

    /** One measured step: seconds (median when repeated), CPU seconds of the process, peak heap and RSS. */
    record Step(String name, double seconds, double cpuSeconds, long peakHeap, long peakRss) {
    }

    /** One shop: its size, the training run's figures and the steps; {@code baseline} is the first step. */
    record Size(int customers, long events, int population, double modelAuc, double recencyAuc, List<Step> steps) {
        Step baseline() {
            return steps.get(0);
        }
    }

    @Override
    public Integer call() throws IOException {
        Texts texts = Texts.of(language != null ? language : root.language());
        for (int n : customers) {
            if (n < 1000 || n > 10_000_000) {
                throw new ParameterException(spec.commandLine(), texts.format("usage.range", "--customers", "1,000",
                        "10,000,000", n));
            }
        }
        LoadAverage loadAtStart = LoadAverage.now();
        Path parent = (work != null ? work : root.currentDirectory()).toAbsolutePath();
        Files.createDirectories(parent); // --work may name a folder still to make
        Path dir = Files.createTempDirectory(parent,
                "reservoir-bench-risk-");
        List<Size> sizes = new ArrayList<>();
        try (MemoryProbe probe = new MemoryProbe()) {
            for (int n : customers) {
                sizes.add(measure(n, dir.resolve(Integer.toString(n)), probe));
            }
        } finally {
            BaseStore.delete(dir);
        }
        LoadAverage loadAtEnd = LoadAverage.now();
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == Format.JSON ? json(sizes, loadAtStart, loadAtEnd) : table(sizes, loadAtStart, loadAtEnd, texts));
        out.flush();
        return 0;
    }

    private Size measure(int n, Path dir, MemoryProbe probe) throws IOException {
        GeneratorSpec shopSpec = Workload.spec(n, OutputFormat.PARQUET);
        GeneratedShop shop = new ShopGenerator(shopSpec).writeTo(dir.resolve("shop"), f -> { });
        try (DuckDbEngine engine = DuckDbEngine.open(EngineConfig.of(dir.resolve("data")).withClock(root.clock()))) {
            engine.createTenant("risk", Workload.ZONE, Currency.getInstance("CNY"));
            TenantStore store = engine.store("risk");
            store.importFiles(new ImportRequest(shop.eventFiles(), BuiltinMapping.of(BuiltinMapping.Layout.CANONICAL), false,
                    ImportRequest.DEFAULT_FUTURE_TOLERANCE), ImportListener.NONE);
            ModelInputs inputs = store.modelInputs();
            RiskDefinition def = RiskDefinition.of(RULE);
            AsOf d = AsOf.of(AS_OF);
            AsOf f = AsOf.of(AS_OF.minusDays(def.horizonDays()));
            List<Step> steps = new ArrayList<>();
            steps.add(median("baseline: summaries", probe, () -> inputs.summaries(CustomerSummaries.of(f, TimeUnit.WEEK))));
            steps.add(median("features", probe, () -> inputs.riskFeatures(new RiskFeatures(f, RULE))));
            steps.add(median("labels", probe, () -> inputs.lastActivity(RULE.activity(), d)));
            Timed<RiskTraining.Trained> trained = time(probe, () -> RiskTraining.run(inputs, def, d));
            steps.add(trained.step("train and report"));
            RiskModel model = trained.value.model();
            Timed<RiskModel.Scored> scored = time(probe, () -> model.score(inputs, d));
            steps.add(scored.step("scoring"));
            return new Size(n, shop.events(), trained.value.report().test().customers(), trained.value.report().model().auc(),
                    trained.value.report().recency().auc(), steps);
        }
    }

    private record Timed<T>(T value, double seconds, double cpu, long heap, long rss) {
        Step step(String name) {
            return new Step(name, seconds, cpu, heap, rss);
        }
    }

    private static <T> Timed<T> time(MemoryProbe probe, Supplier<T> step) {
        MemoryProbe.Phase phase = probe.start();
        long cpu = MemoryProbe.processCpuNanos();
        long started = System.nanoTime();
        T value = step.get();
        double seconds = (System.nanoTime() - started) / 1e9;
        long cpuAfter = MemoryProbe.processCpuNanos();
        MemoryProbe.Usage usage = phase.stop();
        return new Timed<>(value, seconds, cpu < 0 || cpuAfter < 0 ? -1 : (cpuAfter - cpu) / 1e9,
                usage.peakHeapUsed(), usage.peakRss());
    }

    /** Once untimed (warming DuckDB's caches and the JIT), then the median of 3. */
    private static Step median(String name, MemoryProbe probe, Supplier<?> step) {
        step.get();
        List<Timed<?>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(time(probe, step::get));
        }
        double[] seconds = runs.stream().mapToDouble(Timed::seconds).sorted().toArray();
        double[] cpu = runs.stream().mapToDouble(Timed::cpu).sorted().toArray();
        return new Step(name, seconds[1], cpu[1], runs.stream().mapToLong(Timed::heap).max().orElse(-1),
                runs.stream().mapToLong(Timed::rss).max().orElse(-1));
    }

    String table(List<Size> sizes, LoadAverage start, LoadAverage end, Texts t) {
        StringBuilder b = new StringBuilder();
        b.append(t.format("risk.title", Runtime.getRuntime().availableProcessors(), start.text(t.locale()),
                end.text(t.locale()))).append('\n');
        for (Size size : sizes) {
            b.append('\n').append(t.format("risk.size", t.count(size.customers()), t.count(size.events()), AS_OF,
                    t.count(size.population()), size.modelAuc(), size.recencyAuc())).append('\n');
            Table table = new Table("  ", false, true, true, true, true, true);
            table.row(t.get("models.step"), t.get("models.seconds"), t.get("models.cpu-seconds"), t.get("models.multiple"),
                    t.get("models.peak-heap"), t.get("models.peak-rss"));
            for (Step s : size.steps()) {
                table.row(s.name(), t.seconds(s.seconds()), s.cpuSeconds() < 0 ? "?" : t.seconds(s.cpuSeconds()),
                        t.ratio(s.seconds() / size.baseline().seconds()), t.bytes(s.peakHeap()),
                        s.peakRss() < 0 ? "?" : t.bytes(s.peakRss()));
            }
            b.append(table.render());
        }
        b.append('\n').append(t.get("risk.note")).append('\n');
        return b.toString();
    }

    static String json(List<Size> sizes, LoadAverage start, LoadAverage end) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode node = mapper.createObjectNode();
        node.put("benchmark", "risk");
        node.put("processors", Runtime.getRuntime().availableProcessors());
        node.put("as_of", AS_OF.toString());
        node.put("churn_days", RULE.churnDays());
        ArrayNode load = node.putArray("load_average_start");
        start.asList().forEach(load::add);
        ArrayNode loadEnd = node.putArray("load_average_end");
        end.asList().forEach(loadEnd::add);
        ArrayNode array = node.putArray("sizes");
        for (Size size : sizes) {
            ObjectNode o = array.addObject();
            o.put("customers", size.customers()).put("events", size.events()).put("test_population", size.population())
                    .put("model_auc", size.modelAuc()).put("recency_auc", size.recencyAuc());
            ArrayNode steps = o.putArray("steps");
            for (Step s : size.steps()) {
                steps.addObject().put("step", s.name()).put("seconds", s.seconds()).put("cpu_seconds", s.cpuSeconds())
                        .put("multiple_of_baseline", s.seconds() / size.baseline().seconds())
                        .put("peak_heap_bytes", s.peakHeap()).put("peak_rss_bytes", s.peakRss());
            }
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
