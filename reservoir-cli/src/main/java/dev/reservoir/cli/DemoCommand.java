package dev.reservoir.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.Engine;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.engine.TenantSummary;
import dev.reservoir.event.Tenant;
import dev.reservoir.generate.GeneratedShop;
import dev.reservoir.generate.GeneratorSpec;
import dev.reservoir.ingest.BuiltinMapping;
import dev.reservoir.ingest.ImportListener;
import dev.reservoir.ingest.ImportReport;
import dev.reservoir.ingest.ImportRequest;
import dev.reservoir.time.AsOf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import dev.reservoir.metric.ChurnPreset;
import dev.reservoir.metric.ChurnRule;
import dev.reservoir.report.HealthReport;
import dev.reservoir.report.ReportParameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code reservoir demo}: generates a small shop into {@code <data>/demo-source/}, imports it
 * into tenant {@code demo} and shows what the tenant holds. The shop is a function of its
 * options, so running the demo again regenerates the same rows and stores nothing twice.
 *
 * <p>Steps, in order: {@link #generate}, {@link #tenant}, {@link #load}, {@link #report}, then
 * what the tenant holds and what to try next.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false)
final class DemoCommand implements Callable<Integer> {
    static final String TENANT = "demo";
    static final String SOURCE_FOLDER = "demo-source";
    static final String REPORT_FOLDER = "demo-report";

    @Spec
    private CommandSpec spec;

    @Mixin
    private SharedOptions shared;

    @Mixin
    private ProgressOption progress;

    @Mixin
    private GenerateCommand.ShopOptions shop;

    @Override
    public Integer call() {
        GeneratorSpec generatorSpec = shop.spec(spec, shared);
        return shared.run(texts -> {
            String tenantId = shared.tenantOr(TENANT);
            // The engine opens first: its lock keeps a second demo from rewriting the source
            // files this one is importing.
            try (Engine engine = shared.openEngine()) {
                Path source = shared.dataDirectory().resolve(SOURCE_FOLDER);
                GeneratedShop generated = GenerateCommand.generate(generatorSpec, source, progress, texts);
                boolean created = tenant(engine, tenantId);
                TenantStore store = engine.store(tenantId);
                List<ImportReport> imports = load(store, generated, texts);
                AsOf asOf = AsOfOptions.of(store, null, null, shared);
                TenantSummary summary = store.summary(asOf);
                List<String> written = report(store, generatorSpec, asOf, texts);
                List<String> next = next(tenantId);
                shared.print(() -> table(generated, generatorSpec, store.tenant(), created, imports, summary, asOf,
                        written, next, texts), () -> json(generated, generatorSpec, created, imports, summary, asOf,
                        written, next, texts));
            }
            return 0;
        });
    }

    /** Creates the demo tenant unless it exists; true when created. */
    private static boolean tenant(Engine engine, String id) {
        if (engine.tenant(id).isPresent()) {
            return false;
        }
        engine.createTenant(id, Tenant.DEFAULT_ZONE, Tenant.DEFAULT_CURRENCY);
        return true;
    }

    /** Customers first, then every event file in one import. */
    private List<ImportReport> load(TenantStore store, GeneratedShop generated, Texts texts) {
        List<ImportReport> reports = new ArrayList<>();
        try (Progress shown = progress.open()) {
            ImportListener listener = (file, phase, fraction) ->
                    shown.show(file.getFileName() + ": " + phase.label(texts.locale()), fraction);
            reports.add(store.importFiles(ImportRequest.of(BuiltinMapping.of(BuiltinMapping.Layout.CANONICAL_CUSTOMERS),
                    generated.customersFile()), listener));
            reports.add(store.importFiles(new ImportRequest(generated.eventFiles(),
                    BuiltinMapping.of(BuiltinMapping.Layout.CANONICAL), false, ImportRequest.DEFAULT_FUTURE_TOLERANCE),
                    listener));
        }
        return reports;
    }

    /**
     * The one place where the demo writes its reports, after the import and before the
     * summary; returns the files written, which the output lists: the weekly customer-health
     * report (SPEC "Seeing") as HTML in {@code <data>/demo-report/}. The shop's data is dated
     * from its spec's start (2025), so the report is as of a date inside it, not today: the last
     * Sunday of the generated window (a whole ISO week; the window's last day when it holds no
     * Sunday). The churn rule is the preset of the shop's industry.
     */
    private List<String> report(TenantStore store, GeneratorSpec spec, AsOf asOf, Texts texts) throws IOException {
        LocalDate last = spec.end().minusDays(1);
        LocalDate sunday = last.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
        LocalDate date = sunday.isBefore(spec.start()) ? last : sunday;
        ChurnPreset preset = switch (spec.profile()) {
            case TEA_CHAIN -> ChurnPreset.FOOD_DELIVERY;
            case ECOMMERCE -> ChurnPreset.APPAREL;
            case EDUCATION -> ChurnPreset.EDUCATION_SERVICES;
        };
        Path file = shared.dataDirectory().resolve(REPORT_FOLDER).resolve("customer-health-" + date + ".html");
        ReportParameters parameters = new ReportParameters(new AsOf(date, asOf.knownAt()), ChurnRule.of(preset),
                Optional.of(preset.wireName()), texts.locale(), ReportParameters.DEFAULT_TOP, docsBase(file));
        dev.reservoir.engine.AtomicFiles.writeString(file, HealthReport.build(store, parameters).html());
        return List.of(file.toString());
    }

    /**
     * Links from the report to the definitions: the checkout's docs folder relative to the
     * report when the demo runs in the checkout ({@code ./reservoir demo}), so they open locally.
     */
    private static String docsBase(Path report) {
        Path docs = Path.of("docs").toAbsolutePath();
        if (!Files.isRegularFile(docs.resolve("metrics.md"))) {
            return ReportParameters.DEFAULT_DOCS_BASE;
        }
        return report.toAbsolutePath().getParent().relativize(docs).toString().replace('\\', '/') + "/";
    }

    /** What to try next, as commands to copy. */
    private List<String> next(String tenantId) {
        String data = shared.dataOptionGiven() ? " --data " + quote(shared.dataDirectory().toString()) : "";
        return List.of("reservoir info --tenant " + tenantId + data + " --format json",
                "reservoir info --tenant " + tenantId + data + " --lang zh");
    }

    private static String quote(String path) {
        return path.matches("[A-Za-z0-9_./:@%+=-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
    }

    private static String table(GeneratedShop generated, GeneratorSpec spec, Tenant tenant, boolean created,
                                List<ImportReport> imports, TenantSummary summary, AsOf asOf, List<String> written,
                                List<String> next, Texts texts) {
        StringBuilder b = new StringBuilder();
        b.append(texts.format("demo.generated", spec.profile().profileName(), texts.count(generated.customers()),
                texts.count(generated.events()), texts.seconds(generated.took()), generated.directory())).append('\n');
        b.append(texts.format(created ? "demo.tenant-created" : "demo.tenant-exists", TenantView.phrase(tenant)))
                .append('\n');
        Table table = Table.numeric("  ", 7);
        table.row("", texts.get("import.read"), texts.get("import.accepted"), texts.get("import.duplicates"),
                texts.get("import.rejected"), texts.get("import.took"), texts.get("import.rows-per-second"));
        String[] labels = {texts.get("demo.customers"), texts.get("demo.events")};
        for (int i = 0; i < imports.size(); i++) {
            ImportReport r = imports.get(i);
            table.row(labels[i], texts.count(r.read()), texts.count(r.accepted()), texts.count(r.duplicates()),
                    texts.count(r.rejected()), texts.seconds(r.took()), texts.perSecond(r.read(), r.took()));
        }
        b.append(texts.get("demo.imported")).append('\n').append(table.render());
        for (ImportReport r : imports) {
            if (r.rejected() > 0 || r.conflicts() > 0) {
                // Not expected from generated data; show the details rather than hide them.
                b.append(ImportView.table(r, texts));
            }
        }
        for (String file : written) {
            b.append(texts.format("demo.wrote", file)).append('\n');
        }
        b.append('\n').append(SummaryView.table(summary, asOf, texts));
        b.append('\n').append(texts.get("demo.next")).append('\n');
        next.forEach(line -> b.append("  ").append(line).append('\n'));
        return b.toString();
    }

    private static ObjectNode json(GeneratedShop generated, GeneratorSpec spec, boolean created,
                                   List<ImportReport> imports, TenantSummary summary, AsOf asOf,
                                   List<String> written, List<String> next, Texts texts) {
        ObjectNode node = Json.object();
        node.set("generated", ShopView.json(generated, spec));
        node.put("tenant_created", created);
        ObjectNode importNodes = node.putObject("imports");
        importNodes.set("customers", ImportView.json(imports.get(0), texts));
        importNodes.set("events", ImportView.json(imports.get(1), texts));
        var reports = node.putArray("reports");
        written.forEach(reports::add);
        node.set("info", SummaryView.json(summary, asOf, texts));
        var nextNode = node.putArray("next");
        next.forEach(nextNode::add);
        return node;
    }
}
