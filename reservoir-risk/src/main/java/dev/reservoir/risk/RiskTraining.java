package dev.reservoir.risk;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.model.ModelInputs;
import dev.reservoir.model.RiskFeature;
import dev.reservoir.time.AsOf;
import ml.dmlc.xgboost4j.java.Booster;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Trains the learned churn risk as of D and reports it on a time split ({@link RiskReport}):
 * a model trained on (features D − 2h, labels D − h) is judged on (features D − h, labels D)
 * beside the recency and 1 − P(alive) baselines. The model that is saved for scoring is then
 * trained again, with the same parameters, on the latest labelled window (features D − h,
 * labels D): the evaluated model shows what the method achieves one horizon ahead, the saved
 * one uses the freshest behaviour to score customers as of D.
 */
public final class RiskTraining {
    /** Fewer customers, or fewer of either label, in a window cannot train or judge a model. */
    static final int MIN_CUSTOMERS = 50;
    static final int MIN_PER_LABEL = 10;

    private RiskTraining() {
    }

    /** The report and the model to save. */
    public record Trained(RiskReport report, RiskModel model) {
    }

    public static Trained run(ModelInputs inputs, RiskDefinition def, AsOf asOf) {
        int h = def.horizonDays();
        LocalDate d = asOf.date();
        AsOf trainAt = new AsOf(d.minusDays(2L * h), asOf.knownAt());
        AsOf testAt = new AsOf(d.minusDays(h), asOf.knownAt());
        List<String> notes = new ArrayList<>();

        FeatureTable train = Features.build(inputs, def.rule(), trainAt, h);
        boolean[] trainLabels = Labels.of(inputs, def.rule(), train, testAt);
        check(train, trainLabels, "training", "训练");
        FeatureTable test = Features.build(inputs, def.rule(), testAt, h);
        boolean[] testLabels = Labels.of(inputs, def.rule(), test, asOf);
        check(test, testLabels, "test", "测试");

        Booster evaluated = GradientBoosting.train(train, trainLabels);
        double[] p = GradientBoosting.predict(evaluated, test);
        List<RiskReport.Scorer> scorers = new ArrayList<>();
        scorers.add(new RiskReport.Scorer(ScorerKind.MODEL, Evaluation.of(p, testLabels, test.customers(), def.topShare(), true)));
        scorers.add(new RiskReport.Scorer(ScorerKind.RECENCY, Evaluation.of(test.values(RiskFeature.RECENCY_DAYS.wireName()),
                testLabels, test.customers(), def.topShare(), false)));
        if (train.bgNbdNote() != null) {
            notes.add("BG/NBD as of " + trainAt.date() + ": " + train.bgNbdNote());
        }
        if (test.bgNbdNote() != null) {
            notes.add("BG/NBD as of " + testAt.date() + ": " + test.bgNbdNote());
        }
        if (test.bgNbd().isPresent()) {
            double[] alive = test.values(Features.P_ALIVE);
            int missing = fillMissing(alive);
            if (missing > 0) {
                notes.add(missing + " customers without a purchase have no P(alive); the baseline gives them the mean");
            }
            double[] risk = new double[alive.length];
            for (int i = 0; i < alive.length; i++) {
                risk[i] = 1 - alive[i];
            }
            scorers.add(new RiskReport.Scorer(ScorerKind.BG_NBD, Evaluation.of(risk, testLabels, test.customers(),
                    def.topShare(), true)));
        }
        RiskReport report = new RiskReport(def, asOf,
                new RiskReport.Window(trainAt.date(), testAt.date(), train.size(), count(trainLabels)),
                new RiskReport.Window(testAt.date(), d, test.size(), count(testLabels)),
                scorers, importances(GradientBoosting.importances(evaluated, train)), notes);
        evaluated.dispose();

        Booster latest = GradientBoosting.train(test, testLabels);
        RiskModel model = new RiskModel(latest, test.names(), def, report.test(), asOf, report);
        return new Trained(report, model);
    }

    private static List<RiskReport.Importance> importances(Map<String, Double> gains) {
        double total = gains.values().stream().mapToDouble(Double::doubleValue).sum();
        List<RiskReport.Importance> out = new ArrayList<>();
        gains.forEach((name, gain) -> out.add(new RiskReport.Importance(name, gain, total > 0 ? gain / total : 0)));
        out.sort(Comparator.comparingDouble(RiskReport.Importance::gain).reversed()
                .thenComparing(RiskReport.Importance::feature));
        return out;
    }

    /** NaN values replaced by the mean of the others; returns how many there were. */
    private static int fillMissing(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        double mean = n == 0 ? 0.5 : sum / n;
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                values[i] = mean;
            }
        }
        return values.length - n;
    }

    static int count(boolean[] labels) {
        int n = 0;
        for (boolean b : labels) {
            n += b ? 1 : 0;
        }
        return n;
    }

    private static void check(FeatureTable t, boolean[] labels, String english, String chinese) {
        int churned = count(labels);
        if (t.size() < MIN_CUSTOMERS || churned < MIN_PER_LABEL || t.size() - churned < MIN_PER_LABEL) {
            throw new ReservoirException(ErrorCode.MODEL_UNSUPPORTED_DATA, "churn risk", Localizable.of(
                    "the " + english + " window (features as of " + t.at().date() + ") has " + t.size()
                            + " active customers of whom " + churned + " churned; at least " + MIN_CUSTOMERS
                            + " customers and " + MIN_PER_LABEL + " of each outcome are needed"
                            + " (choose a later --as-of, a shorter --horizon or a longer history)",
                    chinese + "窗口（特征截至 " + t.at().date() + "）有 " + t.size() + " 位活跃客户，其中 " + churned
                            + " 位流失；至少需要 " + MIN_CUSTOMERS + " 位客户且流失与留存各至少 " + MIN_PER_LABEL
                            + " 位（请选更晚的 --as-of、更短的 --horizon 或更长的历史）"));
        }
    }
}
