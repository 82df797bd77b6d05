package dev.reservoir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.model.BgNbd;
import dev.reservoir.model.Fit;
import dev.reservoir.model.GammaGamma;
import dev.reservoir.model.ModelKind;
import dev.reservoir.model.ParetoNbd;
import dev.reservoir.model.PurchaseModel;
import dev.reservoir.model.TimeUnit;
import dev.reservoir.time.AsOf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The file {@code reservoir fit --out} writes and {@code predict} / {@code clv} read: the
 * fitted parameters (full double precision, so scoring later gives the same numbers), the data
 * window they were fitted on (tenant, calibration end, known-at, unit) and the fit statistics.
 *
 * <pre>{@code
 * {"format": "reservoir-model/1", "tenant": "default", "fitted_at": "...",
 *  "data": {"calibration_end": "1997-09-30", "known_at": null, "unit": "week", "customers": 2357, "repeat_buyers": 946},
 *  "model": {"kind": "bg-nbd", "parameters": {"r": 0.2426, ...}, "standard_errors": {...},
 *            "log_likelihood": -9582.43, "bic": ..., "aic": ..., "customers": 2357, "rows": 1016,
 *            "compressed": true, "evaluations": 229, "penalty": 0.0},
 *  "spend": {"kind": "gamma-gamma", ...} or "spend": null with "spend_error": "why"}
 * }</pre>
 */
record ModelFile(String tenant, Instant fittedAt, AsOf calibrationEnd, TimeUnit unit, long customers,
                 PurchaseModel model, Optional<GammaGamma> spend, JsonNode json) {
    static final String FORMAT = "reservoir-model/1";

    /** The JSON tree of a fit. */
    static ObjectNode json(String tenant, Instant fittedAt, AsOf calibrationEnd, TimeUnit unit, long customers,
                           long repeatBuyers, Fit<? extends PurchaseModel> fit, Fit<GammaGamma> spend, String spendError) {
        ObjectNode root = Json.object();
        root.put("format", FORMAT);
        root.put("tenant", tenant);
        root.put("fitted_at", fittedAt.toString());
        ObjectNode data = root.putObject("data");
        data.put("calibration_end", calibrationEnd.date().toString());
        data.put("known_at", calibrationEnd.knownAt().map(Instant::toString).orElse(null));
        data.put("unit", unit.wireName());
        data.put("customers", customers);
        data.put("repeat_buyers", repeatBuyers);
        root.set("model", fitJson(fit));
        if (spend != null) {
            root.set("spend", fitJson(spend));
        } else {
            root.putNull("spend");
            root.put("spend_error", spendError);
        }
        return root;
    }

    static ObjectNode fitJson(Fit<?> fit) {
        ObjectNode node = Json.object();
        node.put("kind", fit.kind().wireName());
        ObjectNode params = node.putObject("parameters");
        ObjectNode errors = node.putObject("standard_errors");
        List<String> names = fit.kind().parameterNames();
        for (int i = 0; i < names.size(); i++) {
            params.put(names.get(i), fit.parameters().get(i));
            errors.put(names.get(i), fit.standardErrors().get(i));
        }
        node.put("log_likelihood", fit.logLikelihood());
        node.put("bic", fit.bic());
        node.put("aic", fit.aic());
        node.put("customers", fit.customers());
        node.put("rows", fit.rows());
        node.put("compressed", fit.compressed());
        node.put("evaluations", fit.evaluations());
        node.put("penalty", fit.penalty());
        return node;
    }

    static void write(Path file, ObjectNode json) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, Json.write(json) + "\n", StandardCharsets.UTF_8);
    }

    static ModelFile read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new ReservoirException(ErrorCode.FILE_NOT_FOUND, file);
        } catch (IOException e) {
            throw invalid(file, "not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")",
                    "不是 JSON（" + e.getMessage().lines().findFirst().orElse("") + "）");
        }
        if (root == null || !FORMAT.equals(text(root, "format"))) {
            throw invalid(file, "\"format\" must be \"" + FORMAT + "\"", "\"format\" 应为 \"" + FORMAT + "\"");
        }
        try {
            JsonNode data = root.path("data");
            String knownAt = text(data, "known_at");
            AsOf end = new AsOf(LocalDate.parse(text(data, "calibration_end")),
                    knownAt == null ? Optional.empty() : Optional.of(Instant.parse(knownAt)));
            TimeUnit unit = TimeUnit.fromWireName(text(data, "unit"))
                    .orElseThrow(() -> new IllegalArgumentException("unknown unit " + text(data, "unit")));
            PurchaseModel model = purchaseModel(root.path("model"));
            JsonNode spendNode = root.path("spend");
            Optional<GammaGamma> spend = spendNode.isObject()
                    ? Optional.of(new GammaGamma(param(spendNode, "p"), param(spendNode, "q"), param(spendNode, "gamma")))
                    : Optional.empty();
            return new ModelFile(text(root, "tenant"), Instant.parse(text(root, "fitted_at")), end, unit,
                    data.path("customers").asLong(), model, spend, root);
        } catch (IllegalArgumentException | DateTimeParseException | NullPointerException e) {
            throw invalid(file, String.valueOf(e.getMessage()), String.valueOf(e.getMessage()));
        }
    }

    private static PurchaseModel purchaseModel(JsonNode node) {
        ModelKind kind = ModelKind.fromWireName(text(node, "kind"))
                .orElseThrow(() -> new IllegalArgumentException("unknown model kind " + text(node, "kind")));
        return switch (kind) {
            case BG_NBD -> new BgNbd(param(node, "r"), param(node, "alpha"), param(node, "a"), param(node, "b"));
            case PARETO_NBD -> new ParetoNbd(param(node, "r"), param(node, "alpha"), param(node, "s"), param(node, "beta"));
            case GAMMA_GAMMA -> throw new IllegalArgumentException("\"model\" must be bg-nbd or pareto-nbd, was gamma-gamma");
        };
    }

    private static double param(JsonNode node, String name) {
        JsonNode v = node.path("parameters").path(name);
        if (!v.isNumber()) {
            throw new IllegalArgumentException("parameter " + name + " is missing or not a number");
        }
        return v.asDouble();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static ReservoirException invalid(Path file, String english, String chinese) {
        return new ReservoirException(ErrorCode.MODEL_FILE_INVALID, file, Localizable.of(english, chinese));
    }
}
