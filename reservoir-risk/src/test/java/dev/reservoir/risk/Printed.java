package dev.reservoir.risk;

import java.util.Locale;

/** The report as the tests print it, for docs/models.md. */
final class Printed {
    private Printed() {
    }

    static String report(String shop, RiskReport r) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "%s as of %s, h = %d: train %s (%d customers, %d churned), test %s -> %s (%d customers, %d churned)%n",
                shop, r.asOf().date(), r.definition().horizonDays(), r.train().featuresAt(), r.train().customers(),
                r.train().churned(), r.test().featuresAt(), r.test().labelsAt(), r.test().customers(), r.test().churned()));
        for (RiskReport.Scorer s : r.scorers()) {
            Evaluation e = s.evaluation();
            b.append(String.format(Locale.ROOT, "  %-8s AUC %.3f  precision@%d %.3f  recall@%d %.3f  (base %.3f)%n",
                    s.kind().wireName(), e.auc(), e.top(), e.precisionAtTop(), e.top(), e.recallAtTop(), e.base()));
        }
        r.importances().stream().limit(6).forEach(i ->
                b.append(String.format(Locale.ROOT, "    %-20s %.3f%n", i.feature(), i.share())));
        Evaluation m = r.model();
        for (Evaluation.CalibrationRow c : m.calibration()) {
            b.append(String.format(Locale.ROOT, "    decile %2d  predicted %.3f  actual %.3f%n", c.decile(), c.predicted(), c.actual()));
        }
        r.notes().forEach(n -> b.append("  note: ").append(n).append('\n'));
        return b.toString();
    }
}
