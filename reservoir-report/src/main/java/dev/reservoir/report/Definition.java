package dev.reservoir.report;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * How a figure was computed: the definition in words (in the report's language), the parameters
 * it was computed with, and where its definition is written: a page of {@code docs/}
 * ({@code metrics.md} for the metric figures, {@code segments.md} for the segment figures) and
 * an anchor on it.
 */
record Definition(String text, ObjectNode parameters, String document, String anchor) {
    static final String METRICS = "metrics.md";
    static final String SEGMENTS = "segments.md";

    Definition {
        Objects.requireNonNull(text, "text");
        parameters = Objects.requireNonNull(parameters, "parameters").deepCopy();
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(anchor, "anchor");
    }

    /** A definition in {@code docs/metrics.md}. */
    Definition(String text, ObjectNode parameters, String anchor) {
        this(text, parameters, METRICS, anchor);
    }

    @Override
    public ObjectNode parameters() {
        return parameters.deepCopy();
    }
}
