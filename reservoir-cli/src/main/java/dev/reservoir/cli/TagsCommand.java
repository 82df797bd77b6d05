package dev.reservoir.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.AtomicFiles;
import dev.reservoir.engine.Engine;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.metric.Rates;
import dev.reservoir.risk.RiskTiers;
import dev.reservoir.segments.FactField;
import dev.reservoir.segments.SegmentSnapshot;
import dev.reservoir.segments.TagDefinition;
import dev.reservoir.segments.TagFile;
import dev.reservoir.segments.Tags;
import dev.reservoir.time.AsOf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code reservoir tags}: the tenant's tags (from {@code tags.yaml} or {@code --tags FILE}), each
 * rule checked, with the number of customers carrying it as of D; {@code --fields} lists the facts
 * a rule can name.
 */
@Command(name = "tags", mixinStandardHelpOptions = true, sortOptions = false)
final class TagsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private SharedOptions shared;

    @Mixin
    private ServerOptions server;

    @Mixin
    private SegmentOptions segment;

    @Mixin
    private ChurnOptions churn;

    @Option(names = "--fields", descriptionKey = "tags-fields")
    private boolean fields;

    @Option(names = "--save", paramLabel = "FILE", descriptionKey = "tags-save")
    private Path save;

    /** What messages call the file to save, when it is a copy: the server saves a request's body. Not for people. */
    @Option(names = "--shown-as", hidden = true, paramLabel = "NAME")
    private String shownAs;

    @Override
    public Integer call() {
        return shared.run(texts -> {
            if (save != null && (segment.tagsFile != null || fields)) {
                throw new ParameterException(spec.commandLine(), texts.get("tags.save-alone"));
            }
            if (server.given(shared)) {
                if (save != null) {
                    // Checked here first, so that a wrong rule is reported before anything is sent.
                    checked(save, save.toString());
                    String answer = server.replace(shared, "tags", save, shared.format().name().toLowerCase(Locale.ROOT),
                            Set.of("save"));
                    shared.out().print(answer);
                    shared.out().flush();
                    return 0;
                }
                return server.forward(shared, "metrics/tags");
            }
            if (fields) {
                Tags tags = segment.tags(shared, segment.predictions(null, null));
                List<FactField> all = new ArrayList<>();
                for (String name : fieldNames(tags)) {
                    all.add(tags.field(name));
                }
                shared.print(() -> fieldsTable(all, texts), () -> fieldsJson(all), () -> fieldsCsv(all, texts));
                return 0;
            }
            try (Engine engine = shared.openEngine()) {
                TenantStore store = engine.store(shared.tenant());
                if (save != null) {
                    install(checked(save, shownAs != null ? shownAs : save.toString()), segment.tagsPath(shared));
                }
                AsOf at = segment.asOf(store, shared);
                ChurnOptions.Resolved r = churn.resolve(store, at);
                Tags tags = segment.tags(shared, segment.predictions(store, at));
                SegmentSnapshot snapshot = segment.snapshot(store, at, r, tags);
                Map<String, Long> sizes = snapshot.tagSizes();
                long customers = snapshot.customers().size();
                shared.print(() -> table(snapshot, sizes, customers, texts), () -> json(snapshot, sizes, customers),
                        () -> csv(tags, sizes));
            }
            return 0;
        });
    }

    /**
     * The text of {@code file} once every definition in it parses and every rule compiles (with
     * the predicted facts declared, which rules may name when a risk model is given), named
     * {@code source} in messages.
     */
    private static String checked(Path file, String source) {
        if (!Files.isRegularFile(file)) {
            throw new ReservoirException(ErrorCode.FILE_NOT_FOUND, source);
        }
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReservoirException(e, ErrorCode.UNREADABLE_FILE, source, "YAML", e.getMessage());
        }
        Tags.compile(source, TagFile.parse(source, yaml), SegmentOptions.predictions((RiskTiers.Result) null));
        return yaml;
    }

    /** Writes {@code yaml} as the tenant's tags file. */
    private static void install(String yaml, Path target) {
        try {
            AtomicFiles.writeString(target, yaml);
        } catch (IOException e) {
            throw new ReservoirException(e, ErrorCode.FILE_NOT_WRITABLE, target, e.getMessage());
        }
    }

    /** The standard fields in declaration order (the checker knows them; this lists them). */
    private static List<String> fieldNames(Tags tags) {
        List<String> names = new ArrayList<>();
        for (String n : List.of("recency", "ordered", "frequency", "money", "orders", "money_total", "refunds",
                "days_inactive", "active_days_7", "tenure", "stage", "usage", "rfm", "r_score", "f_score", "m_score",
                "categories", "complaints", "reviews", "five_star_reviews", "min_rating", "avg_rating", "paid_member",
                "member_tier", "store_id", "channel", "attributes", "churn_risk", "predicted_value", "risk_tier")) {
            if (tags.field(n) != null) {
                names.add(n);
            }
        }
        return names;
    }

    static String table(SegmentSnapshot s, Map<String, Long> sizes, long customers, Texts texts) {
        StringBuilder b = new StringBuilder(texts.format("tags.title", s.query().asOf().date(), s.tags().source(),
                texts.count(customers))).append('\n');
        if (sizes.isEmpty()) {
            return b.append(texts.format("tags.none", s.tags().source())).append('\n').toString();
        }
        Table t = new Table("  ", false, false, true, true, false);
        t.row(texts.get("tags.name"), texts.get("tags.label"), texts.get("rfm.customers"), texts.get("rfm.share"),
                texts.get("tags.rule"));
        for (TagDefinition d : s.tags().definitions()) {
            long n = sizes.get(d.name());
            t.row(d.name(), d.label(texts.locale()), texts.count(n),
                    ChurnOptions.percent(Rates.rate(n, customers), texts.locale()), d.rule());
        }
        return b.append(t.render()).append('\n').append(texts.get("tags.definition")).append('\n').toString();
    }

    static ObjectNode json(SegmentSnapshot s, Map<String, Long> sizes, long customers) {
        ObjectNode node = Json.object();
        node.put("metric", "tags");
        ObjectNode def = node.putObject("definition");
        def.put("as_of", s.query().asOf().date().toString());
        def.put("known_at", s.query().asOf().knownAt().map(Object::toString).orElse(null));
        def.put("look_back_days", s.query().lookBackDays());
        def.put("source", s.tags().source());
        def.put("language", "Common Expression Language (CEL) over the customer facts; see docs/segments.md");
        node.put("customers", customers);
        ArrayNode tags = node.putArray("tags");
        for (TagDefinition d : s.tags().definitions()) {
            tags.addObject().put("name", d.name()).put("rule", d.rule()).put("en", d.english()).put("zh", d.chinese())
                    .put("customers", sizes.get(d.name()));
        }
        return node;
    }

    static List<List<String>> csv(Tags tags, Map<String, Long> sizes) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("name", "rule", "customers"));
        for (TagDefinition d : tags.definitions()) {
            rows.add(List.of(d.name(), d.rule(), Long.toString(sizes.get(d.name()))));
        }
        return rows;
    }

    static String fieldsTable(List<FactField> fields, Texts texts) {
        StringBuilder b = new StringBuilder(texts.get("tags.fields-title")).append('\n');
        Table t = new Table("  ", false, false, false);
        for (FactField f : fields) {
            t.row(f.name(), f.kind().wireName(), f.description(texts.locale()));
        }
        return b.append(t.render()).toString();
    }

    static ObjectNode fieldsJson(List<FactField> fields) {
        ObjectNode node = Json.object();
        ArrayNode a = node.putArray("fields");
        for (FactField f : fields) {
            a.addObject().put("name", f.name()).put("type", f.kind().wireName()).put("en", f.english()).put("zh", f.chinese());
        }
        return node;
    }

    static List<List<String>> fieldsCsv(List<FactField> fields, Texts texts) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("name", "type", "description"));
        for (FactField f : fields) {
            rows.add(List.of(f.name(), f.kind().wireName(), f.description(texts.locale())));
        }
        return rows;
    }
}
