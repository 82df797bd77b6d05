package dev.reservoir.duckdb;

import dev.reservoir.duckdb.ChurnMetricsTest.MutableClock;
import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.Customer;
import dev.reservoir.event.Event;
import dev.reservoir.event.EventType;
import dev.reservoir.metric.Activity;
import dev.reservoir.metric.ActivityCounts;
import dev.reservoir.metric.AnnualRetention;
import dev.reservoir.metric.ChurnPreset;
import dev.reservoir.metric.ChurnRate;
import dev.reservoir.metric.ChurnRule;
import dev.reservoir.metric.CohortRetention;
import dev.reservoir.metric.InactiveCustomers;
import dev.reservoir.metric.NDayRetention;
import dev.reservoir.metric.PeriodChurn;
import dev.reservoir.metric.RepurchaseAfterFirst;
import dev.reservoir.metric.RepurchaseInPeriod;
import dev.reservoir.metric.RepurchaseLadder;
import dev.reservoir.metric.RepurchaseSplit;
import dev.reservoir.metric.RetentionEntry;
import dev.reservoir.metric.RetentionMode;
import dev.reservoir.metric.ReturnGaps;
import dev.reservoir.time.AsOf;
import dev.reservoir.time.PeriodUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC § Time for every metric of the retention issue at once: a report as of D is the same
 * whatever arrives later dated after D; late events dated before D change it; and a known-at
 * before their ingestion gives the earlier report back exactly, to the last row.
 *
 * <p>The shop is random but seeded (300 customers, January 2023 to June 2024, Asia/Shanghai):
 * registrations, visits, page views, orders of one to three lines (some lines an hour past local
 * midnight, so an order spans two dates), refunds, anonymous views, paid members. No figure is
 * asserted by value here (the fixture tests and the Online Retail tests do that); what is
 * asserted is equality of whole reports, which the late events must break and the known-at must
 * restore. Reports at the latest known-at are read from the rollup, reports at an earlier one
 * from raw events, so the equalities also hold the two sources to the same answers.
 */
class AsOfAndKnownAtTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate D = LocalDate.of(2024, 3, 31);
    static final ChurnRule APPAREL = ChurnRule.of(ChurnPreset.APPAREL);

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2024-07-01T00:00:00Z"));
    DuckDbEngine engine;
    TenantStore store;

    @BeforeEach
    void open() {
        engine = DuckDbEngine.open(EngineConfig.of(dir.resolve("data")).withClock(clock));
        engine.createTenant("shop", SHANGHAI, Currency.getInstance("CNY"));
        store = engine.store("shop");
    }

    @AfterEach
    void close() {
        engine.close();
    }

    /** The shop's events, split into what arrives first, what comes after D, and what arrives late. */
    private record Shop(List<Event> onTime, List<Event> afterD, List<Event> late, List<Customer> customers) {
    }

    private static Shop shop() {
        Random random = new Random(20240331);
        List<Event> onTime = new ArrayList<>();
        List<Event> afterD = new ArrayList<>();
        List<Event> late = new ArrayList<>();
        List<Customer> customers = new ArrayList<>();
        LocalDate first = LocalDate.of(2023, 1, 1);
        LocalDate last = LocalDate.of(2024, 6, 30);
        int days = (int) (last.toEpochDay() - first.toEpochDay()) + 1;
        for (int c = 1; c <= 300; c++) {
            String id = String.format("c%03d", c);
            LocalDate joined = first.plusDays(random.nextInt(days - 30));
            Instant registered = at(joined, 10, random.nextInt(60));
            customers.add(new Customer(id, registered, random.nextInt(3) == 0, null, null, null, Map.of()));
            List<Event> own = new ArrayList<>();
            own.add(Event.of(id, registered, EventType.REGISTER).withEventId(id + "-reg"));
            double pace = 0.01 + random.nextDouble() * 0.08; // active days per day, 0.01 to 0.09
            int orders = 0;
            for (LocalDate day = joined; !day.isAfter(last); day = day.plusDays(1)) {
                if (random.nextDouble() >= pace) {
                    continue;
                }
                int hour = 8 + random.nextInt(16);
                String n = id + "-" + day;
                own.add(Event.of(id, at(day, hour, 0), EventType.VISIT).withEventId(n + "-v"));
                own.add(Event.of(id, at(day, hour, 1), EventType.PAGE_VIEW).withEventId(n + "-p")
                        .withPage("/menu", null));
                if (random.nextInt(3) == 0) {
                    String order = id + "-o" + ++orders;
                    int lines = 1 + random.nextInt(3);
                    for (int l = 0; l < lines; l++) {
                        // The last line of a late-evening order an hour after midnight: the next date.
                        Instant when = hour == 23 && l == lines - 1 ? at(day.plusDays(1), 0, 30) : at(day, hour, 5 + l);
                        own.add(Event.of(id, when, EventType.PURCHASE).withEventId(order + "-" + l)
                                .withOrder(order, "tea-" + l, "tea", 1L, new BigDecimal(10 + random.nextInt(40))));
                    }
                    if (random.nextInt(10) == 0) {
                        own.add(Event.of(id, at(day.plusDays(2), 12, 0), EventType.REFUND).withEventId(order + "-r")
                                .withOrder(order, "tea-0", "tea", 1L, new BigDecimal("-10")));
                    }
                }
            }
            for (Event e : own) {
                LocalDate date = e.occurredAt().atZone(SHANGHAI).toLocalDate();
                if (date.isAfter(D)) {
                    afterD.add(e);
                } else if (random.nextInt(12) == 0) {
                    late.add(e);
                } else {
                    onTime.add(e);
                }
            }
        }
        // Anonymous views never count for customers, before or after.
        onTime.add(new Event("anon-1", null, "visitor-1", at(D.minusDays(3), 12, 0), EventType.PAGE_VIEW,
                "/", null, null, null, null, null, null, null, null, null, Map.of()));
        return new Shop(onTime, afterD, late, customers);
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(SHANGHAI).toInstant();
    }

    /** Every metric of the retention issue as of {@code asOf}, each with its parameters. */
    private Map<String, Object> report(AsOf asOf) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("churn rate", store.churn().churnRate(new ChurnRate(APPAREL, PeriodUnit.MONTH, 6, asOf)));
        r.put("churn rate, visits, weeks", store.churn().churnRate(
                new ChurnRate(new ChurnRule(Activity.VISITS, 7, 14), PeriodUnit.WEEK, 8, asOf)));
        r.put("period churn", store.churn().periodChurn(new PeriodChurn(Activity.ORDERS, PeriodUnit.MONTH, 6, asOf)));
        r.put("return gaps", store.churn().returnGaps(ReturnGaps.of(Activity.ORDERS, asOf)));
        r.put("silent", store.churn().inactiveCustomers(InactiveCustomers.silent(APPAREL, asOf)));
        r.put("churned", store.churn().inactiveCustomers(InactiveCustomers.churned(APPAREL, 90, asOf)));
        for (RetentionEntry entry : RetentionEntry.values()) {
            for (RetentionMode mode : RetentionMode.values()) {
                CohortRetention cohorts = new CohortRetention(entry, Activity.ORDERS, PeriodUnit.MONTH, mode, 6, 12, asOf);
                r.put("cohorts " + entry + " " + mode, store.retention().cohorts(cohorts));
            }
            r.put("cohort members " + entry, store.retention().members(
                    new CohortRetention(entry, Activity.VISITS, PeriodUnit.WEEK, RetentionMode.ON, 8, 8, asOf)));
            r.put("n-day " + entry, store.retention().nDay(NDayRetention.defaults(entry, Activity.VISITS, asOf)));
        }
        Optional<RepurchaseSplit> members = Optional.of(RepurchaseSplit.parse("paid_member"));
        r.put("repurchase in period", store.repurchase().inPeriod(
                new RepurchaseInPeriod(PeriodUnit.MONTH, 6, asOf, members)));
        r.put("repurchase after first", store.repurchase().afterFirst(
                new RepurchaseAfterFirst(PeriodUnit.MONTH, 6, RepurchaseAfterFirst.DEFAULT_WITHIN, asOf, members)));
        r.put("ladder", store.repurchase().ladder(new RepurchaseLadder(6, OptionalInt.empty(), asOf, members)));
        r.put("ladder, 180 days", store.repurchase().ladder(
                new RepurchaseLadder(6, OptionalInt.of(180), asOf, Optional.empty())));
        r.put("annual", store.repurchase().annual(new AnnualRetention(2024, asOf)));
        r.put("activity", store.activity().counts(ActivityCounts.of(asOf)));
        r.put("activity, calendar", store.activity().counts(new ActivityCounts(Activity.ORDERS, asOf, true)));
        r.put("customer facts", store.customerFacts(asOf));
        return r;
    }

    @Test
    void everyMetric_asOfD_ignoresLaterEvents_changesWithLateOnes_andKnownAtReproducesTheEarlierReport() {
        Shop shop = shop();
        assertEquals(shop.customers().size(), store.appendCustomers("profiles", shop.customers()).accepted());
        Instant first = clock.instant();
        assertEquals(shop.onTime().size(), store.append("api", shop.onTime()).accepted());
        Map<String, Object> asOfD = report(AsOf.of(D));
        Map<String, Object> knownFirst = report(AsOf.of(D).knownAt(first));
        assertTrue(((List<?>) asOfD.get("customer facts")).size() > 250, "most customers were active by D");

        // Resending the same batch stores nothing and changes nothing.
        clock.set(Instant.parse("2024-07-02T00:00:00Z"));
        assertEquals(0, store.append("api", shop.onTime()).accepted());
        assertSameReport(asOfD, report(AsOf.of(D)));

        // Events dated after D change no figure as of D.
        clock.set(Instant.parse("2024-07-03T00:00:00Z"));
        assertEquals(shop.afterD().size(), store.append("api", shop.afterD()).accepted());
        assertTrue(shop.afterD().size() > 500, "a quarter of the shop's history lies after D");
        assertSameReport(asOfD, report(AsOf.of(D)));

        // Late events dated before D (one in twelve) change the report as of D...
        clock.set(Instant.parse("2024-07-04T00:00:00Z"));
        Instant beforeLate = Instant.parse("2024-07-03T12:00:00Z");
        assertEquals(shop.late().size(), store.append("api", shop.late()).accepted());
        Map<String, Object> withLate = report(AsOf.of(D));
        for (String metric : List.of("churn rate", "period churn", "return gaps", "silent",
                "cohorts FIRST_PURCHASE ON", "repurchase in period", "ladder", "activity", "customer facts")) {
            assertNotEquals(asOfD.get(metric), withLate.get(metric), metric + " must see the late events");
        }
        // ...and known-at before their ingestion gives every figure of the earlier report back.
        Map<String, Object> knownBeforeLate = report(AsOf.of(D).knownAt(beforeLate));
        for (String metric : asOfD.keySet()) {
            assertEquals(strip(asOfD.get(metric)), strip(knownBeforeLate.get(metric)), metric);
        }
        // Known at the first import: as reported then, although that report was read from the rollup.
        assertSameReport(knownFirst, report(AsOf.of(D).knownAt(first)));
    }

    @Test
    void rollup_afterLateDuplicateAndSplitOrderImports_equalsOneBuiltFromScratch_andAStoreWithoutOneGetsItAtOpen()
            throws SQLException {
        Shop shop = shop();
        store.append("api", shop.late());
        store.append("api", shop.onTime());
        store.append("api", shop.late()); // resent: all duplicates
        store.append("api", shop.afterD());
        // The second line of an order already stored, dated a day before its first: the order's
        // date moves back, and its amount grows.
        Event line = shop.onTime().stream().filter(e -> e.type() == EventType.PURCHASE).findFirst().orElseThrow();
        store.append("api", List.of(Event.of(line.customerId(), line.occurredAt().minusSeconds(86_400), EventType.PURCHASE)
                .withEventId("split-line").withOrder(line.orderId(), "extra", "tea", 1L, new BigDecimal("7"))));
        // Appends (as HTTP ingestion makes) only note their imports; the first reader of the rollup
        // (or the next file import, or the next open) rolls them all up at once, as one import.
        assertEquals(0, rollupRows(), "nothing rolled up at the appends");
        assertEquals(5, count("SELECT count(*) FROM rollup_pending"));
        Rollup.PENDING.catchUp(((DuckDbTenantStore) store).connection());
        assertEquals(0, count("SELECT count(*) FROM rollup_pending"));
        long rows = rollupRows();
        assertTrue(rows > 1_000 && rows < shop.onTime().size() + shop.late().size() + shop.afterD().size(),
                "fewer rows than events: " + rows);
        assertEquals(0, rollupDifferences(), "the rollup kept by imports is the rollup of the stored events");

        // A store from before the rollup (or filled by other means) has no rollup_state row.
        Connection connection = ((DuckDbTenantStore) store).connection();
        try (Statement st = connection.createStatement()) {
            st.execute("DELETE FROM customer_days");
            st.execute("DELETE FROM rollup_state");
        }
        engine.close();
        engine = DuckDbEngine.open(EngineConfig.of(dir.resolve("data")).withClock(clock));
        store = engine.store("shop");
        assertEquals(rows, rollupRows(), "rebuilt when opened");
        assertEquals(0, rollupDifferences());
    }

    private long rollupRows() throws SQLException {
        return count("SELECT count(*) FROM customer_days");
    }

    /** Rows in the table and not in the rollup query over all events, or the other way round. */
    private long rollupDifferences() throws SQLException {
        String scratch = "SELECT * FROM (" + Rollup.query("TRUE") + ")";
        return count("SELECT count(*) FROM ((SELECT * FROM customer_days EXCEPT ALL " + scratch + ")"
                + " UNION ALL (" + scratch + " EXCEPT ALL SELECT * FROM customer_days))");
    }

    private long count(String sql) throws SQLException {
        try (Statement st = ((DuckDbTenantStore) store).connection().createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Metric by metric, so that a difference names the metric. */
    private static void assertSameReport(Map<String, Object> expected, Map<String, Object> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String metric : expected.keySet()) {
            assertEquals(expected.get(metric), actual.get(metric), metric);
        }
    }

    /** A result without its definition (which names the known-at): its rows, as text. */
    private static String strip(Object result) {
        String text = result.toString();
        return text.replaceAll("knownAt=Optional(\\.empty|\\[[^\\]]*\\])", "knownAt=…");
    }
}
