package dev.reservoir.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.cli.Language;
import dev.reservoir.cli.Table;
import dev.reservoir.model.BgNbd;
import dev.reservoir.model.Fit;
import dev.reservoir.model.FitOptions;
import dev.reservoir.model.GammaGamma;
import dev.reservoir.model.Models;
import dev.reservoir.model.ParetoNbd;
import dev.reservoir.model.Scores;
import dev.reservoir.model.Simulation;
import dev.reservoir.model.SpendRows;
import dev.reservoir.model.SummaryRows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * {@code bench models}: fits BG/NBD, Pareto/NBD and Gamma-Gamma on customer bases simulated from
 * known parameters (the CDNOW estimates; first purchases spread over 39 weeks, times on a day
 * grid as the engine computes them) and scores everyone. The baseline, measured in the same run
 * on the same data, is one evaluation of the model's log-likelihood over all customers (median
 * of 5); each fit is reported in seconds, evaluations, time per evaluation and as a multiple of
 * that baseline, with the peak heap and RSS of the step. The JIT is warmed on a small base first.
 */
@Command(name = "models", mixinStandardHelpOptions = true, sortOptions = false)
final class ModelsBenchmark implements Callable<Integer> {
    static final BgNbd BG = new BgNbd(0.243, 4.414, 0.793, 2.426);
    static final ParetoNbd PARETO = new ParetoNbd(0.553, 10.578, 0.606, 11.669);
    static final GammaGamma SPEND = new GammaGamma(6.25, 3.74, 15.44);
    /** Targets on 1,000,000 customers (issue 7), in seconds. */
    static final double TARGET_BG = 2;
    static final double TARGET_PARETO = 15;
    static final double TARGET_SPEND = 0.5;
    static final double TARGET_SCORING = 0.2;
    static final int TARGET_CUSTOMERS = 1_000_000;

    @ParentCommand
    private BenchmarkCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--customers", paramLabel = "N", split = ",", defaultValue = "100000,1000000",
            descriptionKey = "models-customers")
    private List<Integer> customers;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", descriptionKey = "models-seed")
    private long seed;

    @Option(names = "--format", paramLabel = "table|json", converter = Format.Converter.class, descriptionKey = "format")
    private Format format = Format.TABLE;

    private Language language;

    @Option(names = "--lang", paramLabel = "en|zh", converter = Language.Converter.class, descriptionKey = "lang")
    void language(Language value) {
        language = value;
        BenchmarkCommand.useLanguage(spec, value);
    }

    /** One measured step. {@code evaluations} is 0 for steps that are not fits. */
    record Step(String name, double seconds, double cpuSeconds, int evaluations, double baselineSeconds, long peakHeap, long peakRss,
                Double target, List<Double> truth, List<Double> fitted, List<Double> standardErrors) {
        double perEvaluation() {
            return evaluations == 0 ? Double.NaN : seconds / evaluations;
        }

        double multiple() {
            return seconds / baselineSeconds;
        }
    }

    record Size(int customers, int purchaseRows, int paretoRows, int spendRows, long repeatBuyers, List<Step> steps) {
    }

    @Override
    public Integer call() {
        Texts texts = Texts.of(language != null ? language : root.language());
        for (int n : customers) {
            if (n < 1000 || n > 20_000_000) {
                throw new ParameterException(spec.commandLine(), texts.format("usage.range", "--customers", "1,000",
                        "20,000,000", n));
            }
        }
        LoadAverage loadAtStart = LoadAverage.now();
        List<Size> sizes = new ArrayList<>();
        try (MemoryProbe probe = new MemoryProbe()) {
            // Warm the JIT on a small base so that the first size is not timed interpreted.
            measure(10_000, seed + 1000, probe);
            for (int n : customers) {
                sizes.add(measure(n, seed, probe));
            }
        }
        LoadAverage loadAtEnd = LoadAverage.now();
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == Format.JSON ? json(sizes, loadAtStart, loadAtEnd) : table(sizes, loadAtStart, loadAtEnd, texts));
        out.flush();
        return 0;
    }

    private Size measure(int n, long seed, MemoryProbe probe) {
        Simulation.Base bgBase = Simulation.onGrid(Simulation.bgNbd(BG, n, 0, 39, 0, seed), 1 / 7.0);
        Simulation.Base paretoBase = Simulation.onGrid(Simulation.paretoNbd(PARETO, n, 0, 39, 0, seed + 1), 1 / 7.0);
        double[] spendValues = Simulation.spend(SPEND, bgBase.x(), seed + 2);
        List<Step> steps = new ArrayList<>();

        Timed<SummaryRows> rows = time(probe, bgBase::rows);
        steps.add(new Step("compress", rows.seconds, rows.cpu, 0, rows.seconds, rows.heap, rows.rss, null, null, null, null));
        SummaryRows bgRows = rows.value;
        SummaryRows paretoRows = paretoBase.rows();
        SpendRows spendRows = SpendRows.of(bgBase.x(), spendValues, null);

        double bgBaseline = baseline(() -> Models.logLikelihood(BG, bgRows));
        Timed<Fit<BgNbd>> bg = time(probe, () -> Models.fitBgNbd(bgRows, FitOptions.DEFAULT));
        steps.add(fitStep("bg-nbd", bg, bgBaseline, target(n, TARGET_BG), BG.parameters()));

        double paretoBaseline = baseline(() -> Models.logLikelihood(PARETO, paretoRows));
        Timed<Fit<ParetoNbd>> pareto = time(probe, () -> Models.fitParetoNbd(paretoRows, FitOptions.DEFAULT));
        steps.add(fitStep("pareto-nbd", pareto, paretoBaseline, target(n, TARGET_PARETO), PARETO.parameters()));

        double spendBaseline = baseline(() -> Models.logLikelihood(SPEND, spendRows));
        Timed<Fit<GammaGamma>> spend = time(probe, () -> Models.fitGammaGamma(spendRows, FitOptions.DEFAULT));
        steps.add(fitStep("gamma-gamma", spend, spendBaseline, target(n, TARGET_SPEND), SPEND.parameters()));

        // Scoring: P(alive) and expected purchases in the next 39 weeks for every customer, with
        // the fitted BG/NBD; its baseline is the same likelihood evaluation as the fit's.
        Timed<Scores> scores = time(probe, () -> Scores.of(bg.value.model(), bgRows, 39));
        steps.add(new Step("scoring", scores.seconds, scores.cpu, 0, bgBaseline, scores.heap, scores.rss, target(n, TARGET_SCORING),
                null, null, null));
        return new Size(n, bgRows.rows(), paretoRows.rows(), spendRows.rows(), bgRows.repeatBuyers(), steps);
    }

    private static Double target(int n, double seconds) {
        return n == TARGET_CUSTOMERS ? seconds : null;
    }

    private static Step fitStep(String name, Timed<? extends Fit<?>> t, double baseline, Double target, List<Double> truth) {
        Fit<?> fit = t.value;
        return new Step(name, t.seconds, t.cpu, fit.evaluations(), baseline, t.heap, t.rss, target, truth, fit.parameters(),
                fit.standardErrors());
    }

    /** The median of 5 evaluations after one untimed. */
    private static double baseline(DoubleSupplier evaluation) {
        double sink = evaluation.getAsDouble();
        double[] seconds = new double[5];
        for (int i = 0; i < seconds.length; i++) {
            long started = System.nanoTime();
            sink += evaluation.getAsDouble();
            seconds[i] = (System.nanoTime() - started) / 1e9;
        }
        if (Double.isNaN(sink)) {
            throw new IllegalStateException("the log-likelihood is not a number");
        }
        Arrays.sort(seconds);
        return seconds[2];
    }

    /** {@code cpu}: CPU seconds of the whole process during the step, every thread; -1 if unknown. */
    private record Timed<T>(T value, double seconds, double cpu, long heap, long rss) {
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

    String table(List<Size> sizes, LoadAverage start, LoadAverage end, Texts t) {
        StringBuilder b = new StringBuilder();
        b.append(t.format("models.title", Runtime.getRuntime().availableProcessors(), start.text(t.locale()),
                end.text(t.locale()))).append('\n');
        for (Size size : sizes) {
            b.append('\n').append(t.format("models.size", t.count(size.customers()), t.count(size.repeatBuyers()),
                    t.count(size.purchaseRows()), t.count(size.paretoRows()), t.count(size.spendRows()))).append('\n');
            Table table = new Table("  ", false, true, true, true, true, true, true, true, true, false);
            table.row(t.get("models.step"), t.get("models.seconds"), t.get("models.cpu-seconds"), t.get("models.evaluations"),
                    t.get("models.per-evaluation"), t.get("models.baseline"), t.get("models.multiple"),
                    t.get("models.peak-heap"), t.get("models.peak-rss"), t.get("models.target"));
            for (Step s : size.steps()) {
                String target = s.target() == null ? "" : t.format(s.seconds() <= s.target() ? "models.met" : "models.missed",
                        t.seconds(s.target()));
                table.row(s.name(), t.seconds(s.seconds()), s.cpuSeconds() < 0 ? "?" : t.seconds(s.cpuSeconds()),
                        s.evaluations() == 0 ? "" : t.count(s.evaluations()),
                        s.evaluations() == 0 ? "" : String.format(t.locale(), "%.1f", s.perEvaluation() * 1000),
                        String.format(t.locale(), "%.1f", s.baselineSeconds() * 1000), t.ratio(s.multiple()),
                        t.bytes(s.peakHeap()), s.peakRss() < 0 ? "?" : t.bytes(s.peakRss()), target);
            }
            b.append(table.render());
            for (Step s : size.steps()) {
                if (s.fitted() != null) {
                    b.append(t.format("models.recovered", s.name(), numbers(s.truth()), numbers(s.fitted()),
                            numbers(s.standardErrors()))).append('\n');
                }
            }
        }
        b.append('\n').append(t.get("models.note")).append('\n');
        return b.toString();
    }

    private static String numbers(List<Double> values) {
        List<String> parts = new ArrayList<>();
        for (double v : values) {
            parts.add(String.format(java.util.Locale.ROOT, "%.4g", v));
        }
        return String.join(", ", parts);
    }

    static String json(List<Size> sizes, LoadAverage start, LoadAverage end) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode node = mapper.createObjectNode();
        node.put("benchmark", "models");
        node.put("processors", Runtime.getRuntime().availableProcessors());
        ArrayNode load = node.putArray("load_average_start");
        start.asList().forEach(load::add);
        ArrayNode loadEnd = node.putArray("load_average_end");
        end.asList().forEach(loadEnd::add);
        ArrayNode array = node.putArray("sizes");
        for (Size size : sizes) {
            ObjectNode o = array.addObject();
            o.put("customers", size.customers()).put("repeat_buyers", size.repeatBuyers())
                    .put("bg_nbd_rows", size.purchaseRows()).put("pareto_nbd_rows", size.paretoRows())
                    .put("gamma_gamma_rows", size.spendRows());
            ArrayNode steps = o.putArray("steps");
            for (Step s : size.steps()) {
                ObjectNode step = steps.addObject();
                step.put("step", s.name()).put("seconds", s.seconds()).put("cpu_seconds", s.cpuSeconds())
                        .put("evaluations", s.evaluations())
                        .put("baseline_seconds", s.baselineSeconds()).put("multiple_of_baseline", s.multiple())
                        .put("peak_heap_bytes", s.peakHeap()).put("peak_rss_bytes", s.peakRss());
                if (s.evaluations() > 0) {
                    step.put("seconds_per_evaluation", s.perEvaluation());
                }
                if (s.target() != null) {
                    step.put("target_seconds", s.target()).put("met", s.seconds() <= s.target());
                }
                if (s.fitted() != null) {
                    ArrayNode truth = step.putArray("true_parameters");
                    s.truth().forEach(truth::add);
                    ArrayNode fitted = step.putArray("fitted_parameters");
                    s.fitted().forEach(fitted::add);
                    ArrayNode errors = step.putArray("standard_errors");
                    s.standardErrors().forEach(errors::add);
                }
            }
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
