package dev.reservoir.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.Engine;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.risk.Evaluation;
import dev.reservoir.risk.RiskDefinition;
import dev.reservoir.risk.RiskJson;
import dev.reservoir.risk.RiskModel;
import dev.reservoir.risk.RiskReport;
import dev.reservoir.risk.RiskTier;
import dev.reservoir.risk.RiskTiers;
import dev.reservoir.risk.RiskTraining;
import dev.reservoir.time.AsOf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code reservoir risk}: the learned churn risk.
 * <ul>
 * <li>Without {@code --model}: trains gradient-boosted trees on a time split as of D (features
 * at D − 2h, labels at D − h; judged on features at D − h, labels at D) and prints AUC,
 * precision and recall at the top k, calibration and feature importances beside the recency and
 * 1 − P(alive) baselines; {@code --out DIR} saves the model (trained again on the latest window)
 * for scoring.</li>
 * <li>With {@code --model DIR}: scores the customers as of D with the saved model and puts them
 * in value × risk tiers (predicted CLV × churn probability); {@code --list} lists the customers
 * of {@code --tier} (default {@code save}, 重要挽留), {@code --export FILE} writes them to a CSV or
 * JSON Lines file.</li>
 * </ul>
 */
@Command(name = "risk", mixinStandardHelpOptions = true, sortOptions = false)
final class RiskCommand implements Callable<Integer> {
    @Mixin
    private SharedOptions shared;

    @Mixin
    private ChurnOptions churn;

    @Mixin
    private AsOfOptions asOf;

    @Option(names = "--horizon", paramLabel = "DAYS", descriptionKey = "risk-horizon")
    private Integer horizon;

    @Option(names = "--top", paramLabel = "SHARE", defaultValue = "0.1", descriptionKey = "risk-top")
    private double top;

    @Option(names = "--out", paramLabel = "DIR", descriptionKey = "risk-out")
    private Path out;

    @Option(names = "--save", descriptionKey = "risk-save")
    private boolean save;

    @Option(names = "--model", paramLabel = "DIR", descriptionKey = "risk-model")
    private Path modelDir;

    @Option(names = "--list", descriptionKey = "risk-list")
    private boolean list;

    @Option(names = "--tier", paramLabel = "save|keep|win-back|maintain|all", defaultValue = "save",
            descriptionKey = "risk-tier")
    private String tier;

    @Option(names = "--risk-threshold", paramLabel = "P", defaultValue = "0.5", descriptionKey = "risk-threshold")
    private double riskThreshold;

    @Option(names = "--value-share", paramLabel = "SHARE", defaultValue = "0.2", descriptionKey = "risk-value-share")
    private double valueShare;

    @Option(names = "--months", paramLabel = "M", defaultValue = "12", descriptionKey = "clv-months")
    private int months;

    @Option(names = "--discount", paramLabel = "RATE", defaultValue = "0.01", descriptionKey = "clv-discount")
    private double discount;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", descriptionKey = "score-limit")
    private int limit;

    @Option(names = "--export", paramLabel = "FILE", descriptionKey = "risk-export")
    private Path export;

    @Override
    public Integer call() {
        return shared.run(texts -> {
            if (save && modelDir != null) {
                throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "--save",
                        Localizable.of("training (no --model): --save keeps the model it trains",
                                "训练模式（不带 --model）：--save 保存训练出的模型"), "--model " + modelDir);
            }
            if (modelDir == null) {
                for (String option : new String[] {"--list", "--export"}) {
                    if (option.equals("--list") ? list : export != null) {
                        throw new ReservoirException(ErrorCode.INVALID_PARAMETER, option,
                                Localizable.of("--model DIR (a model saved by reservoir risk --out)",
                                        "--model DIR（reservoir risk --out 保存的模型）"), "--model missing");
                    }
                }
                return train(texts);
            }
            return score(texts);
        });
    }

    // ---------------------------------------------------------------- training and report

    private int train(Texts texts) throws IOException {
        if (!(top > 0 && top <= 1)) {
            throw invalid("--top", Localizable.of("a share in (0, 1] such as 0.1", "(0, 1] 之间的比例，如 0.1"), top);
        }
        try (Engine engine = shared.openEngine()) {
            TenantStore store = engine.store(shared.tenant());
            AsOf at = asOf.resolve(store, shared);
            ChurnOptions.Resolved r = churn.resolve(store, at);
            int h = horizon == null ? r.rule().churnDays() : horizon;
            if (h < 1 || h > 3660) {
                throw invalid("--horizon", Localizable.of("a number of days from 1 to 3660", "1 到 3660 之间的天数"), h);
            }
            RiskDefinition def = new RiskDefinition(r.rule(), h, top);
            RiskTraining.Trained trained = RiskTraining.run(store.modelInputs(), def, at);
            String tenant = store.tenant().id();
            if (out != null) {
                trained.model().save(out, tenant, shared.clock().instant());
            }
            if (save) {
                trained.model().save(SavedModels.risk(shared), tenant, shared.clock().instant());
            }
            RiskReport report = trained.report();
            shared.print(() -> reportTable(tenant, r, report, texts), () -> reportJson(tenant, r, report),
                    () -> reportCsv(report));
        }
        return 0;
    }

    private String reportTable(String tenant, ChurnOptions.Resolved r, RiskReport report, Texts texts) {
        StringBuilder b = new StringBuilder();
        b.append(texts.format("risk.title", tenant, report.asOf().date(), report.definition().horizonDays())).append('\n');
        b.append(ChurnOptions.definitionLine(r, report.asOf(), texts));
        b.append(texts.format("risk.window-train", report.train().featuresAt(), report.train().labelsAt(),
                texts.count(report.train().customers()), texts.count(report.train().churned()),
                ChurnOptions.percent(rate(report.train()), texts.locale()))).append('\n');
        b.append(texts.format("risk.window-test", report.test().featuresAt(), report.test().labelsAt(),
                texts.count(report.test().customers()), texts.count(report.test().churned()),
                ChurnOptions.percent(rate(report.test()), texts.locale()))).append('\n');
        b.append('\n');
        String topLabel = texts.format("risk.top", report.definition().topShare() * 100, report.model().top());
        Table t = new Table("  ", false, true, true, true);
        t.row(texts.get("risk.scorer"), "AUC", texts.get("risk.precision") + " " + topLabel,
                texts.get("risk.recall") + " " + topLabel);
        for (RiskReport.Scorer s : report.scorers()) {
            Evaluation e = s.evaluation();
            t.row(s.kind().label(texts.locale()), fixed(e.auc(), 3, texts.locale()),
                    ChurnOptions.percent(e.precisionAtTop(), texts.locale()),
                    ChurnOptions.percent(Double.isNaN(e.recallAtTop()) ? null : e.recallAtTop(), texts.locale()));
        }
        b.append(t.render());
        b.append(texts.format("risk.base", ChurnOptions.percent(report.model().base(), texts.locale()))).append('\n');
        b.append('\n').append(texts.get("risk.calibration")).append('\n');
        List<RiskReport.Scorer> calibrated = report.scorers().stream().filter(s -> s.evaluation().calibration() != null).toList();
        boolean[] right = new boolean[2 + 2 * calibrated.size()];
        java.util.Arrays.fill(right, true);
        Table c = new Table("  ", right);
        List<String> head = new ArrayList<>(List.of("", ""));
        List<String> columns = new ArrayList<>(List.of(texts.get("risk.decile"), texts.get("risk.customers")));
        for (RiskReport.Scorer s : calibrated) {
            head.add(s.kind().label(texts.locale()));
            head.add("");
            columns.add(texts.get("risk.predicted"));
            columns.add(texts.get("risk.actual"));
        }
        c.row(head.toArray(String[]::new));
        c.row(columns.toArray(String[]::new));
        List<Evaluation.CalibrationRow> rows = report.model().calibration();
        for (int i = 0; i < rows.size(); i++) {
            List<String> cells = new ArrayList<>(List.of(Integer.toString(rows.get(i).decile()), texts.count(rows.get(i).customers())));
            for (RiskReport.Scorer s : calibrated) {
                Evaluation.CalibrationRow row = s.evaluation().calibration().get(i);
                cells.add(ChurnOptions.percent(row.predicted(), texts.locale()));
                cells.add(ChurnOptions.percent(row.actual(), texts.locale()));
            }
            c.row(cells.toArray(String[]::new));
        }
        b.append(c.render());
        b.append('\n').append(texts.get("risk.importances")).append('\n');
        Table imp = Table.numeric("  ", 2);
        for (RiskReport.Importance i : report.importances().subList(0, Math.min(10, report.importances().size()))) {
            imp.row(i.feature(), ChurnOptions.percent(i.share(), texts.locale()));
        }
        b.append(imp.render());
        for (String note : report.notes()) {
            b.append(texts.format("risk.note", note)).append('\n');
        }
        b.append('\n').append(texts.format("risk.definition", report.definition().horizonDays(),
                report.definition().rule().churnDays())).append('\n');
        if (out != null) {
            b.append(texts.format("risk.saved", out, report.test().featuresAt(), report.test().labelsAt())).append('\n');
        }
        return b.toString();
    }

    private static Double rate(RiskReport.Window w) {
        return w.customers() == 0 ? null : (double) w.churned() / w.customers();
    }

    private ObjectNode reportJson(String tenant, ChurnOptions.Resolved r, RiskReport report) {
        ObjectNode node = Json.object();
        node.put("command", "risk");
        ObjectNode d = ChurnOptions.definitionJson(r, report.asOf());
        d.put("tenant", tenant);
        d.put("horizon_days", report.definition().horizonDays());
        d.put("top_share", report.definition().topShare());
        d.put("label", "churned by the rule as of labels_as_of: labels_as_of - last activity >= churn_days");
        node.set("definition", d);
        node.set("report", RiskJson.report(new ObjectMapper(), report));
        if (out != null) {
            node.put("saved", Json.path(out));
        }
        return node;
    }

    private static List<List<String>> reportCsv(RiskReport report) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("scorer", "customers", "churned", "auc", "top", "precision_at_top", "recall_at_top"));
        for (RiskReport.Scorer s : report.scorers()) {
            Evaluation e = s.evaluation();
            rows.add(List.of(s.kind().wireName(), Integer.toString(e.customers()), Integer.toString(e.churned()),
                    number(e.auc()), Integer.toString(e.top()), number(e.precisionAtTop()), number(e.recallAtTop())));
        }
        return rows;
    }

    // ---------------------------------------------------------------- scoring and tiers

    private int score(Texts texts) throws IOException {
        Optional<RiskTier> only;
        if (tier.equals("all")) {
            only = Optional.empty();
        } else {
            only = Optional.of(RiskTier.fromWireName(tier).orElseThrow(() -> invalid("--tier",
                    Localizable.of(RiskTier.wireNames() + " or all", RiskTier.wireNames() + " 或 all"), tier)));
        }
        if (!(riskThreshold > 0 && riskThreshold < 1)) {
            throw invalid("--risk-threshold", Localizable.of("a probability in (0, 1) such as 0.5", "(0, 1) 之间的概率，如 0.5"),
                    riskThreshold);
        }
        if (!(valueShare > 0 && valueShare < 1)) {
            throw invalid("--value-share", Localizable.of("a share in (0, 1) such as 0.2", "(0, 1) 之间的比例，如 0.2"), valueShare);
        }
        if (months < 1 || months > 1200) {
            throw invalid("--months", Localizable.of("a number of months from 1 to 1200", "1 到 1200 之间的月数"), months);
        }
        if (!(discount >= 0 && discount < 1)) {
            throw invalid("--discount", Localizable.of("a monthly rate from 0 to below 1, such as 0.01",
                    "0 到 1 之间（不含 1）的月折现率，如 0.01"), discount);
        }
        if (limit < 0) {
            throw invalid("--limit", Localizable.of("a number ≥ 0 (0 shows all)", "≥ 0 的数（0 表示全部）"), limit);
        }
        RiskModel model = RiskModel.load(modelDir);
        try (Engine engine = shared.openEngine()) {
            String tenant = shared.tenantOr(model.sidecar().map(s -> s.path("tenant").asText(null)).orElse(null));
            TenantStore store = engine.store(tenant == null ? shared.tenant() : tenant);
            AsOf at = asOf.resolve(store, shared);
            RiskTiers.Result result = RiskTiers.score(store.modelInputs(), model,
                    at, new RiskTiers.Options(riskThreshold, valueShare, months, discount));
            List<RiskTiers.Customer> listed = result.customers().stream()
                    .filter(c -> only.isEmpty() || c.tier() == only.get()).toList();
            if (export != null) {
                export(export, listed);
            }
            String id = store.tenant().id();
            shared.print(() -> tiersTable(id, model, result, listed, texts), () -> tiersJson(id, model, result, listed),
                    list ? () -> listCsv(listed) : () -> tierCountsCsv(result));
        }
        return 0;
    }

    private String tiersTable(String tenant, RiskModel model, RiskTiers.Result result, List<RiskTiers.Customer> listed,
                              Texts texts) {
        StringBuilder b = new StringBuilder();
        b.append(texts.format("risk.tiers-title", tenant, result.at().date(), modelDir, model.trainedOn().featuresAt(),
                model.trainedOn().labelsAt())).append('\n');
        b.append(texts.format("risk.tiers-rule", model.definition().rule().activity(), model.definition().rule().churnDays(),
                model.definition().horizonDays(), riskThreshold * 100, valueShare * 100, months, discount,
                Double.isNaN(result.valueCut()) ? "—" : fixed(result.valueCut(), 2, texts.locale()))).append('\n');
        Table t = Table.numeric("  ", 3);
        t.row(texts.get("risk.tier"), texts.get("risk.customers"), texts.get("risk.value-at-risk"));
        for (RiskTier rt : RiskTier.values()) {
            double atRisk = result.customers().stream().filter(c -> c.tier() == rt && !Double.isNaN(c.valueAtRisk()))
                    .mapToDouble(RiskTiers.Customer::valueAtRisk).sum();
            t.row(rt.wireName() + " (" + rt.label(texts.locale()) + ")", texts.count(result.count(rt)),
                    fixed(atRisk, 2, texts.locale()));
        }
        b.append(t.render());
        if (list) {
            b.append('\n').append(texts.format("risk.list-title", tier, texts.count(listed.size()))).append('\n');
            Table l = new Table("  ", false, false, true, true, true, true, true);
            l.row(texts.get("models.customer"), texts.get("risk.tier"), texts.get("risk.probability"), "CLV",
                    texts.get("risk.value-at-risk"), texts.get("risk.recency"), texts.get("models.p-alive"));
            int shown = limit == 0 ? listed.size() : Math.min(limit, listed.size());
            for (RiskTiers.Customer c : listed.subList(0, shown)) {
                l.row(c.customerId(), c.tier().wireName(), fixed(c.churnProbability(), 3, texts.locale()),
                        fixed(c.clv(), 2, texts.locale()), fixed(c.valueAtRisk(), 2, texts.locale()),
                        fixed(c.recencyDays(), 0, texts.locale()), fixed(c.pAlive(), 3, texts.locale()));
            }
            b.append(l.render());
        }
        for (String note : result.notes()) {
            b.append(texts.format("risk.note", note)).append('\n');
        }
        if (export != null) {
            b.append(texts.format("risk.exported", texts.count(listed.size()), export)).append('\n');
        }
        b.append(texts.get("risk.tiers-definition")).append('\n');
        return b.toString();
    }

    private ObjectNode tiersJson(String tenant, RiskModel model, RiskTiers.Result result, List<RiskTiers.Customer> listed) {
        ObjectNode node = Json.object();
        node.put("command", "risk");
        ObjectNode d = node.putObject("definition");
        d.put("tenant", tenant);
        d.put("model", Json.path(modelDir));
        d.put("as_of", result.at().date().toString());
        d.put("known_at", result.at().knownAt().map(Instant::toString).orElse(null));
        model.sidecar().ifPresent(s -> {
            d.set("rule", s.get("rule"));
            d.set("training_window", s.get("training_window"));
        });
        d.put("horizon_days", model.definition().horizonDays());
        d.put("risk_threshold", riskThreshold);
        d.put("value_share", valueShare);
        d.put("clv_months", months);
        d.put("monthly_discount_rate", discount);
        number(d, "value_cut", result.valueCut());
        d.put("tier", tier);
        ObjectNode counts = node.putObject("tiers");
        for (RiskTier rt : RiskTier.values()) {
            counts.put(rt.wireName(), result.count(rt));
        }
        ArrayNode notes = node.putArray("notes");
        result.notes().forEach(notes::add);
        if (list) {
            ArrayNode customers = node.putArray("customers");
            listed.forEach(c -> customers.add(customerJson(c)));
        }
        return node;
    }

    private static ObjectNode customerJson(RiskTiers.Customer c) {
        ObjectNode o = Json.object();
        o.put("customer_id", c.customerId());
        o.put("tier", c.tier().wireName());
        o.put("churn_probability", c.churnProbability());
        number(o, "clv", c.clv());
        number(o, "value_at_risk", c.valueAtRisk());
        number(o, "recency_days", c.recencyDays());
        number(o, "p_alive", c.pAlive());
        return o;
    }

    private static final ObjectMapper COMPACT = new ObjectMapper();

    private static final List<String> LIST_HEADER = List.of("customer_id", "tier", "churn_probability", "clv",
            "value_at_risk", "recency_days", "p_alive");

    private static List<String> listRow(RiskTiers.Customer c) {
        return List.of(c.customerId(), c.tier().wireName(), Double.toString(c.churnProbability()), number(c.clv()),
                number(c.valueAtRisk()), number(c.recencyDays()), number(c.pAlive()));
    }

    private static List<List<String>> listCsv(List<RiskTiers.Customer> listed) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(LIST_HEADER);
        listed.forEach(c -> rows.add(listRow(c)));
        return rows;
    }

    private static List<List<String>> tierCountsCsv(RiskTiers.Result result) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("tier", "customers"));
        for (RiskTier rt : RiskTier.values()) {
            rows.add(List.of(rt.wireName(), Long.toString(result.count(rt))));
        }
        return rows;
    }

    /** The list as CSV (any name) or JSON Lines (a name ending .jsonl or .ndjson), one customer a line. */
    private static void export(Path file, List<RiskTiers.Customer> listed) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean jsonLines = name.endsWith(".jsonl") || name.endsWith(".ndjson");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (jsonLines) {
                for (RiskTiers.Customer c : listed) {
                    w.write(COMPACT.writeValueAsString(customerJson(c)));
                    w.write('\n');
                }
            } else {
                w.write(Csv.line(LIST_HEADER));
                for (RiskTiers.Customer c : listed) {
                    w.write(Csv.line(listRow(c)));
                }
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    private static void number(ObjectNode o, String name, double v) {
        if (Double.isNaN(v)) {
            o.putNull(name);
        } else {
            o.put(name, v);
        }
    }

    private static String fixed(double v, int digits, Locale locale) {
        return Double.isNaN(v) ? "—" : String.format(locale, "%,." + digits + "f", v);
    }

    private static ReservoirException invalid(String option, Localizable expected, Object value) {
        return new ReservoirException(ErrorCode.INVALID_PARAMETER, option, expected, String.valueOf(value));
    }
}
