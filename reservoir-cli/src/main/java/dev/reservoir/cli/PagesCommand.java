package dev.reservoir.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.Engine;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.Tenant;
import dev.reservoir.metric.PageStatsResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code reservoir pages [--top N] [--from D] [--session-timeout 30m] [--as-of D]}: per page,
 * views, exit rate (页面流失率) and bounce rate as a landing page, with the counts beside them.
 */
@Command(name = "pages", mixinStandardHelpOptions = true, sortOptions = false)
final class PagesCommand implements Callable<Integer> {
    @Mixin
    private SharedOptions shared;

    @Mixin
    private ServerOptions server;

    @Mixin
    private BehaviourOptions behaviour;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20", descriptionKey = "behaviour-top")
    private int top;

    @Override
    public Integer call() {
        return shared.run(texts -> {
            if (server.given(shared)) {
                return server.forward(shared, "metrics/pages");
            }
            int shown = PathsCommand.checkTop(top);
            try (Engine engine = shared.openEngine()) {
                TenantStore store = engine.store(shared.tenant());
                PageStatsResult r = store.behaviour().pages(behaviour.scope(store, shared));
                List<PageStatsResult.Page> pages = r.pages().subList(0, Math.min(shown, r.pages().size()));
                shared.print(() -> table(store.tenant(), r, pages, texts), () -> json(store.tenant(), r, pages),
                        () -> csv(pages));
            }
            return 0;
        });
    }

    static String table(Tenant tenant, PageStatsResult r, List<PageStatsResult.Page> pages, Texts texts) {
        StringBuilder b = new StringBuilder();
        b.append(texts.format("pages.title", TenantView.phrase(tenant), texts.count(pages.size()),
                texts.count(r.pages().size()), texts.count(r.sessions()))).append('\n');
        b.append(SessionsCommand.scopeLine(r.scope(), texts)).append('\n');
        Table t = new Table("  ", false, true, true, true, true, true, true, true);
        t.row(texts.get("pages.page"), texts.get("pages.views"), texts.get("pages.sessions"), texts.get("pages.exits"),
                texts.get("pages.exit-rate"), texts.get("pages.entrances"), texts.get("pages.bounces"),
                texts.get("pages.bounce-rate"));
        for (PageStatsResult.Page p : pages) {
            t.row(p.page(), texts.count(p.views()), texts.count(p.sessions()), texts.count(p.exits()),
                    RepurchaseView.percent(p.exitRate(), texts), texts.count(p.entrances()), texts.count(p.bounces()),
                    RepurchaseView.percent(p.bounceRate(), texts));
        }
        b.append(t.render());
        b.append('\n').append(texts.get("pages.definition")).append('\n');
        return b.toString();
    }

    static ObjectNode json(Tenant tenant, PageStatsResult r, List<PageStatsResult.Page> pages) {
        ObjectNode node = Json.object();
        SessionsCommand.scopeJson(node, tenant, r.scope());
        node.put("definition", "exit rate = sessions whose last page view was the page / sessions that viewed it;"
                + " bounce rate = sessions that began on the page with exactly one page view / sessions that began"
                + " on it");
        node.put("sessions", r.sessions());
        node.put("pages_total", r.pages().size());
        ArrayNode rows = node.putArray("pages");
        for (PageStatsResult.Page p : pages) {
            rows.addObject().put("page", p.page()).put("views", p.views()).put("sessions", p.sessions())
                    .put("exits", p.exits()).put("exit_rate", p.exitRate()).put("entrances", p.entrances())
                    .put("bounces", p.bounces()).put("bounce_rate", p.bounceRate());
        }
        return node;
    }

    static List<List<String>> csv(List<PageStatsResult.Page> pages) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("page", "views", "sessions", "exits", "exit_rate", "entrances", "bounces", "bounce_rate"));
        for (PageStatsResult.Page p : pages) {
            rows.add(List.of(p.page(), Long.toString(p.views()), Long.toString(p.sessions()), Long.toString(p.exits()),
                    BehaviourOptions.csvNumber(p.exitRate()), Long.toString(p.entrances()), Long.toString(p.bounces()),
                    BehaviourOptions.csvNumber(p.bounceRate())));
        }
        return rows;
    }
}
