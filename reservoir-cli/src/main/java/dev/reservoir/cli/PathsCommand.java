package dev.reservoir.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.Engine;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.EventType;
import dev.reservoir.event.Tenant;
import dev.reservoir.metric.PathQuery;
import dev.reservoir.metric.PathResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code reservoir paths [--start STEP] [--before] [--steps K] [--main-path S1,S2,...] [--top N]}:
 * the most common K steps after (before) a page or event, the transitions between them for a
 * Sankey chart, and the share of sessions that follow a main path.
 */
@Command(name = "paths", mixinStandardHelpOptions = true, sortOptions = false)
final class PathsCommand implements Callable<Integer> {
    static final int MAX_TOP = 10_000;

    @Mixin
    private SharedOptions shared;

    @Mixin
    private ServerOptions server;

    @Mixin
    private BehaviourOptions behaviour;

    @Option(names = "--start", paramLabel = "STEP", descriptionKey = "paths-start")
    private String start;

    @Option(names = "--before", descriptionKey = "paths-before")
    private boolean before;

    @Option(names = "--steps", paramLabel = "K", defaultValue = "3", descriptionKey = "paths-steps")
    private int steps;

    @Option(names = "--main-path", paramLabel = "STEP,STEP,...", split = ",", descriptionKey = "paths-main-path")
    private List<String> mainPath = List.of();

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", descriptionKey = "behaviour-top")
    private int top;

    @Override
    public Integer call() {
        return shared.run(texts -> {
            if (server.given(shared)) {
                return server.forward(shared, "metrics/paths");
            }
            int shown = checkTop(top);
            if (steps < 1 || steps > PathQuery.MAX_STEPS) {
                throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "--steps",
                        Localizable.of("1 to " + PathQuery.MAX_STEPS, "1 到 " + PathQuery.MAX_STEPS), steps);
            }
            mainPath.forEach(s -> checkStep("--main-path", s));
            Optional<String> anchor = Optional.ofNullable(start).or(() -> mainPath.stream().findFirst());
            anchor.ifPresent(s -> checkStep("--start", s));
            if (!mainPath.isEmpty() && (before || mainPath.size() < 2 || !mainPath.get(0).equals(anchor.get()))) {
                throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "--main-path",
                        Localizable.of("two or more steps, the first one the --start step, without --before",
                                "两个或以上步骤，第一步即 --start 的步骤，且不与 --before 同用"), String.join(",", mainPath));
            }
            int k = mainPath.isEmpty() ? steps : Math.max(steps, mainPath.size() - 1);
            try (Engine engine = shared.openEngine()) {
                TenantStore store = engine.store(shared.tenant());
                PathQuery query = new PathQuery(behaviour.scope(store, shared), anchor,
                        before ? PathQuery.Direction.PREVIOUS : PathQuery.Direction.NEXT, k, mainPath);
                PathResult r = store.behaviour().paths(query);
                shared.print(() -> table(store.tenant(), r, shown, texts), () -> json(store.tenant(), r, shown),
                        () -> csv(r, shown));
            }
            return 0;
        });
    }

    static int checkTop(int top) {
        if (top < 1 || top > MAX_TOP) {
            throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "--top",
                    Localizable.of("1 to " + MAX_TOP, "1 到 " + MAX_TOP), top);
        }
        return top;
    }

    /** A step is a page ({@code /cart}) or {@code @} and an event type ({@code @add_to_cart}). */
    private static void checkStep(String option, String step) {
        boolean ok = step.startsWith("@") ? EventType.fromWireName(step.substring(1)).isPresent() : !step.isBlank();
        if (!ok) {
            throw new ReservoirException(ErrorCode.INVALID_PARAMETER, option,
                    Localizable.of("a page such as /cart, or @ and an event type among " + EventType.wireNames(),
                            "页面（如 /cart），或 @ 加事件类型（" + EventType.wireNames() + " 之一）"), step);
        }
    }

    static String table(Tenant tenant, PathResult r, int top, Texts texts) {
        PathQuery q = r.definition();
        StringBuilder b = new StringBuilder();
        String from = q.anchor().orElse(texts.get("paths.session-start"));
        b.append(texts.format(q.direction() == PathQuery.Direction.NEXT ? "paths.title-next" : "paths.title-previous",
                TenantView.phrase(tenant), q.steps(), from)).append('\n');
        b.append(SessionsCommand.scopeLine(q.scope(), texts)).append('\n');
        b.append(texts.format("paths.anchored", texts.count(r.anchoredSessions()), texts.count(r.sessions()),
                RepurchaseView.percent(dev.reservoir.metric.Rates.rate(r.anchoredSessions(), r.sessions()), texts)))
                .append('\n');
        Table t = new Table("  ", true, true, false);
        t.row(texts.get("paths.sessions"), texts.get("paths.share"), texts.get("paths.path"));
        r.sequences().stream().limit(top).forEach(s -> t.row(texts.count(s.sessions()),
                RepurchaseView.percent(s.share(r.anchoredSessions()), texts), String.join(" → ", s.steps())));
        b.append(t.render());
        b.append('\n').append(texts.get("paths.transitions")).append('\n');
        Table tr = new Table("  ", true, false, false, true);
        tr.row(texts.get("paths.position"), texts.get("paths.from"), texts.get("paths.to"), texts.get("paths.sessions"));
        int position = -1;
        int onPosition = 0;
        for (PathResult.Transition x : r.transitions()) {
            onPosition = x.position() == position ? onPosition + 1 : 0;
            position = x.position();
            if (onPosition < top) {
                tr.row(Integer.toString(x.position() + 1), x.from(), x.to(), texts.count(x.sessions()));
            }
        }
        b.append(tr.render());
        r.mainPath().ifPresent(m -> {
            b.append('\n').append(texts.format("paths.main", String.join(" → ", m.steps()), texts.count(m.followed()),
                    texts.count(m.reached().get(0)), RepurchaseView.percent(m.share(), texts))).append('\n');
            Table mt = new Table("  ", false, true, true);
            mt.row(texts.get("paths.step"), texts.get("paths.reached"), texts.get("paths.left"));
            for (int i = 0; i < m.steps().size(); i++) {
                mt.row((i + 1) + ". " + m.steps().get(i), texts.count(m.reached().get(i)),
                        i == 0 ? "" : texts.count(m.leftAt(i)));
            }
            b.append(mt.render());
        });
        b.append('\n').append(texts.get("paths.definition")).append('\n');
        return b.toString();
    }

    static ObjectNode json(Tenant tenant, PathResult r, int top) {
        PathQuery q = r.definition();
        ObjectNode node = Json.object();
        SessionsCommand.scopeJson(node, tenant, q.scope());
        node.put("definition", "a step is a page, or @ and an event type; in each session with the start step,"
                + " its first occurrence and up to K steps after (before) it; (exit) / (entry) mark a session that"
                + " ends (begins) sooner");
        node.put("start", q.anchor().orElse(null));
        node.put("direction", q.direction() == PathQuery.Direction.NEXT ? "next" : "previous");
        node.put("steps", q.steps());
        node.put("sessions", r.sessions()).put("anchored_sessions", r.anchoredSessions());
        node.put("distinct_paths", r.sequences().size());
        ArrayNode paths = node.putArray("paths");
        r.sequences().stream().limit(top).forEach(s -> {
            ObjectNode p = paths.addObject();
            p.putPOJO("steps", s.steps());
            p.put("sessions", s.sessions()).put("share", s.share(r.anchoredSessions()));
        });
        ArrayNode transitions = node.putArray("transitions");
        r.transitions().forEach(x -> transitions.addObject().put("position", x.position() + 1).put("from", x.from())
                .put("to", x.to()).put("sessions", x.sessions()));
        r.mainPath().ifPresent(m -> {
            ObjectNode main = node.putObject("main_path");
            main.putPOJO("steps", m.steps());
            main.putPOJO("reached", m.reached());
            main.put("followed", m.followed()).put("share", m.share());
            List<Long> left = new ArrayList<>();
            for (int i = 1; i < m.steps().size(); i++) {
                left.add(m.leftAt(i));
            }
            main.putPOJO("left_at_step", left);
        });
        return node;
    }

    static List<List<String>> csv(PathResult r, int top) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("sessions", "share", "path"));
        r.sequences().stream().limit(top).forEach(s -> rows.add(List.of(Long.toString(s.sessions()),
                BehaviourOptions.csvNumber(s.share(r.anchoredSessions())), String.join(" > ", s.steps()))));
        return rows;
    }
}
