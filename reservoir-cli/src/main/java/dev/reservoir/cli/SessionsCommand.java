package dev.reservoir.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.Engine;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.Tenant;
import dev.reservoir.metric.ReferrerChannel;
import dev.reservoir.metric.SessionScope;
import dev.reservoir.metric.SessionSummary;
import dev.reservoir.metric.SessionSummaryResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code reservoir sessions [--from D] [--session-timeout 30m] [--site-host HOST] [--as-of D]}:
 * sessions, page views, pages per session, session length, the shop's bounce rate, new vs
 * returning visitors, daily online time and referrer channels.
 */
@Command(name = "sessions", mixinStandardHelpOptions = true, sortOptions = false)
final class SessionsCommand implements Callable<Integer> {
    @Mixin
    private SharedOptions shared;

    @Mixin
    private ServerOptions server;

    @Mixin
    private BehaviourOptions behaviour;

    @Option(names = "--site-host", paramLabel = "HOST", split = ",", descriptionKey = "sessions-site-host")
    private List<String> siteHosts = List.of();

    @Override
    public Integer call() {
        return shared.run(texts -> {
            if (server.given(shared)) {
                return server.forward(shared, "metrics/sessions");
            }
            try (Engine engine = shared.openEngine()) {
                TenantStore store = engine.store(shared.tenant());
                SessionScope scope = behaviour.scope(store, shared);
                SessionSummary definition;
                try {
                    definition = new SessionSummary(scope, siteHosts);
                } catch (IllegalArgumentException e) {
                    throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "--site-host",
                            Localizable.of("host names such as shop.example.com", "主机名，如 shop.example.com"),
                            String.join(",", siteHosts));
                }
                SessionSummaryResult r = store.behaviour().sessions(definition);
                shared.print(() -> table(store.tenant(), r, texts), () -> json(store.tenant(), r));
            }
            return 0;
        });
    }

    static String scopeLine(SessionScope s, Texts texts) {
        return texts.format("behaviour.scope", s.from(), s.asOf().date(), s.timeout().toMinutes() > 0
                && s.timeout().toSecondsPart() == 0 ? s.timeout().toMinutes() + " min" : s.timeout().getSeconds() + " s")
                + s.asOf().knownAt().map(k -> texts.format("info.known-at", k)).orElse("");
    }

    static String table(Tenant tenant, SessionSummaryResult r, Texts texts) {
        StringBuilder b = new StringBuilder();
        b.append(texts.format("sessions.title", TenantView.phrase(tenant))).append('\n');
        b.append(scopeLine(r.definition().scope(), texts)).append('\n');
        Table t = Table.numeric("  ", 3);
        t.row(texts.get("sessions.sessions"), texts.count(r.sessions()), "");
        t.row(texts.get("sessions.visitors"), texts.count(r.visitors()), "");
        t.row(texts.get("sessions.page-views"), texts.count(r.pageViews()), "");
        t.row(texts.get("sessions.pages-per-session"), number(r.pagesPerSession(), texts),
                texts.count(r.pageViews()) + " / " + texts.count(r.sessions()));
        t.row(texts.get("sessions.length"), BehaviourOptions.duration(r.averageSessionSeconds(), texts),
                texts.count(r.sessionSeconds()) + " s / " + texts.count(r.sessions()));
        t.row(texts.get("sessions.bounce"), RepurchaseView.percent(r.bounceRate(), texts),
                texts.count(r.oneVisitPageVisitors()) + " / " + texts.count(r.pageVisitors()));
        t.row(texts.get("sessions.new-visitors"), texts.count(r.newVisitors()),
                RepurchaseView.percent(dev.reservoir.metric.Rates.rate(r.newVisitors(), r.visitors()), texts));
        t.row(texts.get("sessions.returning-visitors"), texts.count(r.returningVisitors()),
                RepurchaseView.percent(dev.reservoir.metric.Rates.rate(r.returningVisitors(), r.visitors()), texts));
        t.row(texts.get("sessions.first-sessions"), texts.count(r.firstSessions()), "");
        t.row(texts.get("sessions.daily-online"), BehaviourOptions.duration(r.dailyOnlineSeconds(), texts),
                texts.count(r.sessionSeconds()) + " s / " + texts.count(r.onlineDays()));
        t.row(texts.get("sessions.customer-daily-online"), BehaviourOptions.duration(r.customerDailyOnlineSeconds(), texts),
                texts.count(r.customerSessionSeconds()) + " s / " + texts.count(r.customerOnlineDays()));
        b.append(t.render());
        b.append('\n').append(texts.get("sessions.channels")).append('\n');
        Table c = Table.numeric("  ", 3);
        for (ReferrerChannel ch : ReferrerChannel.values()) {
            c.row(texts.get("channel." + ch.wireName()), texts.count(r.channel(ch)),
                    RepurchaseView.percent(dev.reservoir.metric.Rates.rate(r.channel(ch), r.sessions()), texts));
        }
        b.append(c.render());
        b.append('\n').append(texts.get("sessions.definition")).append('\n');
        return b.toString();
    }

    static String number(Double value, Texts texts) {
        return value == null ? "—" : String.format(texts.locale(), "%.2f", value);
    }

    static void scopeJson(ObjectNode node, Tenant tenant, SessionScope s) {
        node.set("tenant", TenantView.json(tenant));
        node.put("as_of", s.asOf().date().toString());
        node.put("known_at", s.asOf().knownAt().map(Object::toString).orElse(null));
        node.put("from", s.from().toString());
        node.put("session_timeout_seconds", s.timeout().getSeconds());
    }

    static ObjectNode json(Tenant tenant, SessionSummaryResult r) {
        ObjectNode node = Json.object();
        scopeJson(node, tenant, r.definition().scope());
        node.put("definition", "A session is a person's events split where 30 minutes (the timeout) or more pass"
                + " without one, dated by its first event; pages per session = page views / sessions; session length"
                + " = last event - first event; bounce rate = visitors with exactly one page view / visitors with"
                + " page views; new visitors = first session ever in the period; channel = referrer of a session's"
                + " first event");
        node.putPOJO("site_hosts", r.definition().siteHosts());
        node.put("sessions", r.sessions()).put("visitors", r.visitors()).put("page_views", r.pageViews())
                .put("pages_per_session", r.pagesPerSession()).put("session_seconds", r.sessionSeconds())
                .put("average_session_seconds", r.averageSessionSeconds());
        node.putObject("bounce").put("one_page_visitors", r.oneVisitPageVisitors())
                .put("page_visitors", r.pageVisitors()).put("rate", r.bounceRate());
        node.put("new_visitors", r.newVisitors()).put("returning_visitors", r.returningVisitors())
                .put("first_sessions", r.firstSessions()).put("returning_sessions", r.returningSessions());
        node.putObject("online_time").put("person_days", r.onlineDays()).put("seconds", r.sessionSeconds())
                .put("daily_seconds", r.dailyOnlineSeconds()).put("customer_days", r.customerOnlineDays())
                .put("customer_seconds", r.customerSessionSeconds())
                .put("customer_daily_seconds", r.customerDailyOnlineSeconds());
        ObjectNode channels = node.putObject("channels");
        for (ReferrerChannel ch : ReferrerChannel.values()) {
            channels.put(ch.wireName(), r.channel(ch));
        }
        return node;
    }
}
