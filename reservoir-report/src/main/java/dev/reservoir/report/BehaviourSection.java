package dev.reservoir.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.metric.SessionScope;
import dev.reservoir.metric.SessionSummary;
import dev.reservoir.metric.SessionSummaryResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Behaviour: sessions and bounce rate (跳失率) this week against last week and four weeks ago,
 * from {@link SessionSummary} over the sessions that began in each week (30-minute sessions).
 * Present only when the tenant has page views in those weeks: a shop without a web or app
 * tracker has no behaviour to show.
 */
final class BehaviourSection implements Section {
    @Override
    public String id() {
        return "behaviour";
    }

    @Override
    public Optional<SectionResult> build(ReportContext context) {
        List<SessionSummaryResult> results = new ArrayList<>();
        for (ReportContext.ComparedWeek week : context.weeks()) {
            SessionScope scope = new SessionScope(week.asOf(context.asOf()), week.period().start(),
                    SessionScope.DEFAULT_TIMEOUT);
            results.add(context.store().behaviour().sessions(SessionSummary.of(scope)));
        }
        if (results.stream().allMatch(r -> r.pageViews() == 0)) {
            return Optional.empty();
        }
        ReportTexts t = context.texts();
        ObjectNode data = context.object();
        ArrayNode weeks = data.putArray("weeks");
        List<String> labels = new ArrayList<>();
        List<Long> sessions = new ArrayList<>();
        List<Double> bounce = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            ReportContext.ComparedWeek week = context.weeks().get(i);
            SessionSummaryResult r = results.get(i);
            weeks.add(context.period(week.period()).put("week", week.key()).put("visitors", r.visitors())
                    .put("sessions", r.sessions()).put("page_views", r.pageViews())
                    .put("page_visitors", r.pageVisitors()).put("one_page_visitors", r.oneVisitPageVisitors())
                    .put("bounce_rate", r.bounceRate()).put("pages_per_session", r.pagesPerSession())
                    .put("average_session_seconds", r.averageSessionSeconds()));
            String name = context.weekName(week) + " " + context.axisLabel(week.period());
            labels.add(name);
            sessions.add(r.sessions());
            bounce.add(Charts.percent(r.bounceRate()));
            rows.add(List.of(name, t.count(r.visitors()), t.count(r.sessions()), t.count(r.pageViews()),
                    t.percent(r.bounceRate()), t.decimal(r.pagesPerSession()), t.seconds(r.averageSessionSeconds())));
        }
        TableView view = new TableView(List.of("", t.get("behaviour.visitors"), t.get("behaviour.sessions"),
                t.get("behaviour.page-views"), t.get("behaviour.bounce"), t.get("behaviour.pages-per-session"),
                t.get("behaviour.session-length")), List.of(false, true, true, true, true, true, true), rows, "");
        ObjectNode parameters = context.object().put("session_timeout_minutes", SessionScope.DEFAULT_TIMEOUT.toMinutes())
                .put("week", "iso");
        Figure figure = new Figure("sessions_weekly", t.get("behaviour.title"),
                new Definition(t.get("behaviour.definition"), parameters, "report-behaviour"), data,
                Optional.of(Charts.countsAndRate(labels, new Charts.Series(t.get("behaviour.sessions"), sessions),
                        new Charts.Series(t.get("behaviour.bounce"), bounce))), Optional.of(view));
        return Optional.of(new SectionResult(id(), t.get("section.behaviour"), List.of(figure)));
    }
}
