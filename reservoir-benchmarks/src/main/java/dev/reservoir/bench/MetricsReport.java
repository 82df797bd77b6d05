package dev.reservoir.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.bench.MetricsBenchmark.Kind;
import dev.reservoir.bench.MetricsBenchmark.Measured;
import dev.reservoir.bench.MetricsBenchmark.Outcome;
import dev.reservoir.cli.Table;

/** The figures of a {@code bench metrics} run as a table in the chosen language, or as JSON. */
final class MetricsReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MetricsReport() {
    }

    static String table(Outcome o, Texts t) {
        StringBuilder b = new StringBuilder();
        b.append(t.format("metrics.title", t.count(o.events()), t.count(o.customers()), Workload.profileName(),
                MetricsBenchmark.AS_OF)).append('\n');
        b.append(t.format("metrics.store", t.count(o.generated()), t.count(o.generatedCustomers()),
                t.seconds(o.generation().toNanos() / 1e9), t.seconds(o.preparation().toNanos() / 1e9),
                t.count(o.rollupRows()))).append('\n');
        if (o.reusedFrom() != null) {
            b.append(t.format("metrics.reused", o.reusedFrom())).append('\n');
        }
        b.append(t.format("machine", o.cores(), o.memoryLimit(), t.bytes(o.javaMaxHeap()))).append('\n');
        b.append(t.format("load", o.loadAtStart().text(t.locale()), o.loadAtEnd().text(t.locale()))).append('\n');
        if (o.busy()) {
            b.append(t.get("metrics.busy")).append('\n');
        }
        b.append('\n');
        Table table = new Table("", new boolean[] {false, true, true, true, true, true, true});
        table.row(t.get("header.step"), t.get(o.repeat() > 1 ? "header.seconds-median" : "header.seconds"),
                t.get("metrics.header.ratio"), t.get("header.cpu"), t.get("header.peak-rss"), t.get("header.peak-heap"),
                t.get("header.load"));
        for (Measured m : o.rows()) {
            String label = m.kind() == Kind.UPKEEP_IMPORT || m.kind() == Kind.UPKEEP_ROLLUP
                    || m.kind() == Kind.UPKEEP_SESSIONS || m.kind() == Kind.UPKEEP_GROUPS
                    ? t.format("metric." + m.key(), t.count(o.lateEvents())) : t.get("metric." + m.key());
            table.row(label, t.seconds(m.medianSeconds()), t.ratio(o.ratio(m)),
                    Double.isNaN(m.medianCpuSeconds()) ? "—" : t.seconds(m.medianCpuSeconds()),
                    memory(m.peakRss(), t), memory(m.peakHeap(), t), String.format(t.locale(), "%.2f", m.load()));
        }
        b.append(table.render()).append('\n');
        double metrics = o.sum(Kind.METRIC);
        double upkeep = o.sum(Kind.UPKEEP_ROLLUP);
        b.append(t.format("metrics.total", t.seconds(metrics), t.seconds(upkeep), t.seconds(metrics + upkeep),
                t.ratio(o.totalRatio()), number(MetricsBenchmark.TARGET_RATIO, t),
                t.get(o.pass() ? "result.pass" : "result.fail"))).append('\n');
        if (o.reusedFrom() == null) {
            b.append(t.format("metrics.total-build", t.seconds(o.sum(Kind.ROLLUP_BUILD)),
                    t.ratio(o.totalWithBuildRatio()))).append('\n');
        }
        if (o.rows().stream().anyMatch(m -> m.kind() == Kind.BEHAVIOUR)) { // none with --retention-only
            b.append(t.get("metrics.behaviour")).append('\n');
        }
        for (Measured m : o.rows()) {
            if (m.kind() == Kind.BEHAVIOUR) {
                b.append(t.format("metrics.behaviour.line", t.get("metric." + m.key()), t.ratio(o.ratio(m)),
                        number(MetricsBenchmark.TARGET_RATIO, t),
                        t.get(o.ratio(m) <= MetricsBenchmark.TARGET_RATIO ? "result.pass" : "result.fail"))).append('\n');
            }
        }
        b.append(t.get("metrics.note")).append('\n');
        b.append(t.format(o.kept() ? "work.kept" : "work.deleted", o.workDirectory())).append('\n');
        return b.toString();
    }

    static String json(Outcome o) {
        ObjectNode root = JSON.createObjectNode();
        root.put("benchmark", "metrics");
        root.put("requested_events", o.requested());
        root.put("events", o.events());
        root.put("customers", o.customers());
        root.put("rollup_rows", o.rollupRows());
        root.put("as_of", MetricsBenchmark.AS_OF.toString());
        ObjectNode generator = root.putObject("generator");
        generator.put("profile", Workload.profileName());
        generator.put("events", o.generated());
        generator.put("customers", o.generatedCustomers());
        generator.put("days", Workload.DAYS);
        generator.put("seed", Workload.SEED);
        generator.put("seconds", round(o.generation().toNanos() / 1e9));
        root.put("store_preparation_seconds", round(o.preparation().toNanos() / 1e9));
        root.put("repeat", o.repeat());
        if (o.reusedFrom() != null) {
            root.put("reused_from", o.reusedFrom().toString());
        }
        ObjectNode machine = root.putObject("machine");
        machine.put("cores", o.cores());
        machine.put("memory_limit", o.memoryLimit());
        machine.put("java_max_heap_bytes", o.javaMaxHeap());
        machine.put("busy", o.busy());
        ArrayNode rows = root.putArray("results");
        for (Measured m : o.rows()) {
            ObjectNode n = rows.addObject();
            n.put("kind", m.kind().name().toLowerCase(java.util.Locale.ROOT));
            n.put("name", m.key());
            n.put("seconds_median", round(m.medianSeconds()));
            n.put("ratio_to_floor", round(o.ratio(m)));
            if (!Double.isNaN(m.medianCpuSeconds())) {
                n.put("cpu_seconds_median", round(m.medianCpuSeconds()));
            }
            n.put("peak_rss_bytes", m.peakRss());
            n.put("peak_heap_used_bytes", m.peakHeap());
            ArrayNode runs = n.putArray("runs_seconds");
            m.runs().forEach(r -> runs.add(round(r.seconds())));
        }
        root.put("late_events", o.lateEvents());
        root.put("metrics_seconds", round(o.sum(Kind.METRIC)));
        root.put("rollup_upkeep_seconds", round(o.sum(Kind.UPKEEP_ROLLUP)));
        root.put("sessions_build_seconds", round(o.sum(Kind.SESSIONS_BUILD)));
        root.put("sessions_upkeep_seconds", round(o.sum(Kind.UPKEEP_SESSIONS)));
        root.put("groups_build_seconds", round(o.sum(Kind.GROUPS_BUILD)));
        root.put("groups_upkeep_seconds", round(o.sum(Kind.UPKEEP_GROUPS)));
        root.put("total_ratio", round(o.totalRatio()));
        root.put("total_with_rollup_build_ratio", round(o.totalWithBuildRatio()));
        root.put("target_ratio", MetricsBenchmark.TARGET_RATIO);
        root.put("pass", o.pass());
        root.put("behaviour_pass", o.behaviourPass());
        root.put("work_directory", o.workDirectory().toString());
        root.put("kept", o.kept());
        return write(root);
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    private static String memory(long bytes, Texts t) {
        return bytes < 0 ? "—" : t.bytes(bytes);
    }

    private static String number(double x, Texts t) {
        return x == Math.rint(x) ? String.format(t.locale(), "%.0f", x) : String.format(t.locale(), "%.2f", x);
    }
}
