package dev.reservoir.report;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.Optional;

/**
 * One figure of a section: its numbers ({@code data}, the JSON form's content, with the metric's
 * own counts beside every rate), how they were computed, and how the HTML form shows them: an
 * ECharts option and/or a table.
 */
record Figure(String id, String title, Definition definition, ObjectNode data, Optional<ObjectNode> chart,
              Optional<TableView> table) {
    Figure {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(definition, "definition");
        data = Objects.requireNonNull(data, "data").deepCopy();
        chart = Objects.requireNonNull(chart, "chart").map(ObjectNode::deepCopy);
        Objects.requireNonNull(table, "table");
        if (chart.isEmpty() && table.isEmpty()) {
            throw new IllegalArgumentException("figure " + id + " shows nothing: it needs a chart or a table");
        }
    }

    @Override
    public ObjectNode data() {
        return data.deepCopy();
    }
}
