package dev.reservoir.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.metric.RepurchaseLadder;
import dev.reservoir.metric.RepurchaseLadderResult;
import dev.reservoir.segment.SegmentFacts;
import dev.reservoir.segment.SegmentFactsQuery;
import dev.reservoir.time.AsOf;
import dev.reservoir.time.Period;
import dev.reservoir.time.PeriodUnit;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What every section reads: the store, the parameters, the texts, and the three weeks the report
 * compares. Facts several sections need (does the tenant have orders?) are computed once.
 */
final class ReportContext {
    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The RFM look-back L of the segment facts, days: the default of {@code reservoir rfm}
     * (docs/segments.md). The lifecycle stages do not depend on it.
     */
    static final int SEGMENT_LOOK_BACK_DAYS = 365;

    private final TenantStore store;
    private final ReportParameters parameters;
    private final ReportTexts texts;
    private Boolean hasOrders;
    private final Map<LocalDate, List<SegmentFacts>> segmentFacts = new HashMap<>();

    ReportContext(TenantStore store, ReportParameters parameters) {
        this.store = store;
        this.parameters = parameters;
        this.texts = new ReportTexts(parameters.locale());
    }

    TenantStore store() {
        return store;
    }

    ReportParameters parameters() {
        return parameters;
    }

    ReportTexts texts() {
        return texts;
    }

    AsOf asOf() {
        return parameters.asOf();
    }

    LocalDate date() {
        return parameters.asOf().date();
    }

    /**
     * The weeks compared: the ISO week holding D ("this week", incomplete unless D is a Sunday),
     * the week before, and the week holding D − 28 ("four weeks ago").
     */
    List<ComparedWeek> weeks() {
        LocalDate d = date();
        return List.of(new ComparedWeek("this_week", PeriodUnit.WEEK.periodOf(d, d)),
                new ComparedWeek("last_week", PeriodUnit.WEEK.periodOf(d.minusWeeks(1), d)),
                new ComparedWeek("four_weeks_ago", PeriodUnit.WEEK.periodOf(d.minusWeeks(4), d)));
    }

    /** A compared week and its key in the JSON form. */
    record ComparedWeek(String key, Period period) {
        /** The as-of date of a figure for this week alone: its last day, or D for the current week. */
        AsOf asOf(AsOf reportAsOf) {
            LocalDate end = period.complete() ? period.end() : reportAsOf.date();
            return new AsOf(end, reportAsOf.knownAt());
        }
    }

    /** Whether the tenant has at least one order up to D (known by known-at): the order sections' data. */
    boolean hasOrders() {
        if (hasOrders == null) {
            RepurchaseLadderResult ladder = store.repurchase().ladder(
                    new RepurchaseLadder(1, OptionalInt.empty(), asOf(), Optional.empty()));
            hasOrders = ladder.steps().stream().anyMatch(s -> s.orders() == 1 && s.customers() > 0);
        }
        return hasOrders;
    }

    /**
     * The per-customer segment facts as of {@code date} (known by the report's known-at), with the
     * report's churn rule and the look-back {@link #SEGMENT_LOOK_BACK_DAYS}: one query per date,
     * shared by the lifecycle and RFM sections (both read the facts as of D).
     */
    List<SegmentFacts> segmentFacts(LocalDate date) {
        return segmentFacts.computeIfAbsent(date, d -> store.segments().facts(new SegmentFactsQuery(
                new AsOf(d, asOf().knownAt()), SEGMENT_LOOK_BACK_DAYS, parameters.rule())));
    }

    ObjectNode object() {
        return JSON.createObjectNode();
    }

    ArrayNode array() {
        return JSON.createArrayNode();
    }

    /** A period as JSON: start, end, complete. */
    ObjectNode period(Period p) {
        return object().put("start", p.start().toString()).put("end", p.end().toString()).put("complete", p.complete());
    }

    /** The definition parameters every churn-based figure shares. */
    ObjectNode churnParameters() {
        ObjectNode p = object();
        ArrayNode activity = p.putArray("activity");
        parameters.rule().activity().wireNames().forEach(activity::add);
        p.put("churn_days", parameters.rule().churnDays());
        p.put("warning_days", parameters.rule().warningDays());
        p.put("preset", parameters.preset().orElse(null));
        return p;
    }

    /** A period's label on a chart axis: its start date, {@code *} when incomplete. */
    String axisLabel(Period p) {
        String start = switch (p.unit()) {
            case MONTH -> p.start().toString().substring(0, 7);
            case YEAR -> Integer.toString(p.start().getYear());
            case DAY, WEEK, QUARTER -> p.start().toString();
        };
        return p.complete() ? start : start + "*";
    }

    /** The week's name in the report's language ("this week", "本周"). */
    String weekName(ComparedWeek week) {
        return texts.get("week." + week.key());
    }
}
