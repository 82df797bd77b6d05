package dev.reservoir.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.Engine;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.metric.Rates;
import dev.reservoir.segment.Lifecycle;
import dev.reservoir.segment.LifecycleStage;
import dev.reservoir.segment.SegmentFacts;
import dev.reservoir.segment.SegmentFactsQuery;
import dev.reservoir.segment.Transitions;
import dev.reservoir.segment.UsageStage;
import dev.reservoir.time.AsOf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code reservoir lifecycle}: customers per lifecycle stage (thresholds from the churn rule) and
 * per usage stage as of D, the weekly series of stage counts and, with {@code --compare DATE}, the
 * transitions between stages from DATE to D.
 */
@Command(name = "lifecycle", mixinStandardHelpOptions = true, sortOptions = false)
final class LifecycleCommand implements Callable<Integer> {
    @Mixin
    private SharedOptions shared;

    @Mixin
    private ServerOptions server;

    @Mixin
    private ChurnOptions churn;

    @Mixin
    private AsOfOptions asOf;

    @Option(names = "--weeks", paramLabel = "K", defaultValue = "8", descriptionKey = "lifecycle-weeks")
    private int weeks;

    @Option(names = "--compare", paramLabel = "DATE", converter = Converters.DateConverter.class,
            descriptionKey = "lifecycle-compare")
    private LocalDate compare;

    @Override
    public Integer call() {
        return shared.run(texts -> {
            if (server.given(shared)) {
                return server.forward(shared, "metrics/lifecycle");
            }
            if (weeks < 0) {
                throw SegmentOptions.invalid("--weeks", dev.reservoir.engine.Localizable.of(
                        "a number of weeks, 0 for none", "周数，0 表示不输出"), weeks);
            }
            try (Engine engine = shared.openEngine()) {
                TenantStore store = engine.store(shared.tenant());
                AsOf at = asOf.resolve(store, shared);
                ChurnOptions.Resolved r = churn.resolve(store, at);
                List<SegmentFacts> facts = facts(store, at, r);
                Lifecycle lifecycle = new Lifecycle(at, r.rule());
                Lifecycle.Counts now = lifecycle.count(facts, true);
                List<Lifecycle.Counts> series = new ArrayList<>();
                if (weeks > 0) {
                    for (LocalDate end : Lifecycle.weekEnds(at.date(), weeks)) {
                        AsOf weekAt = new AsOf(end, at.knownAt());
                        boolean complete = end.getDayOfWeek() == java.time.DayOfWeek.SUNDAY;
                        series.add(new Lifecycle(weekAt, r.rule()).count(end.equals(at.date()) ? facts
                                : facts(store, weekAt, r), complete));
                    }
                }
                Transitions moves = null;
                if (compare != null) {
                    AsOf before = new AsOf(compare, at.knownAt());
                    moves = Transitions.of(compare, new Lifecycle(before, r.rule()).stagesById(facts(store, before, r)),
                            at.date(), lifecycle.stagesById(facts), names());
                }
                Transitions m = moves;
                shared.print(() -> table(r, at, now, series, m, texts), () -> json(r, at, now, series, m),
                        () -> csv(series.isEmpty() ? List.of(now) : series));
            }
            return 0;
        });
    }

    private static List<SegmentFacts> facts(TenantStore store, AsOf at, ChurnOptions.Resolved r) {
        return store.segments().facts(new SegmentFactsQuery(at, SegmentOptions.DEFAULT_LOOK_BACK, r.rule()));
    }

    static List<String> names() {
        return Arrays.stream(LifecycleStage.values()).map(LifecycleStage::wireName).toList();
    }

    static String table(ChurnOptions.Resolved r, AsOf at, Lifecycle.Counts now, List<Lifecycle.Counts> series,
                        Transitions moves, Texts texts) {
        StringBuilder b = new StringBuilder(ChurnOptions.definitionLine(r, at, texts));
        if (r.auto() != null) {
            b.append(ChurnOptions.autoSummary(r.auto(), texts));
        }
        b.append(texts.format("lifecycle.title", at.date(), texts.count(now.customers()))).append('\n');
        Table t = new Table("  ", false, true, true);
        t.row(texts.get("lifecycle.stage"), texts.get("rfm.customers"), texts.get("rfm.share"));
        for (LifecycleStage s : LifecycleStage.values()) {
            t.row(s.label(texts.locale()), texts.count(now.stage(s)),
                    ChurnOptions.percent(Rates.rate(now.stage(s), now.customers()), texts.locale()));
        }
        b.append(t.render()).append('\n').append(texts.get("lifecycle.usage-title")).append('\n');
        Table u = new Table("  ", false, true);
        for (UsageStage s : UsageStage.values()) {
            u.row(s.label(texts.locale()) + " (" + s.minDays() + "-" + s.maxDays() + ")", texts.count(now.usage(s)));
        }
        u.row(texts.get("lifecycle.no-usage"), texts.count(now.notActiveThisWeek()));
        b.append(u.render());
        if (!series.isEmpty()) {
            b.append('\n').append(texts.get("lifecycle.series")).append('\n');
            boolean[] right = new boolean[LifecycleStage.values().length + 1];
            Arrays.fill(right, true);
            right[0] = false;
            Table s = new Table("  ", right);
            List<String> head = new ArrayList<>(List.of(texts.get("lifecycle.week-ending")));
            for (LifecycleStage st : LifecycleStage.values()) {
                head.add(st.label(texts.locale()));
            }
            s.row(head.toArray(String[]::new));
            for (Lifecycle.Counts c : series) {
                List<String> row = new ArrayList<>(List.of(c.asOf() + (c.complete() ? "" : " " + texts.get("lifecycle.incomplete"))));
                for (LifecycleStage st : LifecycleStage.values()) {
                    row.add(texts.count(c.stage(st)));
                }
                s.row(row.toArray(String[]::new));
            }
            b.append(s.render());
        }
        if (moves != null) {
            b.append('\n').append(texts.format("lifecycle.movement", moves.from(), moves.to())).append('\n');
            boolean[] right = new boolean[moves.groups().size() + 1];
            Arrays.fill(right, true);
            right[0] = false;
            Table m = new Table("  ", right);
            List<String> head = new ArrayList<>(List.of(texts.get("rfm.from-to")));
            moves.groups().forEach(g -> head.add(label(g, texts)));
            m.row(head.toArray(String[]::new));
            for (int i = 0; i < moves.groups().size(); i++) {
                List<String> row = new ArrayList<>(List.of(label(moves.groups().get(i), texts)));
                moves.counts().get(i).forEach(n -> row.add(texts.count(n)));
                m.row(row.toArray(String[]::new));
            }
            b.append(m.render());
        }
        b.append('\n').append(texts.format("lifecycle.definition", r.rule().warningDays(), r.rule().churnDays())).append('\n');
        return b.toString();
    }

    private static String label(String wire, Texts texts) {
        return Transitions.NONE.equals(wire) ? texts.get("lifecycle.none")
                : LifecycleStage.fromName(wire).map(s -> s.label(texts.locale())).orElse(wire);
    }

    static ObjectNode json(ChurnOptions.Resolved r, AsOf at, Lifecycle.Counts now, List<Lifecycle.Counts> series,
                           Transitions moves) {
        ObjectNode node = Json.object();
        node.put("metric", "lifecycle");
        ObjectNode def = ChurnOptions.definitionJson(r, at);
        def.put("stages", "acquired: never active; churned: D - last >= N; silent: W <= D - last < N; "
                + "converted: first activity within N days; reactivated: latest return after a gap >= N within N days; active: the rest");
        def.put("usage", "customer-initiated active days in [D-6, D]: exploring 1-2, growing 3-5, mature 6-7");
        node.set("definition", def);
        if (r.auto() != null) {
            node.set("auto", ChurnOptions.autoJson(r.auto()));
        }
        node.set("counts", countsJson(now));
        ArrayNode weekly = node.putArray("weekly");
        series.forEach(c -> weekly.add(countsJson(c)));
        if (moves != null) {
            node.set("transitions", RfmCommand.transitionsJson(moves));
        }
        return node;
    }

    static ObjectNode countsJson(Lifecycle.Counts c) {
        ObjectNode n = Json.object();
        n.put("as_of", c.asOf().toString()).put("complete", c.complete()).put("customers", c.customers());
        ObjectNode stages = n.putObject("stages");
        for (LifecycleStage s : LifecycleStage.values()) {
            stages.put(s.wireName(), c.stage(s));
        }
        ObjectNode usage = n.putObject("usage");
        for (UsageStage s : UsageStage.values()) {
            usage.put(s.wireName(), c.usage(s));
        }
        usage.put("none", c.notActiveThisWeek());
        return n;
    }

    static List<List<String>> csv(List<Lifecycle.Counts> rows) {
        List<List<String>> out = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("as_of", "complete"));
        head.addAll(names());
        Arrays.stream(UsageStage.values()).forEach(s -> head.add(s.wireName()));
        head.add("no_usage");
        out.add(head);
        for (Lifecycle.Counts c : rows) {
            List<String> row = new ArrayList<>(List.of(c.asOf().toString(), Boolean.toString(c.complete())));
            c.stages().forEach(n -> row.add(n.toString()));
            c.usage().forEach(n -> row.add(n.toString()));
            row.add(Long.toString(c.notActiveThisWeek()));
            out.add(row);
        }
        return out;
    }
}
