package dev.reservoir.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.model.CustomerSummaries;
import dev.reservoir.model.CustomerSummary;
import dev.reservoir.time.AsOf;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What {@code predict} and {@code clv} share: the model file, the date the customers are
 * scored as of (by default the model's own calibration end and known-at, so a score can be
 * reproduced exactly) and how many rows the table shows.
 */
final class Scoring {
    @Option(names = "--model-file", paramLabel = "FILE", required = true, descriptionKey = "score-model-file")
    Path modelFile;

    @Option(names = "--as-of", paramLabel = "DATE", converter = Converters.DateConverter.class, descriptionKey = "score-as-of")
    LocalDate asOf;

    @Option(names = "--known-at", paramLabel = "INSTANT", converter = Converters.InstantConverter.class,
            descriptionKey = "known-at")
    Instant knownAt;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", descriptionKey = "score-limit")
    int limit;

    /** The model, the date and the customers' summaries in the model's unit. */
    record Input(ModelFile model, AsOf at, List<CustomerSummary> customers) {
    }

    ModelFile model() throws IOException {
        if (limit < 0) {
            throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "--limit",
                    Localizable.of("a number ≥ 0 (0 shows all)", "≥ 0 的数（0 表示全部）"), String.valueOf(limit));
        }
        return ModelFile.read(modelFile);
    }

    Input load(TenantStore store, ModelFile model) {
        AsOf at = asOf == null && knownAt == null ? model.calibrationEnd()
                : new AsOf(asOf == null ? model.calibrationEnd().date() : asOf, Optional.ofNullable(knownAt));
        List<CustomerSummary> customers = store.modelInputs().summaries(CustomerSummaries.of(at, model.unit())).customers();
        return new Input(model, at, customers);
    }

    /** The definition block of the JSON output. */
    ObjectNode definition(Input in, String tenant) {
        ObjectNode d = Json.object();
        d.put("tenant", tenant);
        d.put("model_file", modelFile.toString());
        d.put("as_of", in.at().date().toString());
        d.put("known_at", in.at().knownAt().map(Instant::toString).orElse(null));
        d.put("unit", in.model().unit().wireName());
        d.set("model", in.model().json().get("model"));
        d.set("data", in.model().json().get("data"));
        return d;
    }

    int shown(int size) {
        return limit == 0 ? size : Math.min(limit, size);
    }
}
