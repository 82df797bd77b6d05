package dev.reservoir.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.metric.CohortRetention;
import dev.reservoir.metric.CohortRetentionResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The retention heatmap: the cohort matrix of {@link CohortRetention#defaults} (monthly cohorts
 * by first purchase, orders returning, mode "on", 12 cohorts × offsets 0..12), each row with its
 * cohort size.
 */
final class RetentionSection implements Section {
    @Override
    public String id() {
        return "retention";
    }

    @Override
    public Optional<SectionResult> build(ReportContext context) {
        if (!context.hasOrders()) {
            return Optional.empty();
        }
        ReportTexts t = context.texts();
        CohortRetention definition = CohortRetention.defaults(context.asOf());
        CohortRetentionResult result = context.store().retention().cohorts(definition);
        ObjectNode data = context.object();
        ArrayNode cohorts = data.putArray("cohorts");
        List<String> rows = new ArrayList<>();
        List<double[]> cells = new ArrayList<>();
        double max = 0;
        for (int y = 0; y < result.cohorts().size(); y++) {
            CohortRetentionResult.Cohort cohort = result.cohorts().get(y);
            ObjectNode c = context.period(cohort.period()).put("size", cohort.size());
            ArrayNode cellNodes = c.putArray("cells");
            for (CohortRetentionResult.Cell cell : cohort.cells()) {
                cellNodes.add(context.period(cell.period()).put("offset", cell.offset())
                        .put("retained", cell.retained()).put("rate", cell.rate()));
                Double pct = Charts.percent(cell.rate());
                if (pct != null) {
                    cells.add(new double[] {cell.offset(), y, pct});
                    max = Math.max(max, pct);
                }
            }
            cohorts.add(c);
            rows.add(t.format("retention.row", context.axisLabel(cohort.period()), t.count(cohort.size())));
        }
        List<String> columns = new ArrayList<>();
        for (int k = 0; k <= definition.offsets(); k++) {
            columns.add(Integer.toString(k));
        }
        ObjectNode parameters = context.object().put("entry", definition.entry().wireName())
                .put("period", definition.unit().wireName()).put("mode", definition.mode().wireName())
                .put("offsets", definition.offsets()).put("cohorts", definition.cohorts());
        ArrayNode returning = parameters.putArray("returning");
        definition.returning().wireNames().forEach(returning::add);
        Figure figure = new Figure("cohort_retention", t.get("retention.title"),
                new Definition(t.get("retention.definition"), parameters, "report-retention"), data,
                Optional.of(Charts.heatmap(columns, rows, cells, max, t.get("retention.offset"), t.get("retention.cohort"))),
                Optional.empty());
        return Optional.of(new SectionResult(id(), t.get("section.retention"), List.of(figure)));
    }
}
