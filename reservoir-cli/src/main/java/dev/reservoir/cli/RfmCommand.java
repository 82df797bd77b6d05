package dev.reservoir.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.Engine;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.segment.Rfm;
import dev.reservoir.segment.RfmClass;
import dev.reservoir.segment.RfmScoring;
import dev.reservoir.segment.SegmentFactsQuery;
import dev.reservoir.segment.Transitions;
import dev.reservoir.time.AsOf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code reservoir rfm}: the eight RFM classes as of D over the look-back window (size, money
 * share, average R, F, M), the scoring's thresholds, the R×F and R×M grids and, with
 * {@code --compare DATE}, how customers moved between classes from DATE to D.
 */
@Command(name = "rfm", mixinStandardHelpOptions = true, sortOptions = false)
final class RfmCommand implements Callable<Integer> {
    @Mixin
    private SharedOptions shared;

    @Mixin
    private ServerOptions server;

    @Mixin
    private SegmentOptions segment;

    @Option(names = "--compare", paramLabel = "DATE", converter = Converters.DateConverter.class,
            descriptionKey = "rfm-compare")
    private LocalDate compare;

    @Override
    public Integer call() {
        return shared.run(texts -> {
            if (server.given(shared)) {
                return server.forward(shared, "metrics/rfm");
            }
            try (Engine engine = shared.openEngine()) {
                TenantStore store = engine.store(shared.tenant());
                AsOf at = segment.asOf(store, shared);
                RfmScoring scoring = segment.scoring();
                int lookBack = segment.lookBack();
                Rfm.Result result = score(store, at, lookBack, scoring);
                Transitions moves = null;
                if (compare != null) {
                    AsOf before = new AsOf(compare, at.knownAt());
                    moves = Transitions.of(compare, classes(score(store, before, lookBack, scoring)), at.date(),
                            classes(result), Arrays.stream(RfmClass.values()).map(RfmClass::wireName).toList());
                }
                Currency currency = store.tenant().currency();
                Transitions m = moves;
                shared.print(() -> table(store.tenant().id(), result, m, currency, texts), () -> json(result, m, currency),
                        () -> csv(result));
            }
            return 0;
        });
    }

    static Rfm.Result score(TenantStore store, AsOf at, int lookBack, RfmScoring scoring) {
        // the lifecycle rule does not matter to RFM: any rule reads the same window facts
        SegmentFactsQuery query = new SegmentFactsQuery(at, lookBack,
                dev.reservoir.metric.ChurnRule.of(ChurnOptions.DEFAULT_PRESET));
        return new Rfm(at, lookBack, scoring).score(store.segments().facts(query));
    }

    static Map<String, String> classes(Rfm.Result r) {
        Map<String, String> out = new HashMap<>(r.customers().size() * 2);
        for (Rfm.Customer c : r.customers()) {
            out.put(c.customerId(), c.rfmClass().wireName());
        }
        return out;
    }

    static String className(RfmClass c, Texts texts) {
        return "zh".equals(texts.locale().getLanguage()) ? c.chinese() + " " + c.wireName() : c.wireName() + " " + c.chinese();
    }

    static String table(String tenant, Rfm.Result r, Transitions moves, Currency currency, Texts texts) {
        Rfm d = r.definition();
        StringBuilder b = new StringBuilder(texts.format("rfm.title", tenant, d.asOf().date(), d.lookBackDays(),
                d.windowStart(), d.asOf().date(), SegmentOptions.describe(d.scoring(), texts))).append('\n');
        d.asOf().knownAt().ifPresent(k -> b.append(texts.format("churn.known-at", k)).append('\n'));
        if (r.recency() != null) {
            b.append(texts.format("rfm.thresholds", r.recency().value().toPlainString(),
                    r.frequency().value().toPlainString(), texts.money(r.money().value(), currency))).append('\n');
        }
        b.append(texts.format("rfm.scored", texts.count(r.customers().size()), texts.count(r.refundOnly()))).append("\n\n");
        Table t = new Table("  ", false, false, true, true, true, true, true, true, true);
        t.row(texts.get("rfm.class"), "RFM", texts.get("rfm.customers"), texts.get("rfm.share"), texts.get("rfm.money"),
                texts.get("rfm.money-share"), texts.get("rfm.avg-r"), texts.get("rfm.avg-f"), texts.get("rfm.avg-m"));
        for (Rfm.ClassSummary s : r.classes()) {
            t.row(className(s.rfmClass(), texts), s.rfmClass().arrows(), texts.count(s.customers()),
                    ChurnOptions.percent(s.customerShare(), texts.locale()), texts.money(s.money(), currency),
                    ChurnOptions.percent(s.moneyShare(), texts.locale()), decimal(s.averageRecency(), texts),
                    decimal(s.averageFrequency(), texts),
                    s.averageMoney() == null ? "—" : texts.money(s.averageMoney(), currency));
        }
        b.append(t.render()).append('\n');
        b.append(grid(r.rf(), texts)).append('\n').append(grid(r.rm(), texts));
        if (moves != null) {
            b.append('\n').append(movement(moves, texts));
        }
        b.append('\n').append(texts.get("rfm.definition")).append('\n');
        return b.toString();
    }

    static String grid(Rfm.Grid g, Texts texts) {
        int max = g.counts().size();
        StringBuilder b = new StringBuilder(texts.format("rfm.grid", g.rows(), g.columns())).append('\n');
        boolean[] right = new boolean[max + 1];
        Arrays.fill(right, true);
        right[0] = false;
        Table t = new Table("  ", right);
        List<String> head = new ArrayList<>(List.of(""));
        for (int c = 1; c <= max; c++) {
            head.add(g.columns() + c);
        }
        t.row(head.toArray(String[]::new));
        // most recent (highest R score) first, as merchants read the grid
        for (int rScore = max; rScore >= 1; rScore--) {
            List<String> row = new ArrayList<>(List.of(g.rows() + rScore));
            for (long n : g.counts().get(rScore - 1)) {
                row.add(texts.count(n));
            }
            t.row(row.toArray(String[]::new));
        }
        return b.append(t.render()).toString();
    }

    static String movement(Transitions m, Texts texts) {
        StringBuilder b = new StringBuilder(texts.format("rfm.movement", m.from(), m.to())).append('\n');
        boolean[] right = new boolean[m.groups().size() + 1];
        Arrays.fill(right, true);
        right[0] = false;
        Table t = new Table("  ", right);
        List<String> head = new ArrayList<>(List.of(texts.get("rfm.from-to")));
        for (String g : m.groups()) {
            head.add(shortName(g, texts));
        }
        t.row(head.toArray(String[]::new));
        for (int i = 0; i < m.groups().size(); i++) {
            List<String> row = new ArrayList<>(List.of(shortName(m.groups().get(i), texts)));
            for (long n : m.counts().get(i)) {
                row.add(texts.count(n));
            }
            t.row(row.toArray(String[]::new));
        }
        return b.append(t.render()).toString();
    }

    private static String shortName(String wire, Texts texts) {
        if (Transitions.NONE.equals(wire)) {
            return texts.get("rfm.none");
        }
        return RfmClass.fromName(wire).map(c -> c.label(texts.locale())).orElse(wire);
    }

    private static String decimal(Double v, Texts texts) {
        return v == null ? "—" : String.format(texts.locale(), "%.1f", v);
    }

    static ObjectNode json(Rfm.Result r, Transitions moves, Currency currency) {
        Rfm d = r.definition();
        ObjectNode node = Json.object();
        node.put("metric", "rfm");
        ObjectNode def = node.putObject("definition");
        def.put("as_of", d.asOf().date().toString());
        def.put("known_at", d.asOf().knownAt().map(Object::toString).orElse(null));
        def.put("look_back_days", d.lookBackDays());
        def.put("window_start", d.windowStart().toString());
        def.set("scoring", SegmentOptions.scoringJson(d.scoring()));
        def.put("recency", "days from the last order in the window to the as-of date");
        def.put("frequency", "distinct orders dated in the window");
        def.put("monetary", "sum of the amounts of those orders (refunds not subtracted)");
        node.put("currency", currency.getCurrencyCode());
        if (r.recency() != null) {
            ObjectNode th = node.putObject("thresholds");
            th.put("recency", r.recency().value());
            th.put("frequency", r.frequency().value());
            th.put("money", r.money().value());
        }
        node.put("scored", r.customers().size());
        node.put("refund_only", r.refundOnly());
        ArrayNode classes = node.putArray("classes");
        for (Rfm.ClassSummary s : r.classes()) {
            ObjectNode c = classes.addObject();
            c.put("class", s.rfmClass().wireName()).put("name_zh", s.rfmClass().chinese()).put("rfm", s.rfmClass().arrows());
            c.put("customers", s.customers()).put("customer_share", s.customerShare());
            c.put("money", Json.money(s.money(), currency)).put("money_share", s.moneyShare());
            c.put("average_recency", s.averageRecency()).put("average_frequency", s.averageFrequency());
            c.put("average_money", s.averageMoney() == null ? null : Json.money(s.averageMoney(), currency));
        }
        ObjectNode scores = node.putObject("score_counts");
        for (Rfm.Dimension dim : Rfm.Dimension.values()) {
            ArrayNode a = scores.putArray(dim.name());
            r.scoreCounts().get(dim).forEach(a::add);
        }
        node.set("rf_grid", gridJson(r.rf()));
        node.set("rm_grid", gridJson(r.rm()));
        if (moves != null) {
            node.set("movement", transitionsJson(moves));
        }
        return node;
    }

    static ObjectNode gridJson(Rfm.Grid g) {
        ObjectNode n = Json.object();
        n.put("rows", g.rows() + " score 1..n").put("columns", g.columns() + " score 1..n");
        ArrayNode counts = n.putArray("counts");
        for (List<Long> row : g.counts()) {
            ArrayNode a = counts.addArray();
            row.forEach(a::add);
        }
        ArrayNode money = n.putArray("money");
        for (List<BigDecimal> row : g.money()) {
            ArrayNode a = money.addArray();
            row.forEach(a::add);
        }
        return n;
    }

    static ObjectNode transitionsJson(Transitions m) {
        ObjectNode n = Json.object();
        n.put("from", m.from().toString()).put("to", m.to().toString());
        ArrayNode groups = n.putArray("groups");
        m.groups().forEach(groups::add);
        ArrayNode counts = n.putArray("counts");
        for (List<Long> row : m.counts()) {
            ArrayNode a = counts.addArray();
            row.forEach(a::add);
        }
        return n;
    }

    static List<List<String>> csv(Rfm.Result r) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("class", "name_zh", "rfm", "customers", "money", "average_recency", "average_frequency", "average_money"));
        for (Rfm.ClassSummary s : r.classes()) {
            rows.add(List.of(s.rfmClass().wireName(), s.rfmClass().chinese(), s.rfmClass().arrows(),
                    Long.toString(s.customers()), s.money().stripTrailingZeros().toPlainString(),
                    s.averageRecency() == null ? "" : s.averageRecency().toString(),
                    s.averageFrequency() == null ? "" : s.averageFrequency().toString(),
                    s.averageMoney() == null ? "" : s.averageMoney().toPlainString()));
        }
        return rows;
    }
}
