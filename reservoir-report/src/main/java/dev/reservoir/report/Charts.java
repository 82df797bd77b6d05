package dev.reservoir.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * ECharts options for the report's few kinds of chart, as JSON (no functions, so an option is
 * data the page can parse). Animation is off so a printed page shows finished charts; rates are
 * drawn as percentages with one decimal, an undefined rate as a gap (never 0).
 */
final class Charts {
    private Charts() {
    }

    /** One named series of values; {@code null} values are gaps. */
    record Series(String name, List<? extends Number> values) {
        Series {
            values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
        }
    }

    /** A rate in [0, 1] as a percentage with one decimal, {@code null} kept. */
    static Double percent(Double rate) {
        return rate == null ? null : Math.round(rate * 1000) / 10.0;
    }

    /** Grouped bars: one group per category, one bar per series. */
    static ObjectNode bars(List<String> categories, List<Series> series) {
        ObjectNode o = base(true);
        category(o.putObject("xAxis"), categories);
        o.putObject("yAxis").put("type", "value");
        ArrayNode s = o.putArray("series");
        for (Series one : series) {
            ObjectNode n = s.addObject().put("type", "bar").put("name", one.name());
            n.putObject("label").put("show", true).put("position", "top");
            values(n.putArray("data"), one.values());
        }
        return o;
    }

    /**
     * Horizontal bars of percentages, one bar per series for each category (read top to bottom in
     * the given order): long category names such as RFM classes stay readable on A4.
     */
    static ObjectNode shares(List<String> categories, List<Series> series) {
        ObjectNode o = base(series.size() > 1);
        percentAxis(o.putObject("xAxis"));
        category(o.putObject("yAxis"), categories).put("inverse", true);
        // room on the right for the longest bar's label
        ((ObjectNode) o.get("grid")).put("right", 48);
        ArrayNode s = o.putArray("series");
        for (Series one : series) {
            ObjectNode n = s.addObject().put("type", "bar").put("name", one.name());
            n.putObject("label").put("show", true).put("position", "right").put("formatter", "{c}%");
            values(n.putArray("data"), one.values());
        }
        return o;
    }

    /** Lines of percentages, one per series, on a percent axis. */
    static ObjectNode rates(List<String> categories, List<Series> series) {
        ObjectNode o = base(series.size() > 1);
        category(o.putObject("xAxis"), categories);
        percentAxis(o.putObject("yAxis"));
        ArrayNode s = o.putArray("series");
        for (Series one : series) {
            ObjectNode n = s.addObject().put("type", "line").put("name", one.name()).put("connectNulls", false);
            values(n.putArray("data"), one.values());
        }
        return o;
    }

    /** Counts as bars on the left axis and a rate (percent) as a line on the right. */
    static ObjectNode countsAndRate(List<String> categories, Series counts, Series rate) {
        ObjectNode o = base(true);
        category(o.putObject("xAxis"), categories);
        ArrayNode y = o.putArray("yAxis");
        y.addObject().put("type", "value").put("name", counts.name());
        percentAxis(y.addObject()).put("name", rate.name());
        ArrayNode s = o.putArray("series");
        values(s.addObject().put("type", "bar").put("name", counts.name()).putArray("data"), counts.values());
        values(s.addObject().put("type", "line").put("name", rate.name()).put("yAxisIndex", 1).putArray("data"),
                rate.values());
        return o;
    }

    /**
     * A heatmap of percentages: {@code cells} are {@code [x, y, value]} triples indexing
     * {@code columns} and {@code rows}; the colour scale runs from 0 to {@code max}.
     */
    static ObjectNode heatmap(List<String> columns, List<String> rows, List<double[]> cells, double max,
                              String columnName, String rowName) {
        ObjectNode o = ReportContext.JSON.createObjectNode();
        o.put("animation", false);
        o.putObject("tooltip").put("position", "top");
        o.putObject("grid").put("left", 8).put("right", 8).put("top", 24).put("bottom", 64).put("containLabel", true);
        category(o.putObject("xAxis"), columns).put("name", columnName).put("nameLocation", "middle").put("nameGap", 26)
                .putObject("splitArea").put("show", true);
        // The rows' name sits above them (top left), clear of the colour scale at the bottom.
        category(o.putObject("yAxis"), rows).put("name", rowName).put("nameLocation", "start").put("inverse", true)
                .putObject("splitArea").put("show", true);
        ObjectNode map = o.putObject("visualMap").put("min", 0).put("max", Math.max(1, Math.ceil(max)))
                .put("calculable", true).put("orient", "horizontal").put("left", "center").put("bottom", 0)
                .put("itemHeight", 120);
        map.putObject("inRange").putArray("color").add("#f7fbff").add("#6baed6").add("#08306b");
        ObjectNode s = o.putArray("series").addObject().put("type", "heatmap");
        s.putObject("label").put("show", true).put("fontSize", 9).put("formatter", "{@[2]}");
        ArrayNode data = s.putArray("data");
        for (double[] c : cells) {
            data.addArray().add((int) c[0]).add((int) c[1]).add(c[2]);
        }
        return o;
    }

    private static ObjectNode base(boolean legend) {
        ObjectNode o = ReportContext.JSON.createObjectNode();
        o.put("animation", false);
        o.putObject("tooltip").put("trigger", "axis");
        if (legend) {
            o.putObject("legend").put("top", 0);
        }
        o.putObject("grid").put("left", 8).put("right", 8).put("top", legend ? 32 : 16).put("bottom", 8)
                .put("containLabel", true);
        return o;
    }

    private static ObjectNode category(ObjectNode axis, List<String> categories) {
        axis.put("type", "category");
        ArrayNode data = axis.putArray("data");
        categories.forEach(data::add);
        return axis;
    }

    private static ObjectNode percentAxis(ObjectNode axis) {
        axis.put("type", "value").put("min", 0);
        axis.putObject("axisLabel").put("formatter", "{value}%");
        return axis;
    }

    private static void values(ArrayNode data, List<? extends Number> values) {
        for (Number v : values) {
            if (v == null) {
                data.addNull();
            } else if (v instanceof Double d) {
                data.add(d);
            } else {
                data.add(v.longValue());
            }
        }
    }
}
