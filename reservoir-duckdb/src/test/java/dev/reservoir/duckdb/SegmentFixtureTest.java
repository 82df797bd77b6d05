package dev.reservoir.duckdb;

import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.Customer;
import dev.reservoir.event.Event;
import dev.reservoir.event.EventType;
import dev.reservoir.metric.Activity;
import dev.reservoir.metric.ChurnRule;
import dev.reservoir.segment.Lifecycle;
import dev.reservoir.segment.LifecycleStage;
import dev.reservoir.segment.Rfm;
import dev.reservoir.segment.RfmClass;
import dev.reservoir.segment.RfmScoring;
import dev.reservoir.segment.SegmentFacts;
import dev.reservoir.segment.SegmentFactsQuery;
import dev.reservoir.segment.Transitions;
import dev.reservoir.segment.UsageStage;
import dev.reservoir.time.AsOf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * RFM in each scoring mode and lifecycle stages on small hand-built tenants (Asia/Shanghai,
 * events at local noon), every expected class worked out in the comments.
 */
class SegmentFixtureTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** As of 2024-03-31 with a 90-day look-back: the window is [2024-01-02, 2024-03-31] (leap year). */
    static final LocalDate D = LocalDate.of(2024, 3, 31);
    static final int L = 90;

    @TempDir
    Path dir;
    DuckDbEngine engine;

    @BeforeEach
    void open() {
        engine = DuckDbEngine.open(EngineConfig.of(dir.resolve("data"))
                .withClock(Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC)));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private static Instant noon(LocalDate date) {
        return date.atTime(12, 0).atZone(SHANGHAI).toInstant();
    }

    private static int seq;

    private static Event order(String customer, LocalDate date, String amount) {
        String id = customer + "-" + (++seq);
        return Event.of(customer, noon(date), EventType.PURCHASE).withEventId(id)
                .withOrder("o-" + id, "item", null, 1L, new BigDecimal(amount));
    }

    private static Event event(String customer, LocalDate date, EventType type) {
        return Event.of(customer, noon(date), type).withEventId(customer + "-" + (++seq));
    }

    /**
     * Ten scored customers: R (days), F (orders in the window, each of amount M / F, on the days
     * R, R + 1, ... before D) and M:
     * <pre>
     *   c01  R  0  F 1  M   50      c06  R 20  F 1  M  150
     *   c02  R  5  F 3  M  300      c07  R 20  F 2  M  150
     *   c03  R  5  F 2  M  300      c08  R 40  F 1  M  150
     *   c04  R 10  F 1  M   20      c09  R 60  F 4  M  500
     *   c05  R 10  F 5  M 1000      c10  R 80  F 1  M   10  (and 999 on 2024-01-01, D - 90: outside)
     * </pre>
     * and, not scored: c11 a refund on 2024-03-01 and an order in 2023 only (refund-only);
     * c12 an order in 2023 only; c13 an order on 2024-04-01, after D (not seen at all).
     */
    private TenantStore rfmShop() {
        engine.createTenant("rfm", SHANGHAI, Currency.getInstance("CNY"));
        TenantStore store = engine.store("rfm");
        Object[][] rows = {
                {"c01", 0, 1, "50"}, {"c02", 5, 3, "300"}, {"c03", 5, 2, "300"}, {"c04", 10, 1, "20"},
                {"c05", 10, 5, "1000"}, {"c06", 20, 1, "150"}, {"c07", 20, 2, "150"}, {"c08", 40, 1, "150"},
                {"c09", 60, 4, "500"}, {"c10", 80, 1, "10"}};
        List<Event> events = new ArrayList<>();
        for (Object[] row : rows) {
            int r = (Integer) row[1];
            int f = (Integer) row[2];
            BigDecimal each = new BigDecimal((String) row[3]).divide(BigDecimal.valueOf(f));
            for (int k = 0; k < f; k++) {
                events.add(order((String) row[0], D.minusDays(r + k), each.toPlainString()));
            }
        }
        events.add(order("c10", LocalDate.of(2024, 1, 1), "999"));
        events.add(event("c11", LocalDate.of(2024, 3, 1), EventType.REFUND));
        events.add(order("c11", LocalDate.of(2023, 11, 5), "40"));
        events.add(order("c12", LocalDate.of(2023, 12, 15), "70"));
        events.add(order("c13", LocalDate.of(2024, 4, 1), "70"));
        store.append("rfm", events);
        return store;
    }

    private Rfm.Result rfm(TenantStore store, RfmScoring scoring) {
        AsOf at = AsOf.of(D);
        List<SegmentFacts> facts = store.segments().facts(new SegmentFactsQuery(at, L,
                ChurnRule.of(dev.reservoir.metric.ChurnPreset.APPAREL)));
        return new Rfm(at, L, scoring).score(facts);
    }

    private static Map<String, String> classes(Rfm.Result result) {
        return result.customers().stream().collect(Collectors.toMap(Rfm.Customer::customerId,
                c -> c.rfmClass().wireName(), (a, b) -> a, LinkedHashMap::new));
    }

    private static String scores(Rfm.Result result, String id) {
        Rfm.Customer c = result.customers().stream().filter(x -> x.customerId().equals(id)).findFirst().orElseThrow();
        return "" + c.r() + c.f() + c.m();
    }

    @Test
    void facts_windowAndRefundOnly() {
        TenantStore store = rfmShop();
        Map<String, SegmentFacts> facts = store.segments().facts(new SegmentFactsQuery(AsOf.of(D), L,
                ChurnRule.of(dev.reservoir.metric.ChurnPreset.APPAREL))).stream()
                .collect(Collectors.toMap(SegmentFacts::customerId, f -> f));
        // c13 only has an event after D
        assertEquals(12, facts.size());
        SegmentFacts c10 = facts.get("c10");
        assertEquals(1, c10.windowOrders());
        assertEquals(0, new BigDecimal("10").compareTo(c10.windowMoney()));
        assertEquals(2, c10.orders());
        assertEquals(0, new BigDecimal("1009").compareTo(c10.money()));
        assertEquals(D.minusDays(80), c10.windowLastOrder());
        SegmentFacts c11 = facts.get("c11");
        assertEquals(0, c11.windowOrders());
        assertEquals(1, c11.windowRefunds());
        assertNull(c11.windowLastOrder());
        assertEquals(true, c11.refundOnly());
        assertEquals(false, facts.get("c12").refundOnly());
    }

    /**
     * An order's amount is the sum of its lines up to D, and it counts in the window by its date
     * (its earliest line), whatever the dates of its other lines. s1's order A has a line of 100
     * on 2024-03-30 and one of 50 on 2024-04-02; its order B a line of 7 on 2024-01-01 and one of
     * 3 on 2024-01-05. As of D = 2024-03-31 (window [2024-01-02, 2024-03-31]): 2 orders, money
     * 100 + 7 + 3 = 110; in the window only A (B is dated 01-01), worth 100 (its 50 comes after D),
     * so not 103 (the day amounts in the window) nor 150 (A's every line). As of 2024-04-30
     * (window [2024-02-01, 2024-04-30]): money 160, window money 150.
     */
    @Test
    void facts_orderLinesOnSeveralDays() {
        engine.createTenant("lines", SHANGHAI, Currency.getInstance("CNY"));
        TenantStore store = engine.store("lines");
        Object[][] lines = {{"A", "2024-03-30", "100"}, {"B", "2024-01-01", "7"}, {"B", "2024-01-05", "3"}};
        List<Event> events = new ArrayList<>();
        for (Object[] line : lines) {
            events.add(Event.of("s1", noon(LocalDate.parse((String) line[1])), EventType.PURCHASE)
                    .withEventId("s1-" + (++seq)).withOrder("s1-" + line[0], "item", null, 1L, new BigDecimal((String) line[2])));
        }
        store.append("lines", events);
        store.append("late line", List.of(Event.of("s1", noon(LocalDate.of(2024, 4, 2)), EventType.PURCHASE)
                .withEventId("s1-late").withOrder("s1-A", "item", null, 1L, new BigDecimal("50"))));
        ChurnRule rule = ChurnRule.of(dev.reservoir.metric.ChurnPreset.APPAREL);

        SegmentFacts atD = store.segments().facts(new SegmentFactsQuery(AsOf.of(D), L, rule)).get(0);
        assertEquals(2, atD.orders());
        assertEquals(0, new BigDecimal("110").compareTo(atD.money()));
        assertEquals(1, atD.windowOrders());
        assertEquals(0, new BigDecimal("100").compareTo(atD.windowMoney()));
        assertEquals(LocalDate.of(2024, 3, 30), atD.windowLastOrder());

        LocalDate april = LocalDate.of(2024, 4, 30);
        SegmentFacts later = store.segments().facts(new SegmentFactsQuery(AsOf.of(april), L, rule)).get(0);
        assertEquals(0, new BigDecimal("160").compareTo(later.money()));
        assertEquals(0, new BigDecimal("150").compareTo(later.windowMoney()));
    }

    /**
     * Quintiles, n = 10: the customer at position i (worst first, ties by id) scores 1 + ⌊i / 2⌋.
     * <pre>
     * R (R desc): c10 c09 | c08 c06 | c07 c04 | c05 c02 | c03 c01    ties 20 (c06|c07), 10 (c04|c05),
     *                                                                 5 (c02|c03) split across edges
     * F (asc):    c01 c04 | c06 c08 | c10 c03 | c07 c02 | c09 c05    F = 1 spans scores 1, 2, 3
     * M (asc):    c10 c04 | c01 c06 | c07 c08 | c02 c03 | c09 c05    M = 150 spans 2 (c06) and 3
     * </pre>
     * High = 4 or 5: c01 R5F1M2 general-develop; c02 R4F4M4 important-value; c03 R5F3M4
     * important-develop; c04 R3F1M1 general-retain; c05 R4F5M5 important-value; c06 R2F2M2
     * general-retain; c07 R3F4M3 general-keep; c08 R2F2M3 general-retain; c09 R1F5M5
     * important-keep; c10 R1F3M1 general-retain.
     */
    @Test
    void quintiles_rankTiesByCustomerId() {
        Rfm.Result result = rfm(rfmShop(), new RfmScoring.Quintiles());
        assertEquals(List.of("512", "444", "534", "311", "455", "222", "343", "223", "155", "131"),
                List.of("c01", "c02", "c03", "c04", "c05", "c06", "c07", "c08", "c09", "c10").stream()
                        .map(id -> scores(result, id)).toList());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("c01", "general-develop");
        expected.put("c02", "important-value");
        expected.put("c03", "important-develop");
        expected.put("c04", "general-retain");
        expected.put("c05", "important-value");
        expected.put("c06", "general-retain");
        expected.put("c07", "general-keep");
        expected.put("c08", "general-retain");
        expected.put("c09", "important-keep");
        expected.put("c10", "general-retain");
        assertEquals(expected, classes(result));
        assertEquals(1, result.refundOnly());
        assertEquals(List.of(2L, 2L, 2L, 2L, 2L), result.scoreCounts().get(Rfm.Dimension.F));
    }

    /**
     * Median split. R sorted 0 5 5 10 10 | 20 20 40 60 80: median (10 + 20) / 2 = 15, high when
     * R &lt; 15: c01-c05. F 1 1 1 1 1 | 2 2 3 4 5: median 1.5, high F &gt; 1.5: c02 c03 c05 c07 c09.
     * M 10 20 50 150 150 | 150 300 300 500 1000: median 150, high only when M &gt; 150 (c06, c07,
     * c08 sit exactly on it: low): c02 c03 c05 c09.
     */
    @Test
    void medianSplit_highOnlyWhenStrictlyBetter() {
        Rfm.Result result = rfm(rfmShop(), new RfmScoring.Split(RfmScoring.Split.Center.MEDIAN));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("c01", "general-develop");
        expected.put("c02", "important-value");
        expected.put("c03", "important-value");
        expected.put("c04", "general-develop");
        expected.put("c05", "important-value");
        expected.put("c06", "general-retain");
        expected.put("c07", "general-keep");
        expected.put("c08", "general-retain");
        expected.put("c09", "important-keep");
        expected.put("c10", "general-retain");
        assertEquals(expected, classes(result));
        assertEquals(0, new BigDecimal("15").compareTo(result.recency().value()));
        assertEquals(new BigDecimal("1.5"), result.frequency().value());
        assertEquals(0, new BigDecimal("150").compareTo(result.money().value()));
        // important-value: c02 c03 c05, money 300 + 300 + 1000 = 1600 of 2630; R (5 + 5 + 10) / 3
        Rfm.ClassSummary iv = result.summary(RfmClass.IMPORTANT_VALUE);
        assertEquals(3, iv.customers());
        assertEquals(0, new BigDecimal("1600").compareTo(iv.money()));
        assertEquals(1600.0 / 2630, iv.moneyShare(), 1e-9);
        assertEquals(20.0 / 3, iv.averageRecency(), 1e-9);
        assertEquals(10.0 / 3, iv.averageFrequency(), 1e-9);
        assertEquals(new BigDecimal("533.33"), iv.averageMoney());
        assertEquals(0, result.summary(RfmClass.IMPORTANT_RETAIN).customers());
        assertNull(result.summary(RfmClass.IMPORTANT_RETAIN).averageRecency());
        // R x F: rows R score 1 (low), 2 (high); columns F score 1, 2
        //   R low:  F low c06 c08 c10 = 3, F high c07 c09 = 2;  R high: F low c01 c04 = 2, F high c02 c03 c05 = 3
        assertEquals(List.of(List.of(3L, 2L), List.of(2L, 3L)), result.rf().counts());
    }

    /**
     * Mean split: R mean 250 / 10 = 25 (high: c01-c07), F mean 21 / 10 = 2.1 (high: c02 c05 c09),
     * M mean 2630 / 10 = 263 (high: c02 c03 c05 c09).
     */
    @Test
    void meanSplit() {
        Rfm.Result result = rfm(rfmShop(), new RfmScoring.Split(RfmScoring.Split.Center.MEAN));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("c01", "general-develop");
        expected.put("c02", "important-value");
        expected.put("c03", "important-develop");
        expected.put("c04", "general-develop");
        expected.put("c05", "important-value");
        expected.put("c06", "general-develop");
        expected.put("c07", "general-develop");
        expected.put("c08", "general-retain");
        expected.put("c09", "important-keep");
        expected.put("c10", "general-retain");
        assertEquals(expected, classes(result));
        assertEquals(new BigDecimal("2.1"), result.frequency().value());
        assertEquals(0, new BigDecimal("263").compareTo(result.money().value()));
    }

    /** Cut points R ≤ 30, F ≥ 2, M ≥ 300 (inclusive): c07 (R 20, F 2, M 150) is general-value. */
    @Test
    void cutPoints_inclusive() {
        Rfm.Result result = rfm(rfmShop(), new RfmScoring.Cuts(30, 2, new BigDecimal("300")));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("c01", "general-develop");
        expected.put("c02", "important-value");
        expected.put("c03", "important-value");
        expected.put("c04", "general-develop");
        expected.put("c05", "important-value");
        expected.put("c06", "general-develop");
        expected.put("c07", "general-value");
        expected.put("c08", "general-retain");
        expected.put("c09", "important-keep");
        expected.put("c10", "general-retain");
        assertEquals(expected, classes(result));
    }

    /**
     * Lifecycle with W = 30, N = 60 (orders), as of 2024-03-31:
     * <pre>
     *   L1  profile registered 2024-03-01, no event           acquired
     *   L2  a visit on 03-31, no order                        acquired; usage exploring (1 day)
     *   L3  order 01-10 (d = 81)                              churned
     *   L4  order 02-20 (d = 40); a message_sent on 03-31     silent (merchant events are not activity)
     *   L5  first order 03-20; visits 03-29, 03-30, 03-31     converted; growing (3 days)
     *   L6  orders 2023-12-01, 01-15, 03-01, 03-25 (gaps 45, 46, 24); visits 03-26..03-30
     *                                                         active; mature (6 days: 03-25..03-30)
     *   L7  orders 2023-10-01, 03-10 (gap 161, return 21 days ago)   reactivated
     *   L8  orders 2023-06-01, 2023-10-01 (gap 122), then monthly to 03-28   active (that return is 182 days ago); exploring
     *   L9  order 03-01 (d = 30 = W)                          silent
     *   L10 order 01-31 (d = 60 = N)                          churned
     *   L11 first order 03-02 (d = 29)                        converted
     * </pre>
     * As of 2024-02-29: L7 churned (d = 151), L5 and L11 and L1 and L2 not there yet (none).
     */
    @Test
    void lifecycle_stagesUsageAndTransitions() {
        engine.createTenant("life", SHANGHAI, Currency.getInstance("CNY"));
        TenantStore store = engine.store("life");
        List<Event> events = new ArrayList<>();
        events.add(event("L2", D, EventType.VISIT));
        events.add(order("L3", LocalDate.of(2024, 1, 10), "10"));
        events.add(order("L4", LocalDate.of(2024, 2, 20), "10"));
        events.add(event("L4", D, EventType.MESSAGE_SENT));
        events.add(order("L5", LocalDate.of(2024, 3, 20), "10"));
        for (int day = 29; day <= 31; day++) {
            events.add(event("L5", LocalDate.of(2024, 3, day), EventType.VISIT));
        }
        for (String date : List.of("2023-12-01", "2024-01-15", "2024-03-01", "2024-03-25")) {
            events.add(order("L6", LocalDate.parse(date), "10"));
        }
        for (int day = 26; day <= 30; day++) {
            events.add(event("L6", LocalDate.of(2024, 3, day), EventType.VISIT));
        }
        events.add(order("L7", LocalDate.of(2023, 10, 1), "10"));
        events.add(order("L7", LocalDate.of(2024, 3, 10), "10"));
        for (String date : List.of("2023-06-01", "2023-10-01", "2023-11-01", "2023-12-01", "2024-01-01",
                "2024-02-01", "2024-03-01", "2024-03-28")) {
            events.add(order("L8", LocalDate.parse(date), "10"));
        }
        events.add(order("L9", LocalDate.of(2024, 3, 1), "10"));
        events.add(order("L10", LocalDate.of(2024, 1, 31), "10"));
        events.add(order("L11", LocalDate.of(2024, 3, 2), "10"));
        store.append("life", events);
        store.appendCustomers("profiles", List.of(new Customer("L1",
                LocalDate.of(2024, 3, 1).atStartOfDay(SHANGHAI).toInstant(), null, null, null, null, Map.of())));

        ChurnRule rule = new ChurnRule(Activity.ORDERS, 30, 60);
        Lifecycle lifecycle = new Lifecycle(AsOf.of(D), rule);
        List<SegmentFacts> facts = store.segments().facts(new SegmentFactsQuery(AsOf.of(D), 365, rule));
        Map<String, String> stages = lifecycle.stagesById(facts);
        Map<String, String> expected = Map.ofEntries(Map.entry("L1", "acquired"), Map.entry("L2", "acquired"),
                Map.entry("L3", "churned"), Map.entry("L4", "silent"), Map.entry("L5", "converted"),
                Map.entry("L6", "active"), Map.entry("L7", "reactivated"), Map.entry("L8", "active"),
                Map.entry("L9", "silent"), Map.entry("L10", "churned"), Map.entry("L11", "converted"));
        assertEquals(expected, stages);
        Lifecycle.Counts counts = lifecycle.count(facts, true);
        assertEquals(List.of(2L, 2L, 2L, 1L, 2L, 2L), counts.stages());
        // exploring: L2 (a visit on D) and L8 (its order on 03-28 is its one day in [03-25, 03-31])
        assertEquals(2, counts.usage(UsageStage.EXPLORING));
        assertEquals(1, counts.usage(UsageStage.GROWING));
        assertEquals(1, counts.usage(UsageStage.MATURE));
        assertEquals(7, counts.notActiveThisWeek());

        LocalDate before = LocalDate.of(2024, 2, 29);
        Map<String, String> earlier = new Lifecycle(AsOf.of(before), rule)
                .stagesById(store.segments().facts(new SegmentFactsQuery(AsOf.of(before), 365, rule)));
        Transitions t = Transitions.of(before, earlier, D, stages,
                java.util.Arrays.stream(LifecycleStage.values()).map(LifecycleStage::wireName).toList());
        assertEquals(1, t.count("churned", "reactivated"));
        assertEquals(2, t.count(Transitions.NONE, "converted"));
        assertEquals(2, t.count(Transitions.NONE, "acquired"));
        // L3: 01-10 was 50 days before 02-29 (silent), churned by D; L10: first order 01-31 was
        // 29 days before 02-29 (converted), churned by D
        assertEquals(1, t.count("silent", "churned"));
        assertEquals(1, t.count("converted", "churned"));
    }
}
