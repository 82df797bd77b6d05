package dev.reservoir.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark command run in-process on a tiny workload: the output must carry every figure
 * and ratio, not the figures' values (this is no timed test; the times of 20,000 events say
 * nothing about 10 million).
 */
class BenchmarkCommandTest {
    private static final ToLongFunction<Path> BIG_DISK = dir -> 1L << 40;

    @TempDir
    Path work;

    private record Result(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(out);
        }
    }

    private Result run(ToLongFunction<Path> freeDisk, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<Integer> halted = new ArrayList<>();
        CommandLine cmd = new CommandLine(new BenchmarkCommand(Clock.systemUTC(), Locale.ENGLISH, work, false,
                halted::add, freeDisk));
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args);
        assertTrue(halted.isEmpty(), "the timeout must not fire");
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void modelsBenchmark_json_hasTimesEvaluationsMultiplesAndRecoveredParameters() throws IOException {
        Result r = run(BIG_DISK, "models", "--customers", "5000", "--format", "json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode size = r.json().get("sizes").get(0);
        assertEquals(5000, size.get("customers").asInt());
        JsonNode steps = size.get("steps");
        assertEquals(List.of("compress", "bg-nbd", "pareto-nbd", "gamma-gamma", "scoring"),
                Stream.of(0, 1, 2, 3, 4).map(i -> steps.get(i).get("step").asText()).toList());
        for (int i = 1; i <= 3; i++) {
            JsonNode fit = steps.get(i);
            assertTrue(fit.get("evaluations").asInt() > 10, fit.toString());
            assertTrue(fit.get("seconds_per_evaluation").asDouble() > 0, fit.toString());
            assertEquals(fit.get("seconds").asDouble() / fit.get("baseline_seconds").asDouble(),
                    fit.get("multiple_of_baseline").asDouble(), 1e-9);
            assertEquals(fit.get("true_parameters").size(), fit.get("fitted_parameters").size());
            assertFalse(fit.has("target_seconds"), "targets are for 1,000,000 customers");
        }
        Result table = run(BIG_DISK, "models", "--customers", "2000", "--lang", "zh");
        assertTrue(table.out().startsWith("在模拟客户上拟合客户基础模型"), table.out());
    }

    @Test
    void riskBenchmark_json_hasEveryStepAndItsMultipleOfTheBaseline() throws IOException {
        Result r = run(BIG_DISK, "risk", "--customers", "3000", "--format", "json", "--work", work.toString());
        assertEquals(0, r.exit(), r.toString());
        JsonNode size = r.json().get("sizes").get(0);
        assertEquals(3000, size.get("customers").asInt());
        assertTrue(size.get("events").asLong() > 3000, size.toString());
        assertTrue(size.get("model_auc").asDouble() > 0.5, size.toString());
        JsonNode steps = size.get("steps");
        assertEquals(List.of("baseline: summaries", "features", "labels", "train and report", "scoring"),
                Stream.of(0, 1, 2, 3, 4).map(i -> steps.get(i).get("step").asText()).toList());
        for (JsonNode step : steps) {
            assertTrue(step.get("seconds").asDouble() > 0, step.toString());
            assertEquals(step.get("seconds").asDouble() / steps.get(0).get("seconds").asDouble(),
                    step.get("multiple_of_baseline").asDouble(), 1e-9);
        }
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.toList(), "the generated shop and its store are deleted");
        }
        Result table = run(BIG_DISK, "risk", "--customers", "1000", "--lang", "zh", "--work", work.toString());
        assertTrue(table.out().startsWith("在生成的茶饮连锁店铺上运行学习型流失风险"), table.toString());
    }

    @Test
    void importBenchmark_json_hasEveryFigureAndRatioForBothFormatsAndTheBaseStore() throws IOException {
        Result r = run(BIG_DISK, "import", "--events", "20000", "--base-events", "30000", "--format", "json",
                "--work", work.toString());
        assertEquals(0, r.exit(), r.toString());
        JsonNode json = r.json();
        // The generator lands on the first customer whose events reach the count: at most one
        // customer's events (a few hundred) over it.
        long events = json.get("events").asLong();
        assertTrue(events >= 20_000 && events < 21_000, "events " + events);
        assertEquals(30_000, json.get("base_events").asLong());
        assertEquals(3, json.get("machine").get("load_average_start").size());
        assertEquals(2, json.get("generation").size());

        JsonNode results = json.get("results");
        // parquet and csv, each: baseline, empty store, store with base events.
        assertEquals(6, results.size());
        for (JsonNode step : results) {
            String where = step.get("format").asText() + " " + step.get("step").asText();
            assertEquals(events, step.get("events").asLong(), where);
            assertTrue(step.get("seconds_median").asDouble() > 0, where);
            assertTrue(step.get("events_per_second").asLong() > 0, where);
            assertTrue(step.get("ratio").asDouble() > 0, where);
            assertTrue(step.get("cpu_seconds_median").asDouble() > 0, where);
            assertTrue(step.get("cpu_ratio").asDouble() > 0, where);
            // RSS comes from /proc/self/status: Linux only, -1 elsewhere.
            assertTrue(step.get("peak_rss_bytes").asLong() > 0 || !Files.exists(Path.of("/proc/self/status")), where);
            assertTrue(step.get("peak_heap_used_bytes").asLong() > 0, where);
            assertTrue(step.get("stored_every_event").asBoolean(), where);
            assertEquals(1, step.get("runs").size(), where);
        }
        assertEquals(1.0, results.get(0).get("ratio").asDouble(), "the baseline is its own yardstick");
        assertEquals(2.0, results.get(1).get("target_ratio").asDouble());
        assertEquals(3.0, results.get(2).get("target_ratio").asDouble());
        assertEquals(6L << 30, results.get(2).get("target_rss_bytes").asLong());
        assertTrue(results.get(2).has("rss_pass"));
        // Two ratio targets and one memory target per format.
        assertEquals(6, json.get("targets").asInt());
        assertFalse(json.get("kept").asBoolean());
        assertTrue(r.err().contains("generating parquet"), r.err());
        assertNothingLeftIn(work);
    }

    /** Every generated customer gets its events (event i belongs to customer i mod N), so all 2,000 are segmented. */
    @Test
    void segmentsBenchmark_json_reportsTheFloorTheSegmentsAndTheRatio() throws IOException {
        Result r = run(BIG_DISK, "segments", "--customers", "2000", "--repeat", "1", "--format", "json",
                "--work", work.toString());
        assertEquals(0, r.exit(), r.toString());
        JsonNode json = r.json();
        assertEquals(2000, json.get("customers").asLong());
        assertEquals(20_000, json.get("events").asLong());
        assertTrue(json.get("floor_seconds").asDouble() > 0);
        double total = json.get("segment_facts_seconds").asDouble() + json.get("scoring_seconds").asDouble();
        assertEquals(total, json.get("total_seconds").asDouble(), 1e-6);
        assertEquals(json.get("total_seconds").asDouble() / json.get("floor_seconds").asDouble(),
                json.get("ratio").asDouble(), 1e-9);
        assertEquals(5, json.get("tag_sizes").size());
        assertNothingLeftIn(work);
    }

    @Test
    void importBenchmark_tableInChinese_labelsTheFiguresAndTheTargets() {
        Result r = run(BIG_DISK, "import", "--events", "20000", "--formats", "parquet", "--repeat", "2",
                "--lang", "zh", "--work", work.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("秒（中位数）"), r.out());
        assertTrue(r.out().contains("DuckDB INSERT ... SELECT（基线）"), r.out());
        assertTrue(r.out().contains("Reservoir 导入，空存储"), r.out());
        assertTrue(r.out().contains("1.00×"), r.out());
        assertTrue(r.out().contains("CPU 倍数"), r.out());
        assertTrue(r.out().contains("≤ 2×"), r.out());
        assertTrue(r.out().contains("系统负载"), r.out());
        assertTrue(r.out().contains("--base-events 100000000"), "says how to get the other targets: " + r.out());
        assertNothingLeftIn(work);
    }

    @Test
    void importBenchmark_refusesBeforeWritingAnything_whenTheDiskIsTooSmall() throws IOException {
        Result r = run(dir -> 1L << 30, "import", "--events", "10000000", "--base-events", "100000000",
                "--work", work.toString(), "--format", "json");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("error [INSUFFICIENT_DISK]"), r.err());
        // needed vs free, both named: 1.00 GiB is the fake free space.
        assertTrue(r.err().contains("1.00 GiB free"), r.err());
        assertEquals("INSUFFICIENT_DISK", r.json().get("error").get("code").asText());
        assertNothingLeftIn(work);
    }

    @Test
    void importBenchmark_rejectsAnEventCountOutOfRange() {
        Result r = run(BIG_DISK, "import", "--events", "10", "--work", work.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("--events must be between 1,000 and 1,000,000,000, was 10"), r.err());
    }

    @Test
    void metricsBenchmark_json_timesTheFloorTheRollupEveryMetricAndTheUpkeep() throws IOException {
        Result r = run(BIG_DISK, "metrics", "--events", "30000", "--repeat", "1", "--format", "json",
                "--work", work.toString());
        assertEquals(0, r.exit(), r.toString());
        JsonNode json = r.json();
        // 30,000 events: one generated copy (the generator overshoots by less than a customer).
        long events = json.get("events").asLong();
        assertTrue(events >= 30_000 && events < 31_000, "events " + events);
        assertTrue(json.get("rollup_rows").asLong() > 0 && json.get("rollup_rows").asLong() < events,
                "the rollup is smaller than the events");
        JsonNode results = json.get("results");
        // floor, rollup build, stored sessions build, group tables build, the 12 retention and 7
        // behaviour metrics of MetricSuite, the late import and its rollup, stored sessions and group tables parts
        assertEquals(4 + 12 + 7 + 4, results.size());
        for (String kind : List.of("sessions_build", "upkeep_sessions", "groups_build", "upkeep_groups")) {
            assertEquals(1, java.util.stream.StreamSupport.stream(results.spliterator(), false)
                    .filter(row -> row.get("kind").asText().equals(kind)).count(), kind);
        }
        assertTrue(json.get("sessions_build_seconds").asDouble() > 0);
        assertTrue(json.get("sessions_upkeep_seconds").asDouble() > 0);
        assertTrue(json.get("groups_build_seconds").asDouble() > 0);
        assertTrue(json.has("groups_upkeep_seconds"));
        assertEquals(7, java.util.stream.StreamSupport.stream(results.spliterator(), false)
                .filter(row -> row.get("kind").asText().equals("behaviour")).count());
        assertEquals("floor", results.get(0).get("kind").asText());
        assertEquals(1.0, results.get(0).get("ratio_to_floor").asDouble());
        for (JsonNode row : results) {
            assertTrue(row.get("seconds_median").asDouble() > 0, row.toString());
            assertTrue(row.get("ratio_to_floor").asDouble() > 0, row.toString());
        }
        assertEquals(5.0, json.get("target_ratio").asDouble());
        assertTrue(json.get("total_ratio").asDouble() > 0);
        assertTrue(json.has("pass"));
        assertTrue(json.has("behaviour_pass"));
        assertNothingLeftIn(work);
    }

    @Test
    void metricsBenchmark_tableInChinese_namesEveryMetricAndTheTarget() {
        Result r = run(BIG_DISK, "metrics", "--events", "20000", "--repeat", "1", "--lang", "zh",
                "--work", work.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("地板：对原始事件按 customer_id 分组"), r.out());
        assertTrue(r.out().contains("同期群留存，当期 / 当期及以后 / 累计"), r.out());
        assertTrue(r.out().contains("其中汇总表维护"), r.out());
        assertTrue(r.out().contains("其中会话表维护"), r.out());
        assertTrue(r.out().contains("其中社群表维护"), r.out());
        assertTrue(r.out().contains("（目标 ≤ 5×）"), r.out());
        assertTrue(r.out().contains("漏斗 浏览 → 加购 → 结算 → 购买（14 天窗口）"), r.out());
        assertNothingLeftIn(work);
    }

    @Test
    void metricsBenchmark_keepThenReuse_measuresAgainOnTheSavedStoreWithoutBuildingIt() throws IOException {
        Result kept = run(BIG_DISK, "metrics", "--events", "20000", "--repeat", "1", "--format", "json",
                "--retention-only", "--keep", "--work", work.toString());
        assertEquals(0, kept.exit(), kept.toString());
        Path runDirectory = Path.of(kept.json().get("work_directory").asText());
        assertTrue(Files.isRegularFile(runDirectory.resolve("base.properties")));
        // floor, rollup, stored sessions and group tables builds, the 12 retention metrics, the late
        // import and its three parts (rollup, sessions, group tables)
        assertEquals(4 + 12 + 4, kept.json().get("results").size());

        Result reused = run(BIG_DISK, "metrics", "--events", "20000", "--repeat", "1", "--format", "json",
                "--retention-only", "--reuse", runDirectory.toString(), "--work", work.resolve("again").toString());
        assertEquals(0, reused.exit(), reused.toString());
        JsonNode json = reused.json();
        assertEquals(runDirectory.toString(), json.get("reused_from").asText());
        // Nothing is built: the floor, the 12 metrics, the late import (new to this copy) and its parts.
        assertEquals(1 + 12 + 4, json.get("results").size());
        assertEquals(kept.json().get("events").asLong(), json.get("events").asLong());
        assertEquals(kept.json().get("rollup_rows").asLong(), json.get("rollup_rows").asLong());
        assertEquals(kept.json().get("late_events").asLong(), json.get("late_events").asLong());

        Result wrongSize = run(BIG_DISK, "metrics", "--events", "30000", "--repeat", "1", "--retention-only",
                "--reuse", runDirectory.toString(), "--work", work.resolve("wrong").toString());
        assertEquals(1, wrongSize.exit());
        assertTrue(wrongSize.err().contains("holds a store of 20,000 events, --events asks for 30,000"), wrongSize.err());
    }

    @Test
    void ingestBenchmark_json_sendsEveryEventOnce_andComparesWithTheImport() throws IOException {
        Result r = run(BIG_DISK, "ingest", "--events", "3000", "--batches", "250", "--clients", "3", "--repeat", "2",
                "--warmup", "600", "--server-jvm", "-Xmx256m", "--format", "json", "--work", work.toString());
        assertEquals(0, r.exit(), r.toString());
        JsonNode json = r.json();
        long events = json.get("events").asLong();
        assertTrue(events >= 3000, r.out());
        assertEquals(2, json.get("http").size());
        assertEquals(1, json.get("http").get(0).get("run").asInt());
        assertEquals(2, json.get("http").get(1).get("run").asInt());
        // Of two runs, the median is the lower one's rate (a typical run, not the best).
        double lower = Math.min(json.get("http").get(0).get("events_per_second").asDouble(),
                json.get("http").get(1).get("events_per_second").asDouble());
        assertEquals(lower, json.get("median_events_per_second").get("250").asDouble(), 1e-9);
        for (JsonNode run : json.get("http")) {
            int batch = run.get("batch_events").asInt();
            // Every request answered, every event accepted once, the reopened store holds each once.
            assertEquals((events + batch - 1) / batch, run.get("requests").asLong(), run.toString());
            assertEquals(events, run.get("accepted").asLong(), run.toString());
            assertEquals(0, run.get("duplicates").asLong());
            assertEquals(events, run.get("stored").asLong());
            assertEquals(events, run.get("distinct_ids").asLong());
            assertTrue(run.get("complete").asBoolean());
            // The warm-up went to a tenant of its own, deleted before the measured load: all of it
            // accepted there, and still every event accepted (not a duplicate) and stored once here.
            JsonNode warmup = run.get("warmup");
            assertEquals("bench-warmup", warmup.get("tenant").asText(), run.toString());
            assertEquals(600, warmup.get("events").asLong());
            assertEquals(600, warmup.get("accepted").asLong());
            assertEquals(3, warmup.get("requests").asLong()); // 600 events in batches of 250
            assertTrue(warmup.get("server_cpu_seconds").asDouble() > 0, warmup.toString());
            assertTrue(run.get("p50_ms").asDouble() > 0 && run.get("p99_ms").asDouble() >= run.get("p50_ms").asDouble());
            assertTrue(run.get("server_cpu_seconds").asDouble() > 0, run.toString());
            assertTrue(run.get("server_peak_rss_bytes").asLong() > 1 << 20, run.toString());
            // events/s ÷ the import's events/s, from the same run's figures.
            assertEquals(run.get("events_per_second").asDouble() / json.get("import").get("events_per_second").asDouble(),
                    run.get("ratio_to_import").asDouble(), 1e-9);
        }
        assertEquals(events, json.get("import").get("stored").asLong(), "the bulk import stored the same events");
        assertEquals(100_000, json.get("target").get("events_per_second").asDouble());
        assertEquals(600, json.get("warmup_events").asLong());
        assertNothingLeftIn(work);
    }

    private static void assertNothingLeftIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "the work directory is deleted without --keep");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
