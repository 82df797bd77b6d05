package dev.reservoir.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.Engine;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.model.CustomerSummaries;
import dev.reservoir.model.CustomerSummariesResult;
import dev.reservoir.model.Diagnostics;
import dev.reservoir.model.Fit;
import dev.reservoir.model.FitOptions;
import dev.reservoir.model.GammaGamma;
import dev.reservoir.model.Models;
import dev.reservoir.model.PurchaseModel;
import dev.reservoir.model.SpendRows;
import dev.reservoir.model.SummaryRows;
import dev.reservoir.model.TimeUnit;
import dev.reservoir.time.AsOf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code reservoir fit}: computes the customer summaries as of the calibration end, fits
 * BG/NBD or Pareto/NBD (or both, keeping the lower BIC) and Gamma-Gamma by maximum likelihood,
 * prints the estimates with standard errors, log-likelihood and BIC, and saves them with their
 * data window to {@code --out} for {@code predict} and {@code clv}. With {@code --holdout-end},
 * also the checks against the holdout period.
 */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false)
final class FitCommand implements Callable<Integer> {
    @Mixin
    private SharedOptions shared;

    @Option(names = {"--calibration-end", "--as-of"}, paramLabel = "DATE", converter = Converters.DateConverter.class,
            descriptionKey = "fit-calibration-end")
    private LocalDate calibrationEnd;

    @Option(names = "--known-at", paramLabel = "INSTANT", converter = Converters.InstantConverter.class,
            descriptionKey = "known-at")
    private Instant knownAt;

    @Option(names = "--unit", paramLabel = "day|week", defaultValue = "week", descriptionKey = "fit-unit")
    private String unit;

    @Option(names = "--model", paramLabel = "bg-nbd|pareto-nbd|best", defaultValue = "bg-nbd", descriptionKey = "fit-model")
    private String model;

    @Option(names = "--penalty", paramLabel = "L", defaultValue = "0", descriptionKey = "fit-penalty")
    private double penalty;

    @Option(names = "--holdout-end", paramLabel = "DATE", converter = Converters.DateConverter.class,
            descriptionKey = "fit-holdout-end")
    private LocalDate holdoutEnd;

    @Option(names = "--out", paramLabel = "FILE", descriptionKey = "fit-out")
    private Path out;

    @Option(names = "--save", descriptionKey = "fit-save")
    private boolean save;

    /** What the command computed, for the three formats. */
    record Outcome(String tenant, AsOf end, TimeUnit unit, CustomerSummariesResult summaries, SummaryRows rows,
                   List<Fit<? extends PurchaseModel>> candidates, List<ReservoirException> failures,
                   Fit<? extends PurchaseModel> chosen,
                   Fit<GammaGamma> spend, String spendError, Path file, ObjectNode saved) {
    }

    @Override
    public Integer call() {
        return shared.run(texts -> {
            TimeUnit u = TimeUnit.fromWireName(unit).orElseThrow(() -> new ReservoirException(
                    ErrorCode.INVALID_PARAMETER, "--unit", Localizable.of("day or week", "day 或 week"), unit));
            if (!List.of("bg-nbd", "pareto-nbd", "best").contains(model)) {
                throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "--model",
                        Localizable.of("bg-nbd, pareto-nbd or best", "bg-nbd、pareto-nbd 或 best"), model);
            }
            if (!(penalty >= 0) || Double.isInfinite(penalty)) {
                throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "--penalty",
                        Localizable.of("a number ≥ 0", "≥ 0 的数"), String.valueOf(penalty));
            }
            if (out == null && !save) {
                throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "--out",
                        Localizable.of("--out FILE, --save, or both", "--out 文件、--save 或两者"), "neither");
            }
            try (Engine engine = shared.openEngine()) {
                TenantStore store = engine.store(shared.tenant());
                AsOf end = AsOfOptions.of(store, calibrationEnd, knownAt, shared);
                if (holdoutEnd != null && !holdoutEnd.isAfter(end.date())) {
                    throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "--holdout-end",
                            Localizable.of("a date after the calibration end " + end.date(),
                                    "晚于校准截止日 " + end.date() + " 的日期"), holdoutEnd.toString());
                }
                CustomerSummaries def = new CustomerSummaries(end, u, Optional.ofNullable(holdoutEnd));
                CustomerSummariesResult summaries = store.modelInputs().summaries(def);
                SummaryRows rows = SummaryRows.of(summaries.customers());
                FitOptions options = FitOptions.DEFAULT.withPenalty(penalty);
                List<Fit<? extends PurchaseModel>> candidates = new ArrayList<>();
                List<ReservoirException> failures = new ArrayList<>();
                if (!model.equals("pareto-nbd")) {
                    fitOrKeep(() -> Models.fitBgNbd(rows, options), candidates, failures);
                }
                if (!model.equals("bg-nbd")) {
                    fitOrKeep(() -> Models.fitParetoNbd(rows, options), candidates, failures);
                }
                if (candidates.isEmpty()) {
                    throw failures.get(0);
                }
                Fit<? extends PurchaseModel> chosen = candidates.get(0);
                for (Fit<? extends PurchaseModel> f : candidates) {
                    chosen = f.bic() < chosen.bic() ? f : chosen;
                }
                Fit<GammaGamma> spend = null;
                String spendError = null;
                try {
                    spend = Models.fitGammaGamma(SpendRows.of(summaries.customers()), options);
                } catch (ReservoirException e) {
                    // Purchase predictions stand without a spend model; clv says why it cannot run.
                    spendError = e.getMessage();
                }
                ObjectNode saved = ModelFile.json(store.tenant().id(), shared.clock().instant(), end, u,
                        rows.customers(), rows.repeatBuyers(), chosen, spend, spendError);
                if (out != null) {
                    ModelFile.write(out, saved);
                }
                if (save) {
                    ModelFile.write(SavedModels.purchase(shared), saved);
                }
                Outcome o = new Outcome(store.tenant().id(), end, u, summaries, rows, candidates, failures, chosen,
                        spend, spendError, out != null ? out : SavedModels.purchase(shared), saved);
                shared.print(() -> table(o, texts), () -> json(o), () -> csv(o));
            }
            return 0;
        });
    }

    /**
     * With {@code --model best} a model that cannot be fitted is reported beside the other
     * instead of failing the command; alone, its error is the command's.
     */
    private void fitOrKeep(java.util.function.Supplier<Fit<? extends PurchaseModel>> fit,
                           List<Fit<? extends PurchaseModel>> candidates, List<ReservoirException> failures) {
        try {
            candidates.add(fit.get());
        } catch (ReservoirException e) {
            if (!model.equals("best")) {
                throw e;
            }
            failures.add(e);
        }
    }

    static String table(Outcome o, Texts texts) {
        StringBuilder b = new StringBuilder();
        b.append(texts.format("models.fit-title", o.tenant(), o.end().date(), o.unit().label(texts.locale()),
                o.end().knownAt().map(Instant::toString).orElse(texts.get("models.everything-stored")))).append('\n');
        b.append(texts.format("models.data-line", texts.count(o.rows().customers()), texts.count(o.rows().repeatBuyers()),
                texts.count(o.rows().rows()))).append('\n');
        if (o.candidates().size() > 1) {
            for (Fit<? extends PurchaseModel> f : o.candidates()) {
                b.append(texts.format("models.compare-line", f.kind().displayName(), f.logLikelihood(), f.bic())).append('\n');
            }
            b.append(texts.format("models.kept", o.chosen().kind().displayName())).append('\n');
        }
        for (ReservoirException e : o.failures()) {
            b.append(texts.format("models.not-fitted", e.message(texts.locale()))).append('\n');
        }
        b.append('\n');
        appendFit(b, o.chosen(), texts);
        if (o.spend() != null) {
            b.append('\n');
            appendFit(b, o.spend(), texts);
        } else {
            b.append('\n').append(texts.format("models.no-spend", o.spendError())).append('\n');
        }
        if (o.summaries().definition().holdoutEnd().isPresent()) {
            PurchaseModel m = o.chosen().model();
            b.append('\n').append(texts.format("models.holdout-title", o.end().date(),
                    o.summaries().definition().holdoutEnd().get())).append('\n');
            Table t = Table.numeric("  ", 4);
            t.row(texts.get("models.bucket"), texts.get("models.customers"), texts.get("models.actual-mean"),
                    texts.get("models.expected-mean"));
            for (Diagnostics.FrequencyBucket bucket : Diagnostics.byFrequency(m, o.summaries(), 7)) {
                t.row(bucket.label(), texts.count(bucket.customers()), fixed(bucket.actualMean(), 3, texts),
                        fixed(bucket.expectedMean(), 3, texts));
            }
            b.append(t.render());
            b.append('\n').append(texts.get("models.tracking-title")).append('\n');
            Table w = new Table("  ", true, false, true, true, false);
            w.row(texts.get("models.week"), texts.get("models.week-end"), texts.get("models.actual-cumulative"),
                    texts.get("models.expected-cumulative"), "");
            for (Diagnostics.TrackingWeek week : Diagnostics.tracking(m, o.summaries())) {
                w.row(Integer.toString(week.week()), week.end().toString(), texts.count(week.actualCumulative()),
                        fixed(week.expectedCumulative(), 1, texts), week.holdout() ? texts.get("models.holdout") : "");
            }
            b.append(w.render());
        }
        b.append('\n').append(texts.format("models.saved", o.file())).append('\n');
        b.append(texts.get("models.definition")).append('\n');
        return b.toString();
    }

    private static void appendFit(StringBuilder b, Fit<?> fit, Texts texts) {
        b.append(texts.format("models.fit-line", fit.kind().displayName(), texts.count(fit.customers()),
                texts.count(fit.rows()))).append('\n');
        Table t = Table.numeric("  ", 3);
        t.row(texts.get("models.parameter"), texts.get("models.estimate"), texts.get("models.standard-error"));
        for (int i = 0; i < fit.parameters().size(); i++) {
            t.row(fit.kind().parameterNames().get(i), significant(fit.parameters().get(i)),
                    significant(fit.standardErrors().get(i)));
        }
        b.append(t.render());
        b.append(texts.format("models.statistics", fit.logLikelihood(), fit.bic(), fit.aic(), fit.evaluations(),
                fit.penalty())).append('\n');
    }

    static String significant(double v) {
        return String.format(Locale.ROOT, "%.5g", v);
    }

    static String fixed(double v, int digits, Texts texts) {
        return String.format(texts.locale(), "%,." + digits + "f", v);
    }

    static ObjectNode json(Outcome o) {
        ObjectNode node = Json.object();
        node.put("command", "fit");
        ObjectNode d = node.putObject("definition");
        d.put("tenant", o.tenant());
        d.put("calibration_end", o.end().date().toString());
        d.put("known_at", o.end().knownAt().map(Instant::toString).orElse(null));
        d.put("unit", o.unit().wireName());
        d.put("holdout_end", o.summaries().definition().holdoutEnd().map(LocalDate::toString).orElse(null));
        d.put("summaries", "x = repeat purchase days after the first purchase day up to the calibration end;"
                + " t_x = last purchase day - first; T = calibration end - first; value = mean amount of a repeat day");
        node.put("file", o.file().toString());
        ArrayNode candidates = node.putArray("candidates");
        o.candidates().forEach(f -> candidates.add(ModelFile.fitJson(f)));
        ArrayNode failed = node.putArray("not_fitted");
        o.failures().forEach(e -> failed.addObject().put("code", e.code().name()).put("message", e.getMessage()));
        node.set("saved", o.saved());
        if (o.summaries().definition().holdoutEnd().isPresent()) {
            PurchaseModel m = o.chosen().model();
            ArrayNode buckets = node.putArray("holdout_by_frequency");
            for (Diagnostics.FrequencyBucket bucket : Diagnostics.byFrequency(m, o.summaries(), 7)) {
                buckets.addObject().put("frequency", bucket.label()).put("customers", bucket.customers())
                        .put("actual_mean", bucket.actualMean()).put("expected_mean", bucket.expectedMean());
            }
            ArrayNode weeks = node.putArray("tracking");
            for (Diagnostics.TrackingWeek week : Diagnostics.tracking(m, o.summaries())) {
                weeks.addObject().put("week", week.week()).put("end", week.end().toString())
                        .put("actual_cumulative", week.actualCumulative())
                        .put("expected_cumulative", week.expectedCumulative()).put("holdout", week.holdout());
            }
        }
        return node;
    }

    static List<List<String>> csv(Outcome o) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("model", "parameter", "estimate", "standard_error", "log_likelihood", "bic", "customers", "rows"));
        List<Fit<?>> fits = new ArrayList<>(o.candidates());
        if (o.spend() != null) {
            fits.add(o.spend());
        }
        for (Fit<?> f : fits) {
            for (int i = 0; i < f.parameters().size(); i++) {
                rows.add(List.of(f.kind().wireName(), f.kind().parameterNames().get(i), Double.toString(f.parameters().get(i)),
                        Double.toString(f.standardErrors().get(i)), Double.toString(f.logLikelihood()),
                        Double.toString(f.bic()), Long.toString(f.customers()), Integer.toString(f.rows())));
            }
        }
        return rows;
    }
}
