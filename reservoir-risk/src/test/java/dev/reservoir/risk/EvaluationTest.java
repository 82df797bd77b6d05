package dev.reservoir.risk;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The evaluation figures on small cases worked by hand. */
class EvaluationTest {
    private static final List<String> IDS = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");

    @Test
    void aucCountsPairsWithTiesAsHalf() {
        // Scores 0.9 (churned), 0.8 (no), 0.7 (churned), 0.7 (no), 0.1 (no).
        // Pairs churned x retained = 2 x 3 = 6: 0.9 beats all 3; 0.7 beats 0.1, ties 0.7 (1/2),
        // loses to 0.8 -> 1.5. AUC = 4.5 / 6 = 0.75.
        double[] s = {0.9, 0.8, 0.7, 0.7, 0.1};
        boolean[] y = {true, false, true, false, false};
        Evaluation e = Evaluation.of(s, y, IDS.subList(0, 5), 0.4, false);
        assertEquals(0.75, e.auc(), 1e-12);
        // Top 40% of 5 = 2 customers: a (churned), b (no) -> precision 1/2, recall 1/2.
        assertEquals(2, e.top());
        assertEquals(0.5, e.precisionAtTop(), 1e-12);
        assertEquals(0.5, e.recallAtTop(), 1e-12);
        assertEquals(0.4, e.base(), 1e-12);
        assertNull(e.calibration());
    }

    @Test
    void topCutBreaksTiesByCustomerId() {
        // All scores equal: AUC = 1/2; the top 1 is "a" by id, who did not churn.
        double[] s = {0.5, 0.5, 0.5};
        boolean[] y = {false, true, true};
        Evaluation e = Evaluation.of(s, y, IDS.subList(0, 3), 0.1, false);
        assertEquals(0.5, e.auc(), 1e-12);
        assertEquals(1, e.top(), "ceil(0.1 x 3) = 1");
        assertEquals(0.0, e.precisionAtTop());
    }

    @Test
    void calibrationGroupsDecilesByScore() {
        // Ten customers, scores 0.05 .. 0.95: one per decile; actual = the label.
        double[] s = new double[10];
        boolean[] y = new boolean[10];
        for (int i = 0; i < 10; i++) {
            s[i] = 0.05 + 0.1 * i;
            y[i] = i >= 7;
        }
        Evaluation e = Evaluation.of(s, y, IDS, 0.1, true);
        assertEquals(10, e.calibration().size());
        assertEquals(0.05, e.calibration().get(0).predicted(), 1e-12);
        assertEquals(0.0, e.calibration().get(0).actual());
        assertEquals(0.95, e.calibration().get(9).predicted(), 1e-12);
        assertEquals(1.0, e.calibration().get(9).actual());
        assertEquals(1.0, e.auc(), 1e-12, "every churned customer scores above every retained one");
        assertEquals(1.0 / 3, e.recallAtTop(), 1e-12, "top 1 of 3 churned");
    }
}
