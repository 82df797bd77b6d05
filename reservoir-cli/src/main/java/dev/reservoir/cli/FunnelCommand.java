package dev.reservoir.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.Engine;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.Tenant;
import dev.reservoir.metric.ConversionWindow;
import dev.reservoir.metric.Funnel;
import dev.reservoir.metric.FunnelDropOff;
import dev.reservoir.metric.FunnelOrder;
import dev.reservoir.metric.FunnelResult;
import dev.reservoir.metric.FunnelStep;
import dev.reservoir.metric.RepurchaseGroup;
import dev.reservoir.metric.RepurchaseSplit;
import dev.reservoir.time.AsOf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code reservoir funnel --step S1 --step S2 ... [--window 14d] [--order ordered|strict|any]
 * [--from DATE] [--split ATTRIBUTE] [--drop-offs [--dropped-at K] [--limit N]] [--as-of D]
 * [--known-at T]}: reached, conversion, drop-off and time to convert per step, or the people who
 * dropped out, ready for a campaign.
 */
@Command(name = "funnel", mixinStandardHelpOptions = true, sortOptions = false)
final class FunnelCommand implements Callable<Integer> {
    static final String DEFAULT_WINDOW = "14d";
    private static final Pattern DAYS = Pattern.compile("(\\d+)\\s*d");

    @Mixin
    private SharedOptions shared;

    @Mixin
    private ServerOptions server;

    @Option(names = "--step", paramLabel = "STEP", required = true, descriptionKey = "funnel-step")
    private List<String> steps;

    @Option(names = "--window", paramLabel = "WINDOW", defaultValue = DEFAULT_WINDOW, descriptionKey = "funnel-window")
    private String window;

    @Option(names = "--order", paramLabel = "ORDER", defaultValue = "ordered", descriptionKey = "funnel-order")
    private String order;

    @Option(names = "--from", paramLabel = "DATE", converter = Converters.DateConverter.class,
            descriptionKey = "funnel-from")
    private LocalDate from;

    @Option(names = "--split", paramLabel = "ATTRIBUTE", descriptionKey = "funnel-split")
    private String split;

    @Option(names = "--drop-offs", descriptionKey = "funnel-drop-offs")
    private boolean dropOffs;

    @Option(names = "--dropped-at", paramLabel = "K", descriptionKey = "funnel-dropped-at")
    private Integer droppedAt;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", descriptionKey = "funnel-limit")
    private int limit;

    @Mixin
    private AsOfOptions asOf;

    @Override
    public Integer call() {
        return shared.run(texts -> {
            if (server.given(shared)) {
                return server.forward(shared, "metrics/funnel");
            }
            List<FunnelStep> parsed = steps.stream().map(FunnelStep::parse).toList();
            ConversionWindow w = window(window);
            FunnelOrder o = FunnelOrder.parse(order);
            Optional<RepurchaseSplit> by = split == null ? Optional.empty() : Optional.of(RepurchaseSplit.parse(split));
            if (limit < 0) {
                throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "--limit",
                        Localizable.of("0 or more", "不小于 0 的整数"), limit);
            }
            try (Engine engine = shared.openEngine()) {
                TenantStore store = engine.store(shared.tenant());
                AsOf at = asOf.resolve(store, shared);
                Funnel def = new Funnel(parsed, w, o, from != null ? from : at.date().minusDays(29), at, by);
                if (dropOffs || droppedAt != null) {
                    OptionalInt k = droppedAt == null ? OptionalInt.empty() : OptionalInt.of(droppedAt);
                    List<FunnelDropOff> people = store.funnels().dropOffs(def, k);
                    shared.print(() -> dropOffTable(store.tenant(), def, k, people, texts),
                            () -> dropOffJson(store.tenant(), def, k, people), () -> dropOffCsv(def, people));
                } else {
                    FunnelResult r = store.funnels().funnel(def);
                    shared.print(() -> table(store.tenant(), r, texts), () -> json(store.tenant(), r), () -> csv(r));
                }
            }
            return 0;
        });
    }

    /** {@code 14d} (dates, SPEC's convention), or an exact duration: {@code 30m}, {@code 2h}, {@code PT90M}. */
    static ConversionWindow window(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = DAYS.matcher(t);
        try {
            if (m.matches()) {
                return new ConversionWindow.Days(Integer.parseInt(m.group(1)));
            }
            Duration d = new Converters.DurationConverter().convert(t);
            return new ConversionWindow.Span(d);
        } catch (RuntimeException e) {
            if (e instanceof ReservoirException r && r.code() == ErrorCode.INVALID_PARAMETER) {
                throw r;
            }
            throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "--window",
                    Localizable.of("days such as 14d, or a duration such as 30m, 2h or PT90M",
                            "天数（如 14d）或时长（如 30m、2h、PT90M）"), text);
        }
    }

    private static String windowText(ConversionWindow w, Texts texts) {
        return w instanceof ConversionWindow.Days d ? texts.format("funnel.window-days", d.days())
                : duration(((ConversionWindow.Span) w).duration().toSeconds(), texts);
    }

    /** {@code 45 s}, {@code 5 min 00 s}, {@code 10 h 00 min}, {@code 2 d 03 h}: readable at every scale. */
    static String duration(double seconds, Texts texts) {
        long s = Math.round(seconds);
        if (s < 60) {
            return texts.format("funnel.seconds", s);
        } else if (s < 3600) {
            return texts.format("funnel.minutes", s / 60, s % 60);
        } else if (s < 86_400) {
            return texts.format("funnel.hours", s / 3600, s % 3600 / 60);
        }
        return texts.format("funnel.days", s / 86_400, s % 86_400 / 3600);
    }

    private static String header(Tenant tenant, Funnel d, Texts texts) {
        StringBuilder b = new StringBuilder();
        b.append(texts.format("funnel.title", TenantView.phrase(tenant), d.asOf().date(), d.from()));
        d.asOf().knownAt().ifPresent(k -> b.append(texts.format("info.known-at", k)));
        b.append('\n').append(texts.format("funnel.steps", String.join(" → ", d.steps().stream().map(FunnelStep::text)
                .toList()), texts.get("funnel.order." + d.order().wireName()), windowText(d.window(), texts)));
        d.split().ifPresent(s -> b.append(texts.format("funnel.split", s.name())));
        return b.append('\n').toString();
    }

    static String table(Tenant tenant, FunnelResult r, Texts texts) {
        Funnel d = r.definition();
        StringBuilder b = new StringBuilder(header(tenant, d, texts)).append('\n');
        Table t = new Table("  ", false, true, false, true, true, true, true, true, true);
        t.row(texts.get("repurchase.group"), texts.get("funnel.step"), "", texts.get("funnel.reached"),
                texts.get("funnel.from-previous"), texts.get("funnel.from-first"), texts.get("funnel.drop-off"),
                texts.get("funnel.median"), texts.get("funnel.p90"));
        for (FunnelResult.Row row : r.rows()) {
            t.row(RepurchaseView.group(row.group(), d.split(), texts), Integer.toString(row.step()),
                    d.steps().get(row.step() - 1).text(), texts.count(row.reached()),
                    row.step() == 1 ? "" : RepurchaseView.percent(row.fromPrevious(), texts),
                    RepurchaseView.percent(row.fromFirst(), texts),
                    row.step() == 1 ? "" : texts.count(row.dropOff()),
                    row.medianSeconds() == null ? "" : duration(row.medianSeconds(), texts),
                    row.p90Seconds() == null ? "" : duration(row.p90Seconds(), texts));
        }
        b.append(t.render());
        if (!d.openFrom().isAfter(d.asOf().date())) {
            b.append('\n').append(texts.format("funnel.open-note", d.openFrom())).append('\n');
        }
        b.append('\n').append(texts.get("funnel.definition." + d.order().wireName())).append('\n');
        return b.toString();
    }

    static ObjectNode definition(ObjectNode node, Tenant tenant, Funnel d) {
        node.set("tenant", TenantView.json(tenant));
        node.put("as_of", d.asOf().date().toString());
        node.put("known_at", d.asOf().knownAt().map(Object::toString).orElse(null));
        ObjectNode def = node.putObject("definition");
        ArrayNode steps = def.putArray("steps");
        d.steps().forEach(s -> steps.add(s.text()));
        def.put("order", d.order().wireName());
        if (d.window() instanceof ConversionWindow.Days days) {
            def.put("window_days", days.days());
            def.putNull("window_seconds");
        } else {
            def.putNull("window_days");
            def.put("window_seconds", ((ConversionWindow.Span) d.window()).duration().toSeconds());
        }
        def.put("from", d.from().toString());
        def.put("open_from", d.openFrom().toString());
        def.put("split", d.split().map(RepurchaseSplit::name).orElse(null));
        def.put("text", "Entries: people with a step-1 event dated in [from, as_of]; each counted once by the"
                + " attempt reaching the furthest step within the window (first to get there, latest start);"
                + " order " + d.order().wireName() + "; times from the previous step in seconds, percentiles by"
                + " linear interpolation");
        return node;
    }

    static ObjectNode json(Tenant tenant, FunnelResult r) {
        ObjectNode node = definition(Json.object().put("metric", "funnel"), tenant, r.definition());
        ArrayNode groups = node.putArray("groups");
        for (RepurchaseGroup g : r.groups()) {
            ObjectNode group = groups.addObject().put("group", g.kind().name().toLowerCase(Locale.ROOT))
                    .put("value", g.value());
            ArrayNode steps = group.putArray("steps");
            for (FunnelResult.Row row : r.rows(g)) {
                steps.addObject().put("step", row.step()).put("name", r.definition().steps().get(row.step() - 1).text())
                        .put("reached", row.reached()).put("previous", row.previous())
                        .put("from_previous", row.step() == 1 ? null : row.fromPrevious())
                        .put("from_first", row.fromFirst()).put("drop_off", row.dropOff())
                        .put("median_seconds", row.medianSeconds()).put("p90_seconds", row.p90Seconds());
            }
        }
        return node;
    }

    static List<List<String>> csv(FunnelResult r) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("group", "value", "step", "name", "reached", "previous", "from_previous", "from_first",
                "drop_off", "median_seconds", "p90_seconds"));
        for (FunnelResult.Row row : r.rows()) {
            rows.add(java.util.Arrays.asList(row.group().kind().name().toLowerCase(Locale.ROOT), row.group().value(),
                    Integer.toString(row.step()), r.definition().steps().get(row.step() - 1).text(),
                    Long.toString(row.reached()), Long.toString(row.previous()),
                    row.step() == 1 ? null : text(row.fromPrevious()), text(row.fromFirst()),
                    Long.toString(row.dropOff()), text(row.medianSeconds()), text(row.p90Seconds())));
        }
        return rows;
    }

    private static String text(Double x) {
        return x == null ? null : x.toString();
    }

    private String dropOffTable(Tenant tenant, Funnel d, OptionalInt k, List<FunnelDropOff> people, Texts texts) {
        StringBuilder b = new StringBuilder(header(tenant, d, texts));
        int shown = limit == 0 ? people.size() : Math.min(limit, people.size());
        b.append(k.isPresent()
                ? texts.format("funnel.drop-offs-at", k.getAsInt(), d.steps().get(k.getAsInt() - 1).text(),
                        texts.count(people.size()), texts.count(shown))
                : texts.format("funnel.drop-offs", texts.count(people.size()), texts.count(shown))).append('\n');
        Table t = new Table("  ", false, false, true, false, false);
        t.row(texts.get("funnel.person"), texts.get("repurchase.group"), texts.get("funnel.last-step"), "",
                texts.get("funnel.at"));
        for (FunnelDropOff p : people.subList(0, shown)) {
            t.row(p.anonymous() ? texts.format("funnel.visitor", p.id()) : p.id(),
                    RepurchaseView.group(p.group(), d.split(), texts), Integer.toString(p.lastStep()),
                    d.steps().get(p.lastStep() - 1).text(), p.at().atZone(tenant.timeZone()).toLocalDateTime().toString());
        }
        b.append(t.render());
        b.append('\n').append(texts.get("funnel.drop-offs-definition")).append('\n');
        return b.toString();
    }

    private static ObjectNode dropOffJson(Tenant tenant, Funnel d, OptionalInt k, List<FunnelDropOff> people) {
        ObjectNode node = definition(Json.object().put("metric", "funnel_drop_offs"), tenant, d);
        if (k.isPresent()) {
            node.put("dropped_at", k.getAsInt());
        } else {
            node.putNull("dropped_at");
        }
        node.put("count", people.size());
        ArrayNode rows = node.putArray("drop_offs");
        for (FunnelDropOff p : people) {
            rows.addObject().put("id", p.id()).put("anonymous", p.anonymous()).put("last_step", p.lastStep())
                    .put("last_step_name", d.steps().get(p.lastStep() - 1).text()).put("at", p.at().toString())
                    .put("group", p.group().kind().name().toLowerCase(Locale.ROOT)).put("value", p.group().value());
        }
        return node;
    }

    private static List<List<String>> dropOffCsv(Funnel d, List<FunnelDropOff> people) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("id", "anonymous", "last_step", "last_step_name", "at", "group", "value"));
        for (FunnelDropOff p : people) {
            rows.add(java.util.Arrays.asList(p.id(), Boolean.toString(p.anonymous()), Integer.toString(p.lastStep()),
                    d.steps().get(p.lastStep() - 1).text(), p.at().toString(),
                    p.group().kind().name().toLowerCase(Locale.ROOT), p.group().value()));
        }
        return rows;
    }
}
