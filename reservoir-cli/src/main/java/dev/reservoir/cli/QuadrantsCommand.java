package dev.reservoir.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.Engine;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.Tenant;
import dev.reservoir.segment.Quadrant;
import dev.reservoir.segment.Quadrants;
import dev.reservoir.segment.QuadrantsResult;
import dev.reservoir.time.AsOf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

/**
 * {@code reservoir quadrants [--count-threshold N] [--dwell-threshold SECONDS] [--include-visitors]
 * [--list]}: four quadrants (四象限) of 7-day sessions × average dwell time, and the movement
 * from the week before.
 */
@Command(name = "quadrants", mixinStandardHelpOptions = true, sortOptions = false)
final class QuadrantsCommand implements Callable<Integer> {
    @Mixin
    private SharedOptions shared;

    @Mixin
    private ServerOptions server;

    @Mixin
    private BehaviourOptions behaviour;

    @Option(names = "--count-threshold", paramLabel = "SESSIONS", descriptionKey = "quadrants-count")
    private Double countThreshold;

    @Option(names = "--dwell-threshold", paramLabel = "SECONDS", descriptionKey = "quadrants-dwell")
    private Double dwellThreshold;

    @Option(names = "--include-visitors", descriptionKey = "quadrants-visitors")
    private boolean includeVisitors;

    @Option(names = "--list", descriptionKey = "quadrants-list")
    private boolean list;

    @Override
    public Integer call() {
        return shared.run(texts -> {
            if (server.given(shared)) {
                return server.forward(shared, "metrics/quadrants");
            }
            for (Double t : new Double[] {countThreshold, dwellThreshold}) {
                if (t != null && (t.isNaN() || t < 0 || t.isInfinite())) {
                    throw new ReservoirException(ErrorCode.INVALID_PARAMETER, t == countThreshold
                            ? "--count-threshold" : "--dwell-threshold",
                            Localizable.of("a number of 0 or more", "不小于 0 的数"), t);
                }
            }
            try (Engine engine = shared.openEngine()) {
                TenantStore store = engine.store(shared.tenant());
                AsOf at = behaviour.asOf(store, shared);
                Quadrants q = new Quadrants(at, behaviour.checkedTimeout(),
                        countThreshold == null ? OptionalDouble.empty() : OptionalDouble.of(countThreshold),
                        dwellThreshold == null ? OptionalDouble.empty() : OptionalDouble.of(dwellThreshold),
                        includeVisitors);
                QuadrantsResult r = store.behaviour().quadrants(q);
                shared.print(() -> table(store.tenant(), r, list, texts), () -> json(store.tenant(), r, texts),
                        () -> csv(r, texts));
            }
            return 0;
        });
    }

    static String name(Optional<Quadrant> q, Texts texts) {
        return q.map(x -> texts.get("quadrant." + x.wireName())).orElse(texts.get("quadrant.none"));
    }

    private static String threshold(Double value, Texts texts) {
        return value == null ? "—" : String.format(texts.locale(), "%.2f", value);
    }

    static String table(Tenant tenant, QuadrantsResult r, boolean list, Texts texts) {
        Quadrants d = r.definition();
        StringBuilder b = new StringBuilder();
        b.append(texts.format("quadrants.title", TenantView.phrase(tenant), d.scope().from(), d.asOf().date()));
        d.asOf().knownAt().ifPresent(k -> b.append(texts.format("info.known-at", k)));
        b.append('\n');
        b.append(texts.format("quadrants.split", threshold(r.thresholds().count(), texts),
                threshold(r.thresholds().dwellSeconds(), texts),
                texts.get(d.countThreshold().isPresent() || d.dwellThreshold().isPresent()
                        ? "quadrants.given" : "quadrants.median"))).append('\n');
        Table t = Table.numeric("  ", 2);
        r.counts().forEach((q, n) -> t.row(texts.get("quadrant." + q.wireName()), texts.count(n)));
        b.append(t.render());
        b.append('\n').append(texts.format("quadrants.movement", d.previousScope().from(),
                d.previousScope().asOf().date())).append('\n');
        Table m = new Table("  ", false, false, true);
        m.row(texts.get("quadrants.last-week"), texts.get("quadrants.this-week"), texts.get("quadrants.people"));
        for (Map.Entry<Optional<Quadrant>, Map<Optional<Quadrant>, Long>> from : r.movement().entrySet()) {
            for (Map.Entry<Optional<Quadrant>, Long> to : from.getValue().entrySet()) {
                m.row(name(from.getKey(), texts), name(to.getKey(), texts), texts.count(to.getValue()));
            }
        }
        b.append(m.render());
        if (list) {
            b.append('\n');
            Table l = new Table("  ", false, true, true, false, false);
            l.row(texts.get("quadrants.person"), texts.get("quadrants.sessions"), texts.get("quadrants.dwell"),
                    texts.get("quadrants.this-week"), texts.get("quadrants.last-week"));
            for (QuadrantsResult.Member x : r.members()) {
                l.row((x.customer() ? "" : texts.get("quadrants.visitor") + " ") + x.person(), texts.count(x.sessions()),
                        x.dwellSeconds() == null ? "" : String.format(texts.locale(), "%.0f", x.dwellSeconds()),
                        name(x.current(), texts), name(x.previous(), texts));
            }
            b.append(l.render());
        }
        b.append('\n').append(texts.get("quadrants.definition")).append('\n');
        return b.toString();
    }

    static ObjectNode json(Tenant tenant, QuadrantsResult r, Texts texts) {
        Quadrants d = r.definition();
        ObjectNode node = Json.object();
        node.set("tenant", TenantView.json(tenant));
        node.put("as_of", d.asOf().date().toString());
        node.put("known_at", d.asOf().knownAt().map(Object::toString).orElse(null));
        node.put("definition", "active count = sessions that began in the 7 days ending on D; dwell = their average"
                + " length in seconds; split at the median (or the given thresholds), high = strictly above");
        node.put("session_timeout_seconds", d.timeout().getSeconds());
        node.put("include_visitors", d.includeVisitors());
        node.putObject("thresholds").put("count", r.thresholds().count()).put("dwell_seconds",
                r.thresholds().dwellSeconds()).put("given", d.countThreshold().isPresent() || d.dwellThreshold().isPresent());
        node.putObject("previous_thresholds").put("count", r.previousThresholds().count())
                .put("dwell_seconds", r.previousThresholds().dwellSeconds());
        ObjectNode counts = node.putObject("counts");
        r.counts().forEach((q, n) -> counts.put(q.wireName(), n));
        ArrayNode moves = node.putArray("movement");
        r.movement().forEach((from, tos) -> tos.forEach((to, n) -> moves.addObject()
                .put("from", from.map(Quadrant::wireName).orElse(null))
                .put("to", to.map(Quadrant::wireName).orElse(null)).put("people", n)));
        ArrayNode members = node.putArray("members");
        for (QuadrantsResult.Member x : r.members()) {
            members.addObject().put("person", x.person()).put("customer", x.customer()).put("sessions", x.sessions())
                    .put("dwell_seconds", x.dwellSeconds())
                    .put("quadrant", x.current().map(Quadrant::wireName).orElse(null))
                    .put("quadrant_name", x.current().map(q -> texts.get("quadrant." + q.wireName())).orElse(null))
                    .put("previous", x.previous().map(Quadrant::wireName).orElse(null));
        }
        return node;
    }

    static List<List<String>> csv(QuadrantsResult r, Texts texts) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("person", "customer", "sessions", "dwell_seconds", "quadrant", "quadrant_name", "previous"));
        for (QuadrantsResult.Member x : r.members()) {
            rows.add(List.of(x.person(), Boolean.toString(x.customer()), Long.toString(x.sessions()),
                    BehaviourOptions.csvNumber(x.dwellSeconds()), x.current().map(Quadrant::wireName).orElse(""),
                    x.current().map(q -> texts.get("quadrant." + q.wireName())).orElse(""),
                    x.previous().map(Quadrant::wireName).orElse("")));
        }
        return rows;
    }
}
