package dev.reservoir.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.cli.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of an {@link Outcome} as a table in the chosen language, or as JSON. */
final class Report {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Report() {
    }

    static String table(Outcome o, Texts t) {
        StringBuilder b = new StringBuilder();
        b.append(t.format("title", t.count(o.events()), t.count(o.requestedEvents()), Workload.profileName(),
                t.count(o.customers()), Workload.DAYS, Workload.SEED)).append('\n');
        b.append(t.format("machine", o.cores(), o.memoryLimit(), t.bytes(o.javaMaxHeap()))).append('\n');
        b.append(t.format("load", o.loadAtStart().text(t.locale()), o.loadAtEnd().text(t.locale()))).append('\n');
        if (o.busy()) {
            b.append(t.format("load.busy", String.format(t.locale(), "%.2f", o.highestLoad()), o.cores())).append('\n');
        }
        for (EventFiles f : o.generated()) {
            double s = f.took().toNanos() / 1e9;
            b.append(t.format("generated", name(f.format()), t.count(f.events()), f.files().size(), t.bytes(f.bytes()),
                    t.seconds(s), t.count(Math.round(f.events() / s)))).append('\n');
        }
        if (o.baseEvents() > 0) {
            b.append(t.format("base", t.count(o.baseEvents()), t.seconds(o.basePreparation().toNanos() / 1e9),
                    t.seconds(o.baseCopies().toNanos() / 1e9))).append('\n');
        }
        b.append('\n');

        boolean repeated = o.repeat() > 1;
        List<String> header = new ArrayList<>(List.of(t.get("header.format"), t.get("header.step"),
                t.get(repeated ? "header.seconds-median" : "header.seconds")));
        if (repeated) {
            header.add(t.get("header.seconds-min"));
        }
        header.addAll(List.of(t.get("header.events-per-second"), t.get("header.ratio")));
        if (repeated) {
            header.add(t.get("header.ratio-min"));
        }
        header.addAll(List.of(t.get("header.cpu"), t.get("header.cpu-ratio"), t.get("header.peak-rss"),
                t.get("header.peak-heap"), t.get("header.load"), t.get("header.target"), t.get("header.result")));
        boolean[] right = new boolean[header.size()];
        for (int i = 2; i < right.length - 2; i++) {
            right[i] = true;
        }
        Table table = new Table("", right);
        table.row(header.toArray(String[]::new));
        List<Outcome.Verdict> verdicts = o.verdicts();
        for (StepResult r : o.results()) {
            List<String> row = new ArrayList<>(List.of(name(r.format()), stepLabel(r, t), t.seconds(r.medianSeconds())));
            if (repeated) {
                row.add(t.seconds(r.minSeconds()));
            }
            Outcome.Verdict ratio = verdicts.stream().filter(v -> v.result() == r && !v.rss()).findFirst().orElse(null);
            row.addAll(List.of(t.count(Math.round(r.eventsPerSecond())), t.ratio(o.ratio(r))));
            if (repeated) {
                row.add(t.ratio(o.minRatio(r)));
            }
            row.addAll(List.of(t.seconds(r.medianCpuSeconds()), t.ratio(o.cpuRatio(r)), memory(r.peakRss(), t),
                    memory(r.peakHeapUsed(), t), String.format(t.locale(), "%.2f", r.load()),
                    ratio == null ? "" : t.format("target.ratio", number(ratio.limit(), t)),
                    ratio == null ? "" : t.get(ratio.met() ? "result.pass" : "result.fail")));
            table.row(row.toArray(String[]::new));
        }
        b.append(table.render()).append('\n');

        for (StepResult r : o.results()) {
            if (r.step() != Step.BASELINE && !r.storedAll()) {
                Run bad = r.runs().stream().filter(x -> x.stored() != r.events() || x.duplicates() != 0)
                        .findFirst().orElseThrow();
                b.append(t.format("warning.stored", name(r.format()), stepLabel(r, t), t.count(bad.stored()),
                        t.count(r.events()), t.count(bad.duplicates()))).append('\n');
            }
        }
        if (!verdicts.isEmpty()) {
            b.append(t.get("targets")).append('\n');
            for (Outcome.Verdict v : verdicts) {
                String result = t.get(v.met() ? "result.pass" : "result.fail");
                if (v.rss()) {
                    b.append(t.format("target.line.rss", name(v.result().format()), stepLabel(v.result(), t),
                            memory((long) v.actual(), t), t.bytes((long) v.limit()), result)).append('\n');
                } else {
                    b.append(t.format("target.line.ratio", name(v.result().format()), stepLabel(v.result(), t),
                            t.ratio(v.actual()), number(v.limit(), t), result)).append('\n');
                }
            }
            long met = verdicts.stream().filter(Outcome.Verdict::met).count();
            b.append(t.format("summary", met, verdicts.size())).append('\n');
        }
        if (o.baseEvents() == 0) {
            b.append(t.get("note.no-base")).append('\n');
        }
        b.append(t.get(repeated ? "note.ratio-repeated" : "note.ratio")).append('\n');
        b.append(t.get("note.cpu")).append('\n');
        b.append(t.get("note.memory")).append('\n');
        b.append(t.format(o.kept() ? "work.kept" : "work.deleted", o.workDirectory())).append('\n');
        return b.toString();
    }

    static String json(Outcome o) {
        ObjectNode root = JSON.createObjectNode();
        root.put("benchmark", "import");
        root.put("requested_events", o.requestedEvents());
        root.put("events", o.events());
        ObjectNode generator = root.putObject("generator");
        generator.put("profile", Workload.profileName());
        generator.put("customers", o.customers());
        generator.put("days", Workload.DAYS);
        generator.put("seed", Workload.SEED);
        generator.put("start", Workload.START.toString());
        generator.put("zone", Workload.ZONE.getId());
        root.put("base_events", o.baseEvents());
        root.put("repeat", o.repeat());
        ObjectNode machine = root.putObject("machine");
        machine.put("cores", o.cores());
        machine.put("memory_limit", o.memoryLimit());
        machine.put("java_max_heap_bytes", o.javaMaxHeap());
        loads(machine.putArray("load_average_start"), o.loadAtStart());
        loads(machine.putArray("load_average_end"), o.loadAtEnd());
        machine.put("highest_load_average_1m", round(o.highestLoad()));
        machine.put("busy", o.busy());
        ArrayNode generated = root.putArray("generation");
        for (EventFiles f : o.generated()) {
            double s = f.took().toNanos() / 1e9;
            generated.addObject().put("format", name(f.format())).put("events", f.events())
                    .put("files", f.files().size()).put("bytes", f.bytes()).put("seconds", round(s))
                    .put("events_per_second", Math.round(f.events() / s));
        }
        if (o.baseEvents() > 0) {
            root.putObject("base_preparation").put("events", o.baseEvents())
                    .put("seconds", round(o.basePreparation().toNanos() / 1e9))
                    .put("copy_seconds", round(o.baseCopies().toNanos() / 1e9));
        }
        ArrayNode results = root.putArray("results");
        List<Outcome.Verdict> verdicts = o.verdicts();
        for (StepResult r : o.results()) {
            ObjectNode n = results.addObject();
            n.put("format", name(r.format()));
            n.put("step", r.step().jsonName());
            n.put("events", r.events());
            n.put("base_events", r.baseEvents());
            n.put("seconds_median", round(r.medianSeconds()));
            n.put("seconds_min", round(r.minSeconds()));
            n.put("events_per_second", Math.round(r.eventsPerSecond()));
            n.put("ratio", round(o.ratio(r)));
            n.put("ratio_min", round(o.minRatio(r)));
            n.put("cpu_seconds_median", round(r.medianCpuSeconds()));
            n.put("cpu_ratio", round(o.cpuRatio(r)));
            n.put("peak_rss_bytes", r.peakRss());
            n.put("rss_at_start_bytes", r.rssAtStart());
            n.put("peak_heap_used_bytes", r.peakHeapUsed());
            n.put("stored_every_event", r.step() == Step.BASELINE || r.storedAll());
            for (Outcome.Verdict v : verdicts) {
                if (v.result() != r) {
                    continue;
                }
                if (v.rss()) {
                    n.put("target_rss_bytes", (long) v.limit());
                    n.put("rss_pass", v.met());
                } else {
                    n.put("target_ratio", v.limit());
                    n.put("ratio_pass", v.met());
                }
            }
            ArrayNode runs = n.putArray("runs");
            for (Run run : r.runs()) {
                runs.addObject().put("seconds", round(run.seconds()))
                        .put("cpu_seconds", round(run.cpuSeconds()))
                        .put("peak_rss_bytes", run.memory().peakRss())
                        .put("rss_at_start_bytes", run.memory().rssAtStart())
                        .put("peak_rss_exact", run.memory().exactPeak())
                        .put("peak_heap_used_bytes", run.memory().peakHeapUsed())
                        .put("load_average_1m", round(run.load().one()))
                        .put("stored", run.stored())
                        .put("duplicates", run.duplicates())
                        .set("file_seconds", fileSeconds(run));
            }
        }
        long met = verdicts.stream().filter(Outcome.Verdict::met).count();
        root.put("targets", verdicts.size());
        root.put("targets_met", met);
        root.put("pass", met == verdicts.size());
        root.put("work_directory", o.workDirectory().toString());
        root.put("kept", o.kept());
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
    }

    private static ArrayNode fileSeconds(Run run) {
        ArrayNode array = JSON.createArrayNode();
        run.files().forEach(d -> array.add(round(d.toNanos() / 1e9)));
        return array;
    }

    private static void loads(ArrayNode array, LoadAverage load) {
        load.asList().forEach(l -> array.add(round(l)));
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    private static String stepLabel(StepResult r, Texts t) {
        return t.format(r.step().labelKey(), t.count(r.baseEvents()));
    }

    private static String memory(long bytes, Texts t) {
        return bytes < 0 ? "—" : t.bytes(bytes);
    }

    private static String number(double x, Texts t) {
        return x == Math.rint(x) ? String.format(t.locale(), "%.0f", x) : String.format(t.locale(), "%.2f", x);
    }

    static String name(dev.reservoir.generate.OutputFormat format) {
        return format.extension().toLowerCase(Locale.ROOT);
    }
}
