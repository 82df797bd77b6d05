package dev.reservoir.risk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The time-split report as JSON, the same in the model's sidecar and in {@code reservoir risk --format json}. */
public final class RiskJson {
    private RiskJson() {
    }

    public static ObjectNode report(ObjectMapper mapper, RiskReport r) {
        ObjectNode node = mapper.createObjectNode();
        node.put("as_of", r.asOf().date().toString());
        node.put("horizon_days", r.definition().horizonDays());
        node.put("top_share", r.definition().topShare());
        node.set("train", RiskModel.window(mapper, r.train()));
        node.set("test", RiskModel.window(mapper, r.test()));
        ArrayNode scorers = node.putArray("scorers");
        for (RiskReport.Scorer s : r.scorers()) {
            ObjectNode o = scorers.addObject();
            o.put("scorer", s.kind().wireName());
            evaluation(o, s.evaluation());
        }
        ArrayNode importances = node.putArray("importances");
        for (RiskReport.Importance i : r.importances()) {
            importances.addObject().put("feature", i.feature()).put("gain", i.gain()).put("share", i.share());
        }
        ArrayNode notes = node.putArray("notes");
        r.notes().forEach(notes::add);
        return node;
    }

    private static void evaluation(ObjectNode o, Evaluation e) {
        o.put("customers", e.customers());
        o.put("churned", e.churned());
        o.put("base_rate", e.base());
        number(o, "auc", e.auc());
        o.put("top", e.top());
        o.put("precision_at_top", e.precisionAtTop());
        number(o, "recall_at_top", e.recallAtTop());
        if (e.calibration() == null) {
            o.putNull("calibration");
        } else {
            ArrayNode c = o.putArray("calibration");
            for (Evaluation.CalibrationRow row : e.calibration()) {
                c.addObject().put("decile", row.decile()).put("customers", row.customers())
                        .put("predicted", row.predicted()).put("actual", row.actual());
            }
        }
    }

    /** NaN (undefined) as null: JSON has no NaN. */
    static void number(ObjectNode o, String name, double v) {
        if (Double.isNaN(v)) {
            o.putNull(name);
        } else {
            o.put(name, v);
        }
    }
}
