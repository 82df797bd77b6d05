package dev.reservoir.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.segment.Rfm;
import dev.reservoir.segment.RfmClass;
import dev.reservoir.segment.RfmScoring;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * The RFM distribution as of D: the eight classes' size, share of the scored customers, money
 * and money share, scored as {@code reservoir rfm} does by default: look-back
 * {@link ReportContext#SEGMENT_LOOK_BACK_DAYS} days, median split (high only when strictly better
 * than the median). Absent when nobody has an order in the look-back window.
 */
final class RfmSection implements Section {
    /** The scoring of {@code reservoir rfm}'s default ({@code --scoring median}). */
    static final RfmScoring SCORING = new RfmScoring.Split(RfmScoring.Split.Center.MEDIAN);

    @Override
    public String id() {
        return "rfm";
    }

    static Rfm.Result score(ReportContext context) {
        return new Rfm(context.asOf(), ReportContext.SEGMENT_LOOK_BACK_DAYS, SCORING)
                .score(context.segmentFacts(context.date()));
    }

    @Override
    public Optional<SectionResult> build(ReportContext context) {
        if (!context.hasOrders()) {
            return Optional.empty();
        }
        Rfm.Result result = score(context);
        if (result.customers().isEmpty()) {
            return Optional.empty();
        }
        ReportTexts t = context.texts();
        Currency currency = context.store().tenant().currency();
        Rfm d = result.definition();

        ObjectNode data = context.object();
        data.put("scored_customers", result.customers().size());
        data.put("refund_only", result.refundOnly());
        data.put("money_total", result.totalMoney());
        data.put("currency", currency.getCurrencyCode());
        data.putObject("thresholds").put("recency_days", result.recency().value())
                .put("frequency", result.frequency().value()).put("money", result.money().value());
        ArrayNode classes = data.putArray("classes");
        List<String> categories = new ArrayList<>();
        List<Double> customerShares = new ArrayList<>();
        List<Double> moneyShares = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (Rfm.ClassSummary s : result.classes()) {
            RfmClass c = s.rfmClass();
            classes.addObject().put("class", c.wireName()).put("name", name(c, t)).put("rfm", c.arrows())
                    .put("customers", s.customers()).put("customer_share", s.customerShare())
                    .put("money", s.money()).put("money_share", s.moneyShare());
            categories.add(name(c, t));
            customerShares.add(Charts.percent(s.customerShare()));
            moneyShares.add(Charts.percent(s.moneyShare()));
            rows.add(List.of(name(c, t), c.arrows(), t.count(s.customers()), t.percent(s.customerShare()),
                    t.money(s.money(), currency), t.percent(s.moneyShare())));
        }
        TableView view = new TableView(List.of(t.get("rfm.class"), "R F M", t.get("rfm.customers"),
                t.get("rfm.customer-share"), t.get("rfm.money"), t.get("rfm.money-share")),
                List.of(false, false, true, true, true, true), rows, "");
        ObjectNode chart = Charts.shares(categories, List.of(new Charts.Series(t.get("rfm.customer-share"), customerShares),
                new Charts.Series(t.get("rfm.money-share"), moneyShares)));

        ObjectNode parameters = context.object();
        parameters.put("look_back_days", d.lookBackDays());
        parameters.put("window_start", d.windowStart().toString());
        parameters.put("window_end", d.asOf().date().toString());
        parameters.put("scoring", SCORING.wireName());
        Definition definition = new Definition(t.format("rfm.definition", d.lookBackDays(),
                result.recency().value().toPlainString(), result.frequency().value().toPlainString(),
                t.money(result.money().value(), currency)), parameters, Definition.SEGMENTS, "report-rfm");
        Figure figure = new Figure("rfm_classes", t.format("rfm.title", d.asOf().date(),
                t.count(result.customers().size()), d.windowStart(), d.asOf().date()), definition, data,
                Optional.of(chart), Optional.of(view));
        return Optional.of(new SectionResult(id(), t.get("section.rfm"), List.of(figure)));
    }

    /** 重要价值 in Chinese, important-value in English. */
    static String name(RfmClass c, ReportTexts t) {
        return c.label(t.locale());
    }
}
