package dev.reservoir.report;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * How a figure was computed: the definition in words (in the report's language), the parameters
 * it was computed with, and the anchor of its definition in {@code docs/metrics.md}.
 */
record Definition(String text, ObjectNode parameters, String anchor) {
    Definition {
        Objects.requireNonNull(text, "text");
        parameters = Objects.requireNonNull(parameters, "parameters").deepCopy();
        Objects.requireNonNull(anchor, "anchor");
    }

    @Override
    public ObjectNode parameters() {
        return parameters.deepCopy();
    }
}
