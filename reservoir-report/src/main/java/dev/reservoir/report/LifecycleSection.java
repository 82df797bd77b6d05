package dev.reservoir.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.metric.Rates;
import dev.reservoir.segment.Lifecycle;
import dev.reservoir.segment.LifecycleStage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lifecycle distribution: customers per {@link LifecycleStage} (thresholds from the report's
 * churn rule, as {@code reservoir lifecycle}) at the end of each compared week: as of D for this
 * week, the Sunday for last week and four weeks ago, as the weekly series of
 * {@code reservoir lifecycle} counts them. Each week costs one segment-facts query (the one as
 * of D is shared with the RFM section).
 */
final class LifecycleSection implements Section {
    @Override
    public String id() {
        return "lifecycle";
    }

    /** The stage counts at the end of one compared week. */
    record WeekStages(ReportContext.ComparedWeek week, Lifecycle.Counts counts) {
    }

    @Override
    public Optional<SectionResult> build(ReportContext context) {
        if (!context.hasOrders()) {
            return Optional.empty();
        }
        List<WeekStages> weeks = counts(context);
        if (weeks.get(0).counts().customers() == 0) {
            return Optional.empty();
        }
        ReportTexts t = context.texts();
        ObjectNode data = context.object();
        ArrayNode rows = data.putArray("weeks");
        for (WeekStages w : weeks) {
            ObjectNode o = context.period(w.week().period()).put("week", w.week().key())
                    .put("as_of", w.counts().asOf().toString()).put("customers", w.counts().customers());
            ObjectNode stages = o.putObject("stages");
            for (LifecycleStage s : LifecycleStage.values()) {
                stages.put(s.wireName(), w.counts().stage(s));
            }
            rows.add(o);
        }

        List<String> categories = new ArrayList<>();
        for (LifecycleStage s : LifecycleStage.values()) {
            categories.add(label(s, t));
        }
        List<Charts.Series> series = new ArrayList<>();
        for (WeekStages w : weeks) {
            List<Long> values = new ArrayList<>();
            for (LifecycleStage s : LifecycleStage.values()) {
                values.add(w.counts().stage(s));
            }
            series.add(new Charts.Series(context.weekName(w.week()) + " " + w.counts().asOf(), values));
        }

        Lifecycle.Counts now = weeks.get(0).counts();
        Lifecycle.Counts last = weeks.get(1).counts();
        Lifecycle.Counts four = weeks.get(2).counts();
        List<List<String>> table = new ArrayList<>();
        for (LifecycleStage s : LifecycleStage.values()) {
            table.add(List.of(label(s, t), t.count(now.stage(s)), t.percent(Rates.rate(now.stage(s), now.customers())),
                    t.count(last.stage(s)), t.change(now.stage(s), last.stage(s)), t.count(four.stage(s)),
                    t.change(now.stage(s), four.stage(s))));
        }
        table.add(List.of(t.get("lifecycle.all"), t.count(now.customers()), t.percent(Rates.rate(now.customers(),
                        now.customers())), t.count(last.customers()), t.change(now.customers(), last.customers()),
                t.count(four.customers()), t.change(now.customers(), four.customers())));
        TableView view = new TableView(List.of(t.get("lifecycle.stage"), context.weekName(weeks.get(0).week()),
                t.get("lifecycle.share"), context.weekName(weeks.get(1).week()), t.get("customers.change-last"),
                context.weekName(weeks.get(2).week()), t.get("customers.change-four")),
                List.of(false, true, true, true, true, true, true), table, "");

        ObjectNode parameters = context.churnParameters();
        parameters.put("week", "iso");
        int w = context.parameters().rule().warningDays();
        int n = context.parameters().rule().churnDays();
        Definition definition = new Definition(t.format("lifecycle.definition", w, n,
                context.parameters().rule().activity()), parameters, Definition.SEGMENTS, "report-lifecycle");
        ObjectNode chart = Charts.bars(categories, series);
        // Six stages: every name shown (ECharts would skip some), wrapped rather than overlapping.
        ((ObjectNode) chart.get("xAxis")).putObject("axisLabel").put("interval", 0).put("width", 88)
                .put("overflow", "break");
        Figure figure = new Figure("lifecycle_stages", t.format("lifecycle.title", now.asOf()), definition, data,
                Optional.of(chart), Optional.of(view));
        return Optional.of(new SectionResult(id(), t.get("section.lifecycle"), List.of(figure)));
    }

    static String label(LifecycleStage s, ReportTexts t) {
        return t.get("lifecycle." + s.wireName());
    }

    static List<WeekStages> counts(ReportContext context) {
        List<WeekStages> out = new ArrayList<>();
        for (ReportContext.ComparedWeek week : context.weeks()) {
            var at = week.asOf(context.asOf());
            Lifecycle lifecycle = new Lifecycle(at, context.parameters().rule());
            out.add(new WeekStages(week, lifecycle.count(context.segmentFacts(at.date()), week.period().complete())));
        }
        return out;
    }
}
