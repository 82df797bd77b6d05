package dev.reservoir.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.metric.Activity;
import dev.reservoir.metric.ActivityCounts;
import dev.reservoir.metric.ChurnRate;
import dev.reservoir.metric.CohortRetention;
import dev.reservoir.metric.CohortRetentionResult;
import dev.reservoir.metric.RetentionEntry;
import dev.reservoir.metric.RetentionMode;
import dev.reservoir.time.PeriodUnit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * New, active and churned customers this week against last week and four weeks ago, each from
 * an existing metric:
 * <ul>
 * <li>new = the size of the week's first-purchase cohort (weekly {@link CohortRetention});</li>
 * <li>active = customers with the churn rule's activity in the week: calendar-week WAU of
 * {@link ActivityCounts} as of the week's last day (D for this week);</li>
 * <li>churned = customers of the week's active base who reached the churn standard in it, the
 * numerator of the weekly {@link ChurnRate}; those who joined and churned inside the week beside it.</li>
 * </ul>
 */
final class CustomersSection implements Section {
    @Override
    public String id() {
        return "customers";
    }

    /** The three counts of one week, with the churn rate's base and joined-churned beside them. */
    record WeekCounts(ReportContext.ComparedWeek week, long newCustomers, long active, long churned, long churnBase,
                      long joinedChurned) {
    }

    @Override
    public Optional<SectionResult> build(ReportContext context) {
        if (!context.hasOrders()) {
            return Optional.empty();
        }
        List<WeekCounts> weeks = counts(context);
        ReportTexts t = context.texts();
        ObjectNode data = context.object();
        ArrayNode rows = data.putArray("weeks");
        for (WeekCounts w : weeks) {
            ObjectNode o = context.period(w.week().period()).put("week", w.week().key());
            o.put("new_customers", w.newCustomers()).put("active_customers", w.active())
                    .put("churned_customers", w.churned()).put("churn_base", w.churnBase())
                    .put("joined_churned", w.joinedChurned());
            rows.add(o);
        }

        List<String> categories = List.of(t.get("customers.new"), t.get("customers.active"), t.get("customers.churned"));
        List<Charts.Series> series = new ArrayList<>();
        for (WeekCounts w : weeks) {
            series.add(new Charts.Series(context.weekName(w.week()) + " " + context.axisLabel(w.week().period()),
                    List.of(w.newCustomers(), w.active(), w.churned())));
        }

        WeekCounts now = weeks.get(0);
        WeekCounts last = weeks.get(1);
        WeekCounts four = weeks.get(2);
        List<List<String>> table = new ArrayList<>();
        table.add(row(t.get("customers.new"), now.newCustomers(), last.newCustomers(), four.newCustomers(), t));
        table.add(row(t.get("customers.active"), now.active(), last.active(), four.active(), t));
        table.add(row(t.get("customers.churned"), now.churned(), last.churned(), four.churned(), t));
        TableView view = new TableView(List.of("", context.weekName(now.week()), context.weekName(last.week()),
                t.get("customers.change-last"), context.weekName(four.week()), t.get("customers.change-four")),
                List.of(false, true, true, true, true, true), table, "");

        ObjectNode parameters = context.churnParameters();
        parameters.put("entry", RetentionEntry.FIRST_PURCHASE.wireName());
        parameters.put("week", "iso");
        Definition definition = new Definition(t.format("customers.definition", context.parameters().rule().churnDays(),
                context.parameters().rule().activity()), parameters, "report-customers");
        Figure figure = new Figure("customers_this_week", t.format("customers.title", now.week().period().start(),
                now.week().period().end()), definition, data, Optional.of(Charts.bars(categories, series)),
                Optional.of(view));
        return Optional.of(new SectionResult(id(), t.get("section.customers"), List.of(figure)));
    }

    private static List<String> row(String label, long now, long last, long four, ReportTexts t) {
        return List.of(label, t.count(now), t.count(last), t.change(now, last), t.count(four), t.change(now, four));
    }

    static List<WeekCounts> counts(ReportContext context) {
        List<ReportContext.ComparedWeek> weeks = context.weeks();
        // New: weekly first-purchase cohorts from four weeks ago to this week (five cohorts).
        CohortRetentionResult cohorts = context.store().retention().cohorts(new CohortRetention(
                RetentionEntry.FIRST_PURCHASE, Activity.ORDERS, PeriodUnit.WEEK, RetentionMode.ON, 0, 5, context.asOf()));
        Map<LocalDate, Long> newByWeek = cohorts.cohorts().stream()
                .collect(Collectors.toMap(c -> c.period().start(), CohortRetentionResult.Cohort::size));
        // Churned: the weekly churn rate's rows for the same five weeks.
        ChurnRate.Result churn = context.store().churn().churnRate(
                new ChurnRate(context.parameters().rule(), PeriodUnit.WEEK, 5, context.asOf()));
        Map<LocalDate, ChurnRate.Row> churnByWeek = churn.rows().stream()
                .collect(Collectors.toMap(r -> r.period().start(), Function.identity()));
        List<WeekCounts> result = new ArrayList<>();
        for (ReportContext.ComparedWeek week : weeks) {
            long active = context.store().activity().counts(new ActivityCounts(
                    context.parameters().rule().activity(), week.asOf(context.asOf()), true)).wau();
            ChurnRate.Row row = churnByWeek.get(week.period().start());
            result.add(new WeekCounts(week, newByWeek.get(week.period().start()), active, row.churned(), row.base(),
                    row.joinedChurned()));
        }
        return result;
    }
}
