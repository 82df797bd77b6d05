package dev.reservoir.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.Engine;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.segment.Audience;
import dev.reservoir.segment.RfmClass;
import dev.reservoir.segments.CustomerView;
import dev.reservoir.segments.FactField;
import dev.reservoir.segments.SegmentSnapshot;
import dev.reservoir.time.AsOf;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code reservoir customers --segment CLASS | --tag NAME | --stage STAGE}: the customers an
 * audience selects as of D, by value (money in the look-back window, highest first), each with the
 * facts that put them there; printed, or exported whole with {@code --export FILE} (.csv or
 * .jsonl). A campaign's audience is the same {@link Audience}, resolved the same way.
 */
@Command(name = "customers", mixinStandardHelpOptions = true, sortOptions = false)
final class CustomersCommand implements Callable<Integer> {
    @Mixin
    private SharedOptions shared;

    @Mixin
    private ServerOptions server;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Selection selection;

    static final class Selection {
        @Option(names = "--segment", paramLabel = "CLASS", descriptionKey = "customers-segment")
        String segment;

        @Option(names = "--tag", paramLabel = "NAME", descriptionKey = "customers-tag")
        String tag;

        @Option(names = "--stage", paramLabel = "STAGE", descriptionKey = "customers-stage")
        String stage;
    }

    @Mixin
    private SegmentOptions segment;

    @Mixin
    private ChurnOptions churn;

    @Option(names = "--limit", paramLabel = "K", defaultValue = "50", descriptionKey = "warn-limit")
    private int limit;

    @Option(names = "--export", paramLabel = "FILE", descriptionKey = "customers-export")
    private Path export;

    @Option(names = "--was", paramLabel = "segment:CLASS|stage:STAGE|tag:NAME", descriptionKey = "customers-was")
    private String was;

    @Option(names = "--on", paramLabel = "DATE", converter = Converters.DateConverter.class, descriptionKey = "customers-on")
    private LocalDate on;

    /** A column of the list: its name and how to read it. */
    record Column(String name, Function<CustomerView, Object> value) {
    }

    @Override
    public Integer call() {
        return shared.run(texts -> {
            if (limit < 0) {
                throw SegmentOptions.invalid("--limit", Localizable.of("a number of customers, 0 for all", "客户数，0 表示全部"), limit);
            }
            if (export != null && !(export.toString().endsWith(".csv") || export.toString().endsWith(".jsonl"))) {
                throw SegmentOptions.invalid("--export", Localizable.of("a file name ending in .csv or .jsonl",
                        "以 .csv 或 .jsonl 结尾的文件名"), export);
            }
            if (server.given(shared)) {
                return export == null ? server.forward(shared, "metrics/customers") : remoteExport(texts);
            }
            Audience audience = audience();
            Audience before = null;
            if (was != null || on != null) {
                if (was == null || on == null) {
                    throw SegmentOptions.invalid(was == null ? "--on" : "--was", Localizable.of(
                            "--was GROUP and --on DATE together", "--was 分组 与 --on 日期 同时给出"), was == null ? on : was);
                }
                before = Audience.parse(was).orElseThrow(() -> SegmentOptions.invalid("--was", Localizable.of(
                        "segment:CLASS, stage:STAGE or tag:NAME, e.g. segment:important-value",
                        "segment:分类、stage:阶段 或 tag:标签，如 segment:important-value"), was));
            }
            try (Engine engine = shared.openEngine()) {
                TenantStore store = engine.store(shared.tenant());
                AsOf at = segment.asOf(store, shared);
                ChurnOptions.Resolved r = churn.resolve(store, at);
                boolean needTags = audience instanceof Audience.Tag || before instanceof Audience.Tag;
                dev.reservoir.segments.Tags tags = needTags ? segment.tags(shared, segment.predictions(store, at)) : null;
                SegmentSnapshot snapshot = segment.snapshot(store, at, r, tags);
                List<CustomerView> selected = snapshot.select(audience);
                if (before != null) {
                    // who was in GROUP on DATE: the same scoring, rule and tags, as of that date
                    AsOf then = new AsOf(on, at.knownAt());
                    java.util.Set<String> earlier = new java.util.HashSet<>();
                    segment.snapshot(store, then, churn.resolve(store, then), tags).select(before)
                            .forEach(v -> earlier.add(v.customerId()));
                    selected = selected.stream().filter(v -> earlier.contains(v.customerId())).toList();
                }
                List<CustomerView> all = selected;
                String described = before == null ? audience.describe()
                        : audience.describe() + " ← " + before.describe() + " @ " + on;
                List<Column> columns = columns(audience, snapshot);
                Currency currency = store.tenant().currency();
                if (export != null) {
                    write(export, columns, all);
                    shared.print(() -> texts.format("customers.exported", texts.count(all.size()), described,
                                    at.date(), export) + "\n",
                            () -> summaryJson(described, at, snapshot, all.size(), export));
                    return 0;
                }
                List<CustomerView> shown = limit == 0 || all.size() <= limit ? all : all.subList(0, limit);
                shared.print(() -> table(audience, described, at, snapshot, all.size(), shown, columns, currency, texts),
                        () -> json(described, at, snapshot, all.size(), shown, columns), () -> csv(columns, shown));
            }
            return 0;
        });
    }

    /**
     * {@code --export FILE} through the server: the list comes whole ({@code limit=0}) as the
     * command's CSV, or as JSON whose customers become the JSON Lines; the file is written here.
     */
    private int remoteExport(Texts texts) throws IOException {
        boolean csv = export.toString().endsWith(".csv");
        java.util.Set<String> skip = java.util.Set.of("export", "limit");
        ObjectMapper mapper = new ObjectMapper();
        String body = server.fetch(shared, "metrics/customers", "json", skip,
                List.of(java.util.Map.entry("limit", csv ? "1" : "0")));
        ObjectNode list = (ObjectNode) mapper.readTree(body);
        Path parent = export.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (csv) {
            Files.writeString(export, server.fetch(shared, "metrics/customers", "csv", skip,
                    List.of(java.util.Map.entry("limit", "0"))), StandardCharsets.UTF_8);
        } else {
            try (BufferedWriter w = Files.newBufferedWriter(export, StandardCharsets.UTF_8)) {
                for (com.fasterxml.jackson.databind.JsonNode row : list.path("customers")) {
                    w.write(mapper.writeValueAsString(row));
                    w.write('\n');
                }
            }
        }
        long total = list.path("total").asLong();
        String described = list.path("definition").path("audience").asText();
        String asOf = list.path("definition").path("as_of").asText();
        // The summary as summaryJson writes it: the list's header, then the file.
        ObjectNode summary = (ObjectNode) com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .nodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true)).build()
                .readTree(body);
        summary.remove(List.of("shown", "customers"));
        summary.put("exported", export.toString());
        shared.print(() -> texts.format("customers.exported", texts.count(total), described, asOf, export) + "\n",
                () -> summary);
        return 0;
    }

    Audience audience() {
        if (selection.segment != null) {
            return new Audience.Segment(RfmClass.fromName(selection.segment.toLowerCase(Locale.ROOT))
                    .orElseThrow(() -> SegmentOptions.invalid("--segment", Localizable.of(
                            "an RFM class such as important-retain or 重要挽留 (" + classNames() + ")",
                            "RFM 分类，如 important-retain 或 重要挽留（" + classNames() + "）"), selection.segment)));
        }
        if (selection.tag != null) {
            return new Audience.Tag(selection.tag);
        }
        return Audience.stage(selection.stage).orElseThrow(() -> SegmentOptions.invalid("--stage", Localizable.of(
                "a lifecycle stage (acquired, converted, active, reactivated, silent, churned) or a usage stage (exploring, growing, mature)",
                "生命周期阶段（acquired、converted、active、reactivated、silent、churned）或使用阶段（exploring、growing、mature）"),
                selection.stage));
    }

    private static String classNames() {
        return String.join(", ", java.util.Arrays.stream(RfmClass.values()).map(RfmClass::wireName).toList());
    }

    /**
     * The facts that put a customer in the audience first (R, F, M and scores for a segment; the
     * activity dates for a stage; the facts the rule names for a tag), then value and context.
     */
    static List<Column> columns(Audience audience, SegmentSnapshot s) {
        List<Column> out = new ArrayList<>();
        out.add(new Column("customer_id", CustomerView::customerId));
        if (audience instanceof Audience.Segment) {
            out.add(new Column("recency", v -> v.rfm().recency()));
            out.add(new Column("frequency", v -> v.rfm().frequency()));
            out.add(new Column("money", v -> v.rfm().money()));
            out.add(new Column("r_score", v -> v.rfm().r()));
            out.add(new Column("f_score", v -> v.rfm().f()));
            out.add(new Column("m_score", v -> v.rfm().m()));
        } else if (audience instanceof Audience.Stage) {
            out.add(new Column("first_activity", v -> v.facts().firstActivity()));
            out.add(new Column("last_activity", v -> v.facts().lastActivity()));
            out.add(new Column("days_since_activity", v -> v.facts().lastActivity() == null ? null : v.daysSince(v.facts().lastActivity())));
            out.add(new Column("last_return", v -> v.facts().lastReturn()));
        } else if (audience instanceof Audience.Usage) {
            out.add(new Column("active_days_7", v -> v.facts().activeDays7()));
        } else {
            Audience.Tag tag = (Audience.Tag) audience;
            int i = s.tags().index(tag.name()).orElseThrow();
            for (FactField f : s.tags().referenced(i)) {
                out.add(new Column(f.name(), f.value()::apply));
            }
        }
        List<String> taken = out.stream().map(Column::name).toList();
        for (Column c : List.of(
                new Column("money", v -> v.facts().windowMoney()),
                new Column("orders", v -> v.facts().orders()),
                new Column("money_total", v -> v.facts().money()),
                new Column("last_order", v -> v.facts().lastOrder()),
                new Column("stage", v -> v.stage().wireName()),
                new Column("rfm", v -> v.rfm() == null ? null : v.rfm().rfmClass().wireName()))) {
            if (!taken.contains(c.name())) {
                out.add(c);
            }
        }
        return out;
    }

    /** 1200.0000 as 1200, 12.50 as 12.5: no exponent, no trailing zeros. */
    static BigDecimal plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (v instanceof List<?> l) {
            return String.join("|", l.stream().map(String::valueOf).toList());
        }
        return v.toString();
    }

    static String table(Audience a, String described, AsOf at, SegmentSnapshot s, int total, List<CustomerView> shown,
                        List<Column> columns, Currency currency, Texts texts) {
        StringBuilder b = new StringBuilder(texts.format("customers.title", described, at.date(),
                s.query().lookBackDays(), SegmentOptions.describe(s.rfm().definition().scoring(), texts),
                texts.count(total), texts.count(shown.size()))).append('\n');
        if (a instanceof Audience.Tag t) {
            s.tags().definitions().stream().filter(d -> d.name().equals(t.name())).findFirst()
                    .ifPresent(d -> b.append(texts.format("customers.rule", d.rule())).append('\n'));
        }
        boolean[] right = new boolean[columns.size()];
        Table table = new Table("  ", right);
        table.row(columns.stream().map(Column::name).toArray(String[]::new));
        for (CustomerView v : shown) {
            table.row(columns.stream().map(c -> text(c.value().apply(v))).toArray(String[]::new));
        }
        b.append(table.render()).append(texts.format("customers.order-note", currency.getCurrencyCode())).append('\n');
        return b.toString();
    }

    static ObjectNode header(String described, AsOf at, SegmentSnapshot s, int total) {
        ObjectNode node = Json.object();
        node.put("metric", "customers");
        ObjectNode def = node.putObject("definition");
        def.put("audience", described);
        def.put("as_of", at.date().toString());
        def.put("known_at", at.knownAt().map(Object::toString).orElse(null));
        def.put("look_back_days", s.query().lookBackDays());
        def.set("scoring", SegmentOptions.scoringJson(s.rfm().definition().scoring()));
        def.put("churn_days", s.query().rule().churnDays());
        def.put("warning_days", s.query().rule().warningDays());
        def.put("order", "money in the look-back window desc, money of all orders desc, customer_id asc");
        node.put("total", total);
        return node;
    }

    static ObjectNode json(String described, AsOf at, SegmentSnapshot s, int total, List<CustomerView> shown,
                           List<Column> columns) {
        ObjectNode node = header(described, at, s, total);
        node.put("shown", shown.size());
        ArrayNode customers = node.putArray("customers");
        for (CustomerView v : shown) {
            customers.add(row(v, columns));
        }
        return node;
    }

    static ObjectNode summaryJson(String described, AsOf at, SegmentSnapshot s, int total, Path file) {
        ObjectNode node = header(described, at, s, total);
        node.put("exported", file.toString());
        return node;
    }

    static ObjectNode row(CustomerView v, List<Column> columns) {
        ObjectNode o = Json.object();
        for (Column c : columns) {
            Object x = c.value().apply(v);
            if (x == null) {
                o.putNull(c.name());
            } else if (x instanceof BigDecimal d) {
                o.put(c.name(), plain(d));
            } else if (x instanceof Number n) {
                if (x instanceof Double d) {
                    o.put(c.name(), d);
                } else {
                    o.put(c.name(), n.longValue());
                }
            } else if (x instanceof Boolean bool) {
                o.put(c.name(), bool);
            } else if (x instanceof List<?> l) {
                ArrayNode arr = o.putArray(c.name());
                l.forEach(e -> arr.add(String.valueOf(e)));
            } else if (x instanceof java.util.Map<?, ?> m) {
                ObjectNode obj = o.putObject(c.name());
                m.forEach((k, val) -> obj.put(String.valueOf(k), String.valueOf(val)));
            } else {
                o.put(c.name(), x.toString());
            }
        }
        return o;
    }

    static List<List<String>> csv(List<Column> columns, List<CustomerView> rows) {
        List<List<String>> out = new ArrayList<>();
        out.add(columns.stream().map(Column::name).toList());
        for (CustomerView v : rows) {
            out.add(columns.stream().map(c -> text(c.value().apply(v))).toList());
        }
        return out;
    }

    /** The whole list: CSV (header first) or JSON Lines (one object per customer), UTF-8. */
    static void write(Path file, List<Column> columns, List<CustomerView> rows) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ObjectMapper mapper = new ObjectMapper();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (file.toString().endsWith(".csv")) {
                for (List<String> row : csv(columns, rows)) {
                    w.write(Csv.line(row));
                }
            } else {
                for (CustomerView v : rows) {
                    w.write(mapper.writeValueAsString(row(v, columns)));
                    w.write('\n');
                }
            }
        }
    }

}
