package dev.reservoir.risk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.event.EventType;
import dev.reservoir.metric.Activity;
import dev.reservoir.metric.ChurnRule;
import dev.reservoir.model.ModelInputs;
import dev.reservoir.time.AsOf;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A trained churn-risk model and what it takes to score with it again: the feature names in
 * column order, the definition (rule, horizon), the window it was trained on and the
 * evaluation. Saved as a directory of two files:
 * <ul>
 * <li>{@code model.ubj}: XGBoost's own model file (universal binary JSON), loadable by any
 * XGBoost binding;</li>
 * <li>{@code risk.json}: the sidecar, {@code "format": "reservoir-risk/1"}, with the features,
 * the XGBoost parameters and rounds, the rule, the horizon, the training window (features as
 * of, labels as of, known-at, customers, churned) and the time-split report.</li>
 * </ul>
 * Scoring as of a date computes the same features the same way ({@link Features}), so the same
 * store and date give the same probabilities.
 */
public final class RiskModel {
    public static final String FORMAT = "reservoir-risk/1";
    public static final String MODEL_FILE = "model.ubj";
    public static final String SIDECAR = "risk.json";

    private final Booster booster;
    private final List<String> features;
    private final RiskDefinition definition;
    private final RiskReport.Window trainedOn;
    private final AsOf asOf;
    private final RiskReport report;
    private final JsonNode sidecar;

    RiskModel(Booster booster, List<String> features, RiskDefinition definition, RiskReport.Window trainedOn,
              AsOf asOf, RiskReport report) {
        this(booster, features, definition, trainedOn, asOf, report, null);
    }

    private RiskModel(Booster booster, List<String> features, RiskDefinition definition, RiskReport.Window trainedOn,
                      AsOf asOf, RiskReport report, JsonNode sidecar) {
        this.booster = Objects.requireNonNull(booster, "booster");
        this.features = List.copyOf(features);
        this.definition = Objects.requireNonNull(definition, "definition");
        this.trainedOn = Objects.requireNonNull(trainedOn, "trainedOn");
        this.asOf = Objects.requireNonNull(asOf, "asOf");
        this.report = report;
        this.sidecar = sidecar;
    }

    public RiskDefinition definition() {
        return definition;
    }

    public List<String> features() {
        return features;
    }

    /** Features as of D − h, labels as of D: the window the saved model learned from. */
    public RiskReport.Window trainedOn() {
        return trainedOn;
    }

    /** The as-of date (and known-at) of the training run. */
    public AsOf asOf() {
        return asOf;
    }

    /** The sidecar read from disk, or null for a model trained in this process. */
    public Optional<JsonNode> sidecar() {
        return Optional.ofNullable(sidecar);
    }

    /** Every customer of the population as of {@code at} with its churn probability. */
    public Scored score(ModelInputs inputs, AsOf at) {
        FeatureTable table = Features.build(inputs, definition.rule(), at, definition.horizonDays());
        return new Scored(table, GradientBoosting.predict(booster, table));
    }

    /** The features of the population as of a date and the model's probabilities, in customer order. */
    public record Scored(FeatureTable features, double[] probabilities) {
        public List<String> customers() {
            return features.customers();
        }

        public double value(int customer, String feature) {
            return features.rows()[customer][features.column(feature)];
        }
    }

    /** Writes {@code dir/model.ubj} and {@code dir/risk.json}. */
    public void save(Path dir, String tenant, Instant trainedAt) throws IOException {
        Files.createDirectories(dir);
        try {
            booster.saveModel(dir.resolve(MODEL_FILE).toString());
        } catch (XGBoostError e) {
            throw new IOException("XGBoost could not write " + dir.resolve(MODEL_FILE) + ": " + e.getMessage(), e);
        }
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(dir.resolve(SIDECAR), mapper.writeValueAsString(sidecar(mapper, tenant, trainedAt)) + "\n",
                StandardCharsets.UTF_8);
    }

    private ObjectNode sidecar(ObjectMapper mapper, String tenant, Instant trainedAt) {
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT);
        root.put("tenant", tenant);
        root.put("trained_at", trainedAt.toString());
        root.put("model_file", MODEL_FILE);
        root.put("library", "xgboost4j " + GradientBoosting.libraryVersion());
        ArrayNode names = root.putArray("features");
        features.forEach(names::add);
        ObjectNode params = root.putObject("parameters");
        GradientBoosting.PARAMETERS.forEach((k, v) -> params.putPOJO(k, v));
        root.put("rounds", GradientBoosting.ROUNDS);
        ObjectNode rule = root.putObject("rule");
        ArrayNode activity = rule.putArray("activity");
        definition.rule().activity().wireNames().forEach(activity::add);
        rule.put("warning_days", definition.rule().warningDays());
        rule.put("churn_days", definition.rule().churnDays());
        root.put("horizon_days", definition.horizonDays());
        root.put("top_share", definition.topShare());
        root.put("as_of", asOf.date().toString());
        root.put("known_at", asOf.knownAt().map(Instant::toString).orElse(null));
        root.set("training_window", window(mapper, trainedOn));
        root.put("label", "churned by the rule as of labels_as_of: labels_as_of - last activity >= churn_days");
        if (report != null) {
            root.set("evaluation", RiskJson.report(mapper, report));
        }
        return root;
    }

    static ObjectNode window(ObjectMapper mapper, RiskReport.Window w) {
        ObjectNode node = mapper.createObjectNode();
        node.put("features_as_of", w.featuresAt().toString());
        node.put("labels_as_of", w.labelsAt().toString());
        node.put("customers", w.customers());
        node.put("churned", w.churned());
        return node;
    }

    /** Reads a directory written by {@link #save}. */
    public static RiskModel load(Path dir) throws IOException {
        Path json = dir.resolve(SIDECAR);
        if (!Files.isRegularFile(json)) {
            throw invalid(dir, "it has no " + SIDECAR, "其中没有 " + SIDECAR);
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(json, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw invalid(dir, SIDECAR + " is not JSON", SIDECAR + " 不是 JSON");
        }
        if (root == null || !FORMAT.equals(root.path("format").asText(null))) {
            throw invalid(dir, "\"format\" must be \"" + FORMAT + "\"", "\"format\" 应为 \"" + FORMAT + "\"");
        }
        List<String> names = new ArrayList<>();
        root.path("features").forEach(n -> names.add(n.asText()));
        if (!names.equals(Features.names())) {
            throw invalid(dir, "its features " + names + " are not this version's " + Features.names(),
                    "其特征 " + names + " 与本版本的 " + Features.names() + " 不同");
        }
        RiskDefinition def;
        RiskReport.Window window;
        AsOf asOf;
        try {
            JsonNode rule = root.path("rule");
            Set<EventType> types = EnumSet.noneOf(EventType.class);
            for (JsonNode t : rule.path("activity")) {
                types.add(EventType.fromWireName(t.asText())
                        .orElseThrow(() -> new IllegalArgumentException("unknown activity type " + t.asText())));
            }
            def = new RiskDefinition(new ChurnRule(new Activity(types), rule.path("warning_days").asInt(),
                    rule.path("churn_days").asInt()), root.path("horizon_days").asInt(), root.path("top_share").asDouble());
            JsonNode w = root.path("training_window");
            window = new RiskReport.Window(LocalDate.parse(w.path("features_as_of").asText()),
                    LocalDate.parse(w.path("labels_as_of").asText()), w.path("customers").asInt(), w.path("churned").asInt());
            String knownAt = root.path("known_at").isTextual() ? root.path("known_at").asText() : null;
            asOf = new AsOf(LocalDate.parse(root.path("as_of").asText()),
                    knownAt == null ? Optional.empty() : Optional.of(Instant.parse(knownAt)));
        } catch (RuntimeException e) {
            throw invalid(dir, String.valueOf(e.getMessage()), String.valueOf(e.getMessage()));
        }
        Path model = dir.resolve(MODEL_FILE);
        if (!Files.isRegularFile(model)) {
            throw invalid(dir, "it has no " + MODEL_FILE, "其中没有 " + MODEL_FILE);
        }
        Booster booster;
        try {
            booster = XGBoost.loadModel(model.toString());
        } catch (XGBoostError e) {
            throw invalid(dir, MODEL_FILE + " is not an XGBoost model (" + e.getMessage().lines().findFirst().orElse("") + ")",
                    MODEL_FILE + " 不是 XGBoost 模型");
        }
        return new RiskModel(booster, names, def, window, asOf, null, root);
    }

    private static ReservoirException invalid(Path dir, String english, String chinese) {
        return new ReservoirException(ErrorCode.RISK_MODEL_INVALID, dir, Localizable.of(english, chinese));
    }
}
