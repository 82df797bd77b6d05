package dev.reservoir.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.event.EventType;
import dev.reservoir.metric.Rates;
import dev.reservoir.metric.StatedReason;
import dev.reservoir.segment.SegmentFacts;
import dev.reservoir.time.PeriodUnit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Top churn reasons, from surveys and complaints (SPEC "Seeing"; docs/metrics.md "Churn reasons").
 *
 * <p><b>Churned customers</b>: the customers who reached the churn standard of the report's rule
 * in the window of the weekly churn rate — the {@value #WEEKS} ISO weeks ending with D's week,
 * from their first Monday S to D — and have not come back by D: last activity day L (the rule's
 * activity, as of D) with L + N in [S, D]. <b>Their reasons</b>: the distinct
 * {@code properties.reason} values of their complaint and survey events dated in
 * [L − {@value #LOOK_BACK_DAYS} days, D]: complaints made while they were still customers and
 * exit surveys answered after they left. A customer counts once per reason, so the shares (of the
 * churned customers who gave any reason) may add up to more than 100% when one gave several.
 *
 * <p><b>Complaints overall</b>, for context: every complaint event of a customer dated in [S, D]
 * by reason (none stated: "no reason given"), whether or not the customer churned.
 *
 * <p>Left out when the window holds no complaint or survey event (nothing to report, never a
 * placeholder); each figure is left out when it would be empty.
 */
final class ChurnReasonsSection implements Section {
    static final int WEEKS = ChurnSection.WEEKS;
    static final int LOOK_BACK_DAYS = 90;
    /** The key of complaints without a reason. */
    static final String NONE = "";

    @Override
    public String id() {
        return "churn_reasons";
    }

    /** One reason's count among the churned customers. */
    record Reason(String code, long customers, long fromComplaints, long fromSurveys) {
    }

    /** One reason's count among all complaints of the window. */
    record Complaints(String code, long events, long customers) {
    }

    @Override
    public Optional<SectionResult> build(ReportContext context) {
        LocalDate d = context.date();
        LocalDate start = start(d);
        int n = context.parameters().rule().churnDays();
        // the earliest last activity of a customer churned in the window is S − N
        List<StatedReason> stated = context.store().statedReasons(context.asOf(), start.minusDays(n + (long) LOOK_BACK_DAYS));
        if (stated.stream().noneMatch(s -> !s.date().isBefore(start))) {
            return Optional.empty();
        }
        Map<String, LocalDate> churned = churned(context.segmentFacts(d), start, d, n);
        List<Figure> figures = new ArrayList<>();
        reasonsFigure(context, start, churned, stated).ifPresent(figures::add);
        complaintsFigure(context, start, stated).ifPresent(figures::add);
        if (figures.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SectionResult(id(), context.texts().get("section.churn_reasons"), figures));
    }

    /** S: the Monday of the oldest of the {@value #WEEKS} weeks of the weekly churn rate. */
    static LocalDate start(LocalDate d) {
        return PeriodUnit.WEEK.periodOf(d.minusWeeks(WEEKS - 1L), d).start();
    }

    /** Customers churned as of D whose churn day L + N falls in [S, D], with their L, by id. */
    static Map<String, LocalDate> churned(List<SegmentFacts> facts, LocalDate start, LocalDate d, int n) {
        Map<String, LocalDate> out = new TreeMap<>();
        for (SegmentFacts f : facts) {
            LocalDate last = f.lastActivity();
            if (last != null) {
                LocalDate reached = last.plusDays(n);
                if (!reached.isBefore(start) && !reached.isAfter(d)) {
                    out.put(f.customerId(), last);
                }
            }
        }
        return out;
    }

    /** The reasons of the churned customers, most customers first, then by code. */
    static List<Reason> reasons(Map<String, LocalDate> churned, List<StatedReason> stated, Map<String, Set<String>> byCustomer) {
        Map<String, Set<String>> customers = new HashMap<>();
        Map<String, Set<String>> complained = new HashMap<>();
        Map<String, Set<String>> surveyed = new HashMap<>();
        for (StatedReason s : stated) {
            LocalDate last = churned.get(s.customerId());
            if (s.reason() == null || last == null || s.date().isBefore(last.minusDays(LOOK_BACK_DAYS))) {
                continue;
            }
            customers.computeIfAbsent(s.reason(), k -> new TreeSet<>()).add(s.customerId());
            (s.type() == EventType.COMPLAINT ? complained : surveyed).computeIfAbsent(s.reason(), k -> new TreeSet<>())
                    .add(s.customerId());
            byCustomer.computeIfAbsent(s.customerId(), k -> new TreeSet<>()).add(s.reason());
        }
        List<Reason> out = new ArrayList<>();
        customers.forEach((code, who) -> out.add(new Reason(code, who.size(),
                complained.getOrDefault(code, Set.of()).size(), surveyed.getOrDefault(code, Set.of()).size())));
        out.sort(Comparator.comparingLong(Reason::customers).reversed().thenComparing(Reason::code));
        return out;
    }

    /** Complaint events dated in [S, D] by reason ({@link #NONE} when none), most events first, then by code, none last. */
    static List<Complaints> complaints(LocalDate start, List<StatedReason> stated) {
        Map<String, Long> events = new HashMap<>();
        Map<String, Set<String>> customers = new HashMap<>();
        for (StatedReason s : stated) {
            if (s.type() == EventType.COMPLAINT && !s.date().isBefore(start)) {
                String code = s.reason() == null ? NONE : s.reason();
                events.merge(code, 1L, Long::sum);
                customers.computeIfAbsent(code, k -> new TreeSet<>()).add(s.customerId());
            }
        }
        List<Complaints> out = new ArrayList<>();
        events.forEach((code, count) -> out.add(new Complaints(code, count, customers.get(code).size())));
        // "no reason given" after the reasons with as many complaints
        out.sort(Comparator.comparingLong(Complaints::events).reversed()
                .thenComparing(c -> c.code().equals(NONE)).thenComparing(Complaints::code));
        return out;
    }

    private static Optional<Figure> reasonsFigure(ReportContext context, LocalDate start, Map<String, LocalDate> churned,
                                                  List<StatedReason> stated) {
        Map<String, Set<String>> byCustomer = new HashMap<>();
        List<Reason> reasons = reasons(churned, stated, byCustomer);
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        ReportTexts t = context.texts();
        long gave = byCustomer.size();
        ObjectNode data = context.object();
        data.set("window", context.object().put("start", start.toString()).put("end", context.date().toString()));
        data.put("churned_customers", churned.size());
        data.put("customers_with_reason", gave);
        data.put("reason_rate", Rates.rate(gave, churned.size()));
        ArrayNode rows = data.putArray("reasons");
        List<String> labels = new ArrayList<>();
        List<Double> shares = new ArrayList<>();
        List<List<String>> table = new ArrayList<>();
        for (Reason r : reasons) {
            Double share = Rates.rate(r.customers(), gave);
            rows.addObject().put("reason", r.code()).put("label", label(r.code(), t)).put("customers", r.customers())
                    .put("share", share).put("from_complaints", r.fromComplaints()).put("from_surveys", r.fromSurveys());
            labels.add(label(r.code(), t));
            shares.add(Charts.percent(share));
            table.add(List.of(label(r.code(), t), t.count(r.customers()), t.percent(share), t.count(r.fromComplaints()),
                    t.count(r.fromSurveys())));
        }
        TableView view = new TableView(List.of(t.get("reasons.reason"), t.get("reasons.customers"), t.get("reasons.share"),
                t.get("reasons.complaints"), t.get("reasons.surveys")), List.of(false, true, true, true, true), table, "");
        ObjectNode parameters = context.churnParameters().put("weeks", WEEKS).put("window_start", start.toString())
                .put("window_end", context.date().toString()).put("reason_look_back_days", LOOK_BACK_DAYS);
        Definition definition = new Definition(t.format("reasons.definition", context.parameters().rule().churnDays(),
                start, context.date(), LOOK_BACK_DAYS), parameters, "report-churn-reasons");
        return Optional.of(new Figure("churn_reasons", t.format("reasons.title", t.count(gave), t.count(churned.size()),
                t.percent(Rates.rate(gave, churned.size()))), definition, data,
                Optional.of(Charts.shares(labels, List.of(new Charts.Series(t.get("reasons.share"), shares)))),
                Optional.of(view)));
    }

    private static Optional<Figure> complaintsFigure(ReportContext context, LocalDate start, List<StatedReason> stated) {
        List<Complaints> complaints = complaints(start, stated);
        if (complaints.isEmpty()) {
            return Optional.empty();
        }
        ReportTexts t = context.texts();
        long events = complaints.stream().mapToLong(Complaints::events).sum();
        long customers = stated.stream().filter(s -> s.type() == EventType.COMPLAINT && !s.date().isBefore(start))
                .map(StatedReason::customerId).distinct().count();
        ObjectNode data = context.object();
        data.set("window", context.object().put("start", start.toString()).put("end", context.date().toString()));
        data.put("complaints", events);
        data.put("customers", customers);
        ArrayNode rows = data.putArray("reasons");
        Map<String, Long> bars = new LinkedHashMap<>();
        List<List<String>> table = new ArrayList<>();
        for (Complaints c : complaints) {
            Double share = Rates.rate(c.events(), events);
            ObjectNode row = rows.addObject();
            if (c.code().equals(NONE)) {
                row.putNull("reason");
            } else {
                row.put("reason", c.code());
            }
            row.put("label", label(c.code(), t)).put("complaints", c.events()).put("customers", c.customers())
                    .put("share", share);
            bars.put(label(c.code(), t), c.events());
            table.add(List.of(label(c.code(), t), t.count(c.events()), t.percent(share), t.count(c.customers())));
        }
        TableView view = new TableView(List.of(t.get("reasons.reason"), t.get("complaints.events"), t.get("reasons.share"),
                t.get("reasons.customers")), List.of(false, true, true, true), table, "");
        ObjectNode parameters = context.object().put("weeks", WEEKS).put("window_start", start.toString())
                .put("window_end", context.date().toString());
        Definition definition = new Definition(t.format("complaints.definition", start, context.date()), parameters,
                "report-complaints");
        ObjectNode chart = Charts.bars(new ArrayList<>(bars.keySet()),
                List.of(new Charts.Series(t.get("complaints.events"), new ArrayList<>(bars.values()))));
        ((ObjectNode) chart.get("xAxis")).putObject("axisLabel").put("interval", 0).put("width", 88).put("overflow", "break");
        return Optional.of(new Figure("complaints", t.format("complaints.title", t.count(events), t.count(customers)),
                definition, data, Optional.of(chart), Optional.of(view)));
    }

    /** A reason's label in the report's language: the known codes translated, any other shown as stated. */
    static String label(String code, ReportTexts t) {
        return code.equals(NONE) ? t.get("reasons.none") : t.getOr("reason." + code, code);
    }
}
