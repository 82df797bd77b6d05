package dev.reservoir.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.metric.RepurchaseGroup;
import dev.reservoir.metric.RepurchaseInPeriod;
import dev.reservoir.metric.RepurchaseInPeriodResult;
import dev.reservoir.time.PeriodUnit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The repurchase trend: repurchase (a) of the last 12 months, the share of a month's buyers with
 * two or more orders in it ({@link RepurchaseInPeriod}), with the buyers beside it.
 */
final class RepurchaseSection implements Section {
    static final int MONTHS = 12;

    @Override
    public String id() {
        return "repurchase";
    }

    @Override
    public Optional<SectionResult> build(ReportContext context) {
        if (!context.hasOrders()) {
            return Optional.empty();
        }
        ReportTexts t = context.texts();
        RepurchaseInPeriodResult result = context.store().repurchase().inPeriod(
                new RepurchaseInPeriod(PeriodUnit.MONTH, MONTHS, context.asOf(), Optional.empty()));
        ObjectNode data = context.object();
        ArrayNode rows = data.putArray("rows");
        List<String> labels = new ArrayList<>();
        List<Long> buyers = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        for (RepurchaseInPeriodResult.Row row : result.rows()) {
            if (!row.group().equals(RepurchaseGroup.ALL)) {
                continue; // no split in the report
            }
            rows.add(context.period(row.period()).put("buyers", row.buyers()).put("repeat_buyers", row.repeatBuyers())
                    .put("rate", row.rate()));
            labels.add(context.axisLabel(row.period()));
            buyers.add(row.buyers());
            rates.add(Charts.percent(row.rate()));
        }
        ObjectNode parameters = context.object().put("period", PeriodUnit.MONTH.wireName()).put("periods", MONTHS);
        Definition definition = new Definition(t.get("repurchase.definition"), parameters, "report-repurchase");
        Figure figure = new Figure("repurchase_monthly", t.get("repurchase.title"), definition, data,
                Optional.of(Charts.countsAndRate(labels, new Charts.Series(t.get("repurchase.buyers"), buyers),
                        new Charts.Series(t.get("repurchase.rate"), rates))), Optional.empty());
        return Optional.of(new SectionResult(id(), t.get("section.repurchase"), List.of(figure)));
    }
}
