package dev.reservoir.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.metric.ChurnRate;
import dev.reservoir.time.PeriodUnit;

import java.util.List;
import java.util.Optional;

/**
 * Churn rate and its trend: the {@link ChurnRate} of the last 12 ISO weeks and of the last 12
 * months (reached the churn standard during P ÷ the active base at the start of P).
 */
final class ChurnSection implements Section {
    static final int WEEKS = 12;
    static final int MONTHS = 12;

    @Override
    public String id() {
        return "churn";
    }

    @Override
    public Optional<SectionResult> build(ReportContext context) {
        if (!context.hasOrders()) {
            return Optional.empty();
        }
        ReportTexts t = context.texts();
        Figure weekly = figure(context, PeriodUnit.WEEK, WEEKS, "churn_rate_weekly", t.get("churn.weekly"));
        Figure monthly = figure(context, PeriodUnit.MONTH, MONTHS, "churn_rate_monthly", t.get("churn.monthly"));
        return Optional.of(new SectionResult(id(), t.get("section.churn"), List.of(weekly, monthly)));
    }

    private static Figure figure(ReportContext context, PeriodUnit unit, int periods, String id, String title) {
        ReportTexts t = context.texts();
        ChurnRate.Result result = context.store().churn().churnRate(
                new ChurnRate(context.parameters().rule(), unit, periods, context.asOf()));
        ObjectNode data = context.object();
        ArrayNode rows = data.putArray("rows");
        List<String> labels = new java.util.ArrayList<>();
        List<Double> rates = new java.util.ArrayList<>();
        for (ChurnRate.Row row : result.rows()) {
            rows.add(context.period(row.period()).put("base", row.base()).put("churned", row.churned())
                    .put("rate", row.rate()).put("joined_churned", row.joinedChurned()));
            labels.add(context.axisLabel(row.period()));
            rates.add(Charts.percent(row.rate()));
        }
        ObjectNode parameters = context.churnParameters().put("period", unit.wireName()).put("periods", periods);
        Definition definition = new Definition(t.format("churn.definition", context.parameters().rule().churnDays()),
                parameters, "report-churn-rate");
        ChurnRate.Row last = result.rows().get(result.rows().size() - 1);
        ChurnRate.Row before = result.rows().get(result.rows().size() - 2);
        TableView summary = new TableView(
                List.of(t.get("churn.period"), t.get("churn.base"), t.get("churn.churned"), t.get("churn.rate"),
                        t.get("churn.change")),
                List.of(false, true, true, true, true),
                List.of(List.of(context.axisLabel(before.period()), t.count(before.base()), t.count(before.churned()),
                                t.percent(before.rate()), ""),
                        List.of(context.axisLabel(last.period()), t.count(last.base()), t.count(last.churned()),
                                t.percent(last.rate()), t.points(last.rate(), before.rate()))), "");
        return new Figure(id, title, definition, data,
                Optional.of(Charts.rates(labels, List.of(new Charts.Series(t.get("churn.rate"), rates)))),
                Optional.of(summary));
    }
}
