package dev.reservoir.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.cli.Table;
import dev.reservoir.duckdb.DuckDbEngine;
import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.metric.ChurnPreset;
import dev.reservoir.metric.ChurnRule;
import dev.reservoir.segment.Lifecycle;
import dev.reservoir.segment.RfmScoring;
import dev.reservoir.segment.SegmentFacts;
import dev.reservoir.segment.SegmentFactsQuery;
import dev.reservoir.segments.SegmentSnapshot;
import dev.reservoir.segments.TagDefinition;
import dev.reservoir.segments.Tags;
import dev.reservoir.time.AsOf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code bench segments}: RFM, lifecycle stages and five tags for every customer of a generated
 * store, timed beside the floor, the time to build the per-customer facts table alone
 * ({@link TenantStore#customerFacts}). The target is the whole segmentation within 3× the floor.
 *
 * <p>The store is filled with SQL (not timed), as {@link BaseStore} does: {@code --customers}
 * customers with {@code --events-per-customer} events each on average, spread over 2024 in
 * Asia/Shanghai by a hash of the event number (deterministic, no generator run: simulating a
 * million customers would take longer than the benchmark): 40% visits, 30% purchases (one order
 * each, 5-200 CNY, one of 8 categories), 5% refunds, 5% complaints, 5% reviews rated 1-5, 15%
 * page views; every customer has a profile, a fifth of them paid members.
 */
@Command(name = "segments", mixinStandardHelpOptions = true, sortOptions = false)
final class SegmentsBenchmark implements Callable<Integer> {
    static final LocalDate AS_OF = LocalDate.of(2024, 12, 31);
    static final List<TagDefinition> TAGS = List.of(
            TagDefinition.of("active-30d", "days_inactive < 30"),
            TagDefinition.of("complained", "complaints > 0"),
            TagDefinition.of("five-star", "five_star_reviews > 0"),
            TagDefinition.of("cat-litter", "'cat-litter' in categories"),
            TagDefinition.of("slipping-vip", "rfm == 'important-retain' && money > 500"));

    @ParentCommand
    private BenchmarkCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--customers", paramLabel = "N", defaultValue = "1000000", descriptionKey = "segments-customers")
    private long customers;

    @Option(names = "--events-per-customer", paramLabel = "K", defaultValue = "10", descriptionKey = "segments-events")
    private int eventsPerCustomer;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3", descriptionKey = "repeat")
    private int repeat;

    @Option(names = "--memory-limit", paramLabel = "SIZE", defaultValue = EngineConfig.DEFAULT_MEMORY_LIMIT,
            descriptionKey = "memory-limit")
    private String memoryLimit;

    @Option(names = "--work", paramLabel = "DIR", descriptionKey = "work")
    private Path work;

    @Option(names = "--format", paramLabel = "table|json", converter = Format.Converter.class, descriptionKey = "format")
    private Format format = Format.TABLE;

    @Override
    public Integer call() throws Exception {
        Texts texts = Texts.of(root.language());
        if (customers < 1_000 || customers > 100_000_000 || eventsPerCustomer < 1 || eventsPerCustomer > 1_000
                || repeat < 1 || repeat > 20) {
            throw new ParameterException(spec.commandLine(), texts.format("segments.usage",
                    customers, eventsPerCustomer, repeat));
        }
        Path parent = (work != null ? work : root.currentDirectory()).toAbsolutePath();
        Files.createDirectories(parent);
        Path dir = Files.createTempDirectory(parent, "reservoir-bench-segments-");
        PrintWriter err = spec.commandLine().getErr();
        try {
            EngineConfig config = new EngineConfig(dir.resolve("data"), root.clock(), memoryLimit, 0);
            long prepStart = System.nanoTime();
            long events = prepare(config);
            double prepSeconds = (System.nanoTime() - prepStart) / 1e9;
            err.println(texts.format("segments.prepared", texts.count(events), texts.count(customers), prepSeconds));
            err.flush();
            double[] floor = new double[repeat];
            double[] facts = new double[repeat];
            double[] scoring = new double[repeat];
            double[] total = new double[repeat];
            // CPU seconds of the whole process (DuckDB's threads included) beside wall seconds: on a
            // shared machine the wall figures measure the load elsewhere as much as the work
            double[] floorCpu = new double[repeat];
            double[] factsCpu = new double[repeat];
            double[] scoringCpu = new double[repeat];
            double[] totalCpu = new double[repeat];
            Map<String, Long> sizes = null;
            long rows = 0;
            AsOf at = AsOf.of(AS_OF);
            ChurnRule rule = ChurnRule.of(ChurnPreset.APPAREL);
            Tags tags = Tags.compile("benchmark", TAGS, List.of());
            try (DuckDbEngine engine = DuckDbEngine.open(config)) {
                TenantStore store = engine.store(BaseStore.TENANT);
                for (int i = 0; i < repeat; i++) {
                    // the floor and the segmentation alternate, so load elsewhere hits both
                    long c0 = MemoryProbe.processCpuNanos();
                    long t0 = System.nanoTime();
                    rows = store.customerFacts(at).size();
                    floor[i] = (System.nanoTime() - t0) / 1e9;
                    long c1 = MemoryProbe.processCpuNanos();
                    long t1 = System.nanoTime();
                    List<SegmentFacts> f = store.segments().facts(new SegmentFactsQuery(at, 365, rule));
                    long t2 = System.nanoTime();
                    long c2 = MemoryProbe.processCpuNanos();
                    SegmentSnapshot s = SegmentSnapshot.of(new SegmentFactsQuery(at, 365, rule), f,
                            new RfmScoring.Quintiles(), tags);
                    Lifecycle.Counts counts = s.lifecycleCounts();
                    sizes = s.tagSizes();
                    long t3 = System.nanoTime();
                    long c3 = MemoryProbe.processCpuNanos();
                    facts[i] = (t2 - t1) / 1e9;
                    scoring[i] = (t3 - t2) / 1e9;
                    total[i] = (t3 - t1) / 1e9;
                    floorCpu[i] = (c1 - c0) / 1e9;
                    factsCpu[i] = (c2 - c1) / 1e9;
                    scoringCpu[i] = (c3 - c2) / 1e9;
                    totalCpu[i] = (c3 - c1) / 1e9;
                    err.println(texts.format("segments.run", i + 1, repeat, floor[i], total[i], counts.customers(),
                            floorCpu[i], totalCpu[i], LoadAverage.now().one()));
                    err.flush();
                }
            }
            double bestFloor = min(floor);
            double bestTotal = min(total);
            double ratio = bestTotal / bestFloor;
            PrintWriter out = spec.commandLine().getOut();
            if (format == Format.JSON) {
                ObjectNode n = new ObjectMapper().createObjectNode();
                n.put("benchmark", "segments").put("customers", rows).put("events", events).put("repeat", repeat)
                        .put("floor_seconds", bestFloor).put("segment_facts_seconds", min(facts))
                        .put("scoring_seconds", min(scoring)).put("total_seconds", bestTotal).put("ratio", ratio)
                        .put("floor_cpu_seconds", min(floorCpu)).put("segment_facts_cpu_seconds", min(factsCpu))
                        .put("scoring_cpu_seconds", min(scoringCpu)).put("total_cpu_seconds", min(totalCpu))
                        .put("cpu_ratio", min(totalCpu) / min(floorCpu))
                        .put("target_ratio", 3.0).put("pass", ratio <= 3.0);
                ObjectNode t = n.putObject("tag_sizes");
                sizes.forEach(t::put);
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(n));
            } else {
                out.println(texts.format("segments.title", texts.count(rows), texts.count(events), repeat));
                Table table = new Table("  ", false, true, true, true, true);
                double cpuFloor = min(floorCpu);
                table.row(texts.get("segments.step"), texts.get("segments.seconds"), texts.get("segments.ratio"),
                        texts.get("segments.cpu"), texts.get("segments.cpu-ratio"));
                table.row(texts.get("segments.floor"), texts.seconds(bestFloor), "1.00", texts.seconds(cpuFloor), "1.00");
                table.row(texts.get("segments.facts"), texts.seconds(min(facts)), texts.ratio(min(facts) / bestFloor),
                        texts.seconds(min(factsCpu)), texts.ratio(min(factsCpu) / cpuFloor));
                table.row(texts.get("segments.scoring"), texts.seconds(min(scoring)), texts.ratio(min(scoring) / bestFloor),
                        texts.seconds(min(scoringCpu)), texts.ratio(min(scoringCpu) / cpuFloor));
                table.row(texts.get("segments.total"), texts.seconds(bestTotal), texts.ratio(ratio),
                        texts.seconds(min(totalCpu)), texts.ratio(min(totalCpu) / cpuFloor));
                out.print(table.render());
                out.println(texts.format(ratio <= 3.0 ? "segments.pass" : "segments.fail", texts.ratio(ratio)));
                out.println(texts.format("segments.tags", sizes));
            }
            out.flush();
            return 0;
        } catch (ReservoirException e) {
            err.println("error [" + e.code() + "]: " + e.message(texts.locale()));
            return 1;
        } finally {
            BaseStore.delete(dir);
        }
    }

    private static double min(double[] xs) {
        double m = Double.MAX_VALUE;
        for (double x : xs) {
            m = Math.min(m, x);
        }
        return m;
    }

    /** Creates the tenant and fills it with SQL; returns the number of events. */
    private long prepare(EngineConfig config) throws SQLException, IOException {
        try (DuckDbEngine engine = DuckDbEngine.open(config)) {
            engine.createTenant(BaseStore.TENANT, Workload.ZONE, BaseStore.CURRENCY);
            engine.store(BaseStore.TENANT);
        }
        Path folder = config.dataDirectory().resolve(BaseStore.TENANT);
        Properties props = new Properties();
        props.setProperty("memory_limit", config.memoryLimit());
        props.setProperty("temp_directory", folder.resolve("tmp").toAbsolutePath().toString());
        long events = customers * eventsPerCustomer;
        String now = "TIMESTAMPTZ '" + root.clock().instant().toString().replace('T', ' ').replace("Z", "+00") + "'";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + folder.resolve("events.duckdb").toAbsolutePath(), props);
             Statement st = c.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            // k: which kind of event (0-99), by a hash of the event number; customer = i mod N
            st.execute("INSERT INTO events (event_id, customer_id, visitor_id, occurred_at, local_date, type, page, item_id,"
                    + " category, order_id, quantity, amount, currency, store_id, channel, session_id, properties,"
                    + " ingested_at, import_id, id_key)"
                    + " SELECT 'e' || i, 'c' || (i % " + customers + "), NULL, ts,"
                    + " CAST(timezone('" + Workload.ZONE.getId() + "', ts) AS DATE),"
                    + " CASE WHEN k < 40 THEN 'visit' WHEN k < 70 THEN 'purchase' WHEN k < 75 THEN 'refund'"
                    + "      WHEN k < 80 THEN 'complaint' WHEN k < 85 THEN 'review' ELSE 'page_view' END,"
                    + " NULL, NULL,"
                    + " CASE WHEN k BETWEEN 40 AND 69 THEN ['cat-litter','cat-food','dog-food','toys','treats','beds',"
                    + "      'bowls','leashes'][1 + CAST(hash(i * 3) % 8 AS INTEGER)] END,"
                    + " CASE WHEN k BETWEEN 40 AND 69 THEN 'o' || i END, 1,"
                    + " CASE WHEN k BETWEEN 40 AND 69 THEN CAST(5 + CAST(hash(i * 5) % 196 AS BIGINT) AS DECIMAL(18,4))"
                    + "      WHEN k BETWEEN 70 AND 74 THEN CAST(-(5 + CAST(hash(i * 5) % 50 AS BIGINT)) AS DECIMAL(18,4)) END,"
                    + " 'CNY', NULL, NULL, NULL,"
                    + " CASE WHEN k BETWEEN 80 AND 84 THEN '{\"rating\":\"' || (1 + CAST(hash(i * 11) % 5 AS BIGINT)) || '\"}' END,"
                    + " " + now + ", 1, hash('e' || i)" // id_key as the import writes it (schema.sql)
                    + " FROM (SELECT i, CAST(hash(i * 7) % 100 AS INTEGER) AS k,"
                    + "       TIMESTAMPTZ '2023-12-31 16:00:00+00' + to_seconds(CAST(hash(i) % 31622400 AS BIGINT)) AS ts"
                    + "       FROM range(" + events + ") r(i))");
            st.execute("INSERT INTO customers SELECT 'c' || j, NULL, hash(j) % 5 = 0, NULL, NULL, NULL, NULL, " + now
                    + ", 1 FROM range(" + customers + ") r(j)");
            st.execute("INSERT INTO imports VALUES (1, 'benchmark segments', 'canonical', 'events', " + now + ", "
                    + events + ", " + events + ", 0, 0, 0)");
            // Filled behind the engine's back: mark the rollup missing, so opening builds it.
            st.execute("DELETE FROM rollup_state");
            st.execute("CHECKPOINT");
        }
        try (DuckDbEngine engine = DuckDbEngine.open(config)) {
            engine.store(BaseStore.TENANT); // builds the per-customer-per-day rollup (not timed)
        }
        return events;
    }
}
