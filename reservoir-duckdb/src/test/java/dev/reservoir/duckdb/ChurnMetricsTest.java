package dev.reservoir.duckdb;

import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.Event;
import dev.reservoir.event.EventType;
import dev.reservoir.metric.Activity;
import dev.reservoir.metric.ChurnPreset;
import dev.reservoir.metric.ChurnRate;
import dev.reservoir.metric.ChurnRule;
import dev.reservoir.metric.InactiveCustomers;
import dev.reservoir.metric.PeriodChurn;
import dev.reservoir.metric.ReturnGaps;
import dev.reservoir.time.AsOf;
import dev.reservoir.time.PeriodUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Churn metrics (SPEC 1-4) on small hand-built shops whose every number is worked out below.
 *
 * <p>The Shanghai shop, as of D = 2024-03-20 (a leap year), churn window N = 14 (food
 * delivery), activity = purchases. Local dates in Asia/Shanghai (UTC+8):
 * <pre>
 *   a   buys Jan 20                                    reaches Jan 20 + 14 = Feb 3
 *   b   buys Jan 25, Feb 5 (two orders that day)       Jan 25 -> Feb 5 is 11 days: no reach;
 *                                                      Feb 5 + 14 = Feb 19: reaches again inside Feb
 *   c   buys Feb 15, Feb 29 (leap day)                 gap 14 = N: no reach on Feb 29 (it was
 *                                                      active that day); Feb 29 + 14 = Mar 14
 *   d   buys Feb 1                                     reaches Feb 15 (joined during Feb)
 *   e1  buys 2024-01-31T16:00Z = Feb 1 00:00 Shanghai  local Feb 1, not Jan 31 as in UTC: joined
 *                                                      during Feb, reaches Feb 15
 *   e2  one order, lines at 2024-01-31T15:59:59Z       the order's date is its earliest line's:
 *       (Jan 31 23:59:59) and 16:10Z (Feb 1 00:10)     Jan 31; reaches Feb 14
 *   g   buys Jan 20, Feb 2, Feb 14, Feb 27, Mar 10     gaps 13, 12, 13, 12; Mar 24 is after D
 *   j   buys Mar 10                                    would reach Mar 24, after D
 *   k   buys Feb 25                                    reaches Feb 25 + 14 = Mar 10
 *   f   only a refund on Jan 25                        refunds are not activity: never counted
 *   anonymous visitor buys Jan 25                      no customer id: never counted
 * </pre>
 */
class ChurnMetricsTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final LocalDate D = LocalDate.of(2024, 3, 20);
    static final ChurnRule FOOD = ChurnRule.of(ChurnPreset.FOOD_DELIVERY);

    @TempDir
    Path dir;
    /** Ingestion time: moved by the late-event test. */
    MutableClock clock = new MutableClock(Instant.parse("2024-03-21T00:00:00Z"));
    DuckDbEngine engine;

    @BeforeEach
    void open() {
        engine = DuckDbEngine.open(EngineConfig.of(dir.resolve("data")).withClock(clock));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    // ---------------------------------------------------------------- the Shanghai shop

    private TenantStore shanghaiShop() {
        engine.createTenant("sh", SHANGHAI, Currency.getInstance("CNY"));
        TenantStore store = engine.store("sh");
        assertEquals(shanghaiEvents().size(), store.append("api", shanghaiEvents()).accepted());
        return store;
    }

    static List<Event> shanghaiEvents() {
        List<Event> e = new ArrayList<>();
        e.add(buy("a1", "a", local(SHANGHAI, "2024-01-20T12:00"), "oa1", "10"));
        e.add(buy("b1", "b", local(SHANGHAI, "2024-01-25T12:00"), "ob1", "10"));
        e.add(buy("b2", "b", local(SHANGHAI, "2024-02-05T09:00"), "ob2", "10"));
        e.add(buy("b3", "b", local(SHANGHAI, "2024-02-05T19:00"), "ob3", "10"));
        e.add(buy("c1", "c", local(SHANGHAI, "2024-02-15T12:00"), "oc1", "10"));
        e.add(buy("c2", "c", local(SHANGHAI, "2024-02-29T12:00"), "oc2", "10"));
        e.add(buy("d1", "d", local(SHANGHAI, "2024-02-01T12:00"), "od1", "10"));
        e.add(buy("e1", "e1", Instant.parse("2024-01-31T16:00:00Z"), "oe1", "10"));
        e.add(buy("e2a", "e2", Instant.parse("2024-01-31T15:59:59Z"), "oe2", "10"));
        e.add(buy("e2b", "e2", Instant.parse("2024-01-31T16:10:00Z"), "oe2", "5"));
        for (String day : List.of("2024-01-20", "2024-02-02", "2024-02-14", "2024-02-27", "2024-03-10")) {
            e.add(buy("g" + day, "g", local(SHANGHAI, day + "T12:00"), "og" + day, "10"));
        }
        e.add(buy("j1", "j", local(SHANGHAI, "2024-03-10T12:00"), "oj1", "10"));
        e.add(buy("k1", "k", local(SHANGHAI, "2024-02-25T12:00"), "ok1", "10"));
        e.add(Event.of("f", local(SHANGHAI, "2024-01-25T12:00"), EventType.REFUND).withEventId("f1")
                .withOrder("of1", "tea", null, 1L, new BigDecimal("-10")));
        e.add(new Event("anon1", null, "visitor-1", local(SHANGHAI, "2024-01-25T12:00"), EventType.PURCHASE,
                null, null, null, "oanon", 1L, new BigDecimal("10"), null, null, null, null, Map.of()));
        return e;
    }

    @Test
    void churnRate_countsBaseCustomersWhoReachTheStandardInsideEachPeriod() {
        TenantStore store = shanghaiShop();
        ChurnRate.Result result = store.churn().churnRate(new ChurnRate(FOOD, PeriodUnit.MONTH, 3, AsOf.of(D)));
        List<ChurnRate.Row> rows = result.rows();
        assertEquals(3, rows.size());

        // January: base = active Dec 18 - Dec 31 = nobody; rate undefined, never 0.
        ChurnRate.Row jan = rows.get(0);
        assertEquals(LocalDate.of(2024, 1, 1), jan.period().start());
        assertEquals(0, jan.base());
        assertNull(jan.rate());
        assertEquals(0, jan.joinedChurned(), "a reaches on Feb 3, not in January");

        // February: base = active Jan 18 - Jan 31 = a, b, e2, g (e1 is Feb 1 in Shanghai; f and
        // the visitor never count) = 4. Reached in Feb: a (Feb 3), b (Feb 19, after coming back
        // Feb 5), e2 (Feb 14) = 3 -> 0.75. Beside it: d and e1 joined in Feb and reached Feb 15.
        ChurnRate.Row feb = rows.get(1);
        assertEquals(4, feb.base());
        assertEquals(3, feb.churned());
        assertEquals(0.75, feb.rate());
        assertEquals(2, feb.joinedChurned());
        assertTrue(feb.period().complete());

        // March, incomplete at D = Mar 20: base = active Feb 16 - Feb 29 = c (leap day), g, k = 3.
        // Reached by Mar 20: c (Mar 14), k (Mar 10) = 2 -> 2/3; j would reach Mar 24, after D.
        ChurnRate.Row mar = rows.get(2);
        assertFalse(mar.period().complete());
        assertEquals(3, mar.base());
        assertEquals(2, mar.churned());
        assertEquals(2.0 / 3, mar.rate());
        assertEquals(0, mar.joinedChurned());
    }

    @Test
    void churnRate_weeklyPeriodsAreIsoWeeksStartingMonday() {
        TenantStore store = shanghaiShop();
        // The ISO week of Mon Feb 12 - Sun Feb 18: base = active Jan 29 - Feb 11 = b (Feb 5),
        // d (Feb 1), e1 (Feb 1), e2 (Jan 31), g (Feb 2) = 5. Reached Feb 12-18: e2 (Feb 14),
        // d and e1 (Feb 15) = 3; b reaches Feb 19, the next Monday.
        ChurnRate.Result result = store.churn().churnRate(
                new ChurnRate(FOOD, PeriodUnit.WEEK, 1, AsOf.of(LocalDate.of(2024, 2, 18))));
        ChurnRate.Row week = result.rows().get(0);
        assertEquals(LocalDate.of(2024, 2, 12), week.period().start());
        assertTrue(week.period().complete());
        assertEquals(5, week.base());
        assertEquals(3, week.churned());
        assertEquals(0, week.joinedChurned());
    }

    @Test
    void periodChurn_isTheShareOfPeriodCustomersNotActiveInTheNext_andMarksAnIncompleteNext() {
        TenantStore store = shanghaiShop();
        PeriodChurn.Result result = store.churn().periodChurn(new PeriodChurn(Activity.ORDERS, PeriodUnit.MONTH, 2, AsOf.of(D)));
        // January -> February: active in Jan = a, b, e2 (its order is dated Jan 31 even though a
        // line is on Feb 1), g = 4; of them active in Feb: b, g = 2; lost 2 -> 0.5.
        PeriodChurn.Row jan = result.rows().get(0);
        assertEquals(LocalDate.of(2024, 1, 1), jan.period().start());
        assertEquals(LocalDate.of(2024, 2, 1), jan.next().start());
        assertEquals(4, jan.active());
        assertEquals(2, jan.retained());
        assertEquals(0.5, jan.rate());
        assertTrue(jan.complete());
        // February -> March (incomplete): active in Feb = b, c, d, e1, g, k = 6; in March so far
        // only g -> lost 5 of 6, marked incomplete.
        PeriodChurn.Row feb = result.rows().get(1);
        assertEquals(6, feb.active());
        assertEquals(1, feb.retained());
        assertEquals(5, feb.lost());
        assertEquals(5.0 / 6, feb.rate());
        assertFalse(feb.complete());
    }

    @Test
    void returnGaps_curveAndRecommendedWindow() {
        TenantStore store = shanghaiShop();
        // Gaps between activity days: b 11 (its two Feb 5 orders are one day), c 14 (leap year:
        // Feb 15 -> Feb 29), g 13, 12, 13, 12. Six gaps, three customers.
        // Within g days: 10 -> 0, 11 -> 1, 12 -> 3, 13 -> 5, 14 -> 6.
        ReturnGaps.Result result = store.churn().returnGaps(ReturnGaps.of(Activity.ORDERS, AsOf.of(D)));
        assertEquals(6, result.gaps());
        assertEquals(3, result.customers());
        assertEquals(14, result.curve().size());
        assertEquals(0.0, result.shareWithin(10));
        assertEquals(3.0 / 6, result.shareWithin(12));
        assertEquals(5.0 / 6, result.shareWithin(13));
        assertEquals(2, result.curve().get(11).gaps(), "two gaps of exactly 12 days");
        assertEquals(14, result.recommended(), "5/6 < 0.9 at 13 days, 6/6 at 14");
        assertEquals(13, store.churn().returnGaps(new ReturnGaps(Activity.ORDERS, 0.8, AsOf.of(D))).recommended());
        assertEquals(12, store.churn().returnGaps(new ReturnGaps(Activity.ORDERS, 0.5, AsOf.of(D))).recommended(),
                "3/6 reaches 0.5 exactly");
    }

    @Test
    void returnGaps_withoutRepeatActivity_hasNoRecommendation() {
        TenantStore store = shanghaiShop();
        ReturnGaps.Result result = store.churn().returnGaps(ReturnGaps.of(Activity.ORDERS, AsOf.of(LocalDate.of(2024, 1, 31))));
        assertEquals(0, result.gaps());
        assertTrue(result.curve().isEmpty());
        assertNull(result.recommended());
        assertNull(result.shareWithin(5));
    }

    @Test
    void lateEvents_changeTheFigure_andKnownAtReproducesTheEarlierReport_whileEventsAfterDChangeNothing() {
        TenantStore store = shanghaiShop();
        Instant firstIngest = clock.instant();
        ChurnRate definition = new ChurnRate(FOOD, PeriodUnit.MONTH, 3, AsOf.of(D));
        ChurnRate.Result before = store.churn().churnRate(definition);

        // Resending everything is safe: duplicates are ignored, nothing changes.
        assertEquals(0, store.append("api", shanghaiEvents()).accepted());
        // An event after D (c buys Mar 25) changes no figure as of D.
        clock.set(Instant.parse("2024-03-26T00:00:00Z"));
        store.append("api", List.of(buy("c3", "c", local(SHANGHAI, "2024-03-25T12:00"), "oc3", "10")));
        assertEquals(before.rows(), store.churn().churnRate(definition).rows());

        // A late purchase of k on Mar 8, ingested Mar 27: k no longer reaches Mar 10, and
        // Mar 8 + 14 = Mar 22 is after D, so March falls to 1 of 3 (c only).
        clock.set(Instant.parse("2024-03-27T00:00:00Z"));
        store.append("api", List.of(buy("k2", "k", local(SHANGHAI, "2024-03-08T12:00"), "ok2", "10")));
        ChurnRate.Result after = store.churn().churnRate(definition);
        assertEquals(1, after.rows().get(2).churned());
        assertEquals(1.0 / 3, after.rows().get(2).rate());

        // Known at the first ingestion, the earlier report comes back exactly.
        ChurnRate known = new ChurnRate(FOOD, PeriodUnit.MONTH, 3, AsOf.of(D).knownAt(firstIngest));
        assertEquals(before.rows(), store.churn().churnRate(known).rows());
    }

    // ---------------------------------------------------------------- the London shop (DST)

    /**
     * Europe/London, D = 2024-04-10, rule (7, 14); clocks went forward on 2024-03-31 01:00 UTC.
     * <pre>
     *   x  buys 2024-03-31T23:30Z = Apr 1 00:30 BST           silent 9 days (in UTC: 10)
     *   y  buys 2024-04-03T23:30Z = Apr 4 00:30 BST           silent 6 < W: not listed (in UTC: 7)
     *   u  buys 2024-04-03T10:00Z = Apr 3                     silent 7 = W: listed
     *   w  buys Mar 20 (100) and Mar 28 (20), refund -30      silent 13 = N - 1: listed, money 120
     *   z  buys 2024-03-27T12:00Z (GMT) = Mar 27              silent 14 = N: churned, not silent
     *   v  only visits, Apr 1                                 not a buyer: listed only when visits count
     * </pre>
     * x and u both have money 50: the tie is broken by customer id, u first.
     */
    private TenantStore londonShop() {
        engine.createTenant("uk", LONDON, Currency.getInstance("GBP"));
        TenantStore store = engine.store("uk");
        clock.set(Instant.parse("2024-04-21T00:00:00Z")); // after every event: none is in the future
        long accepted = store.append("api", List.of(
                buy("x1", "x", Instant.parse("2024-03-31T23:30:00Z"), "ox1", "50"),
                buy("y1", "y", Instant.parse("2024-04-03T23:30:00Z"), "oy1", "70"),
                buy("u1", "u", Instant.parse("2024-04-03T10:00:00Z"), "ou1", "50"),
                buy("w1", "w", local(LONDON, "2024-03-20T12:00"), "ow1", "100"),
                buy("w2", "w", local(LONDON, "2024-03-28T12:00"), "ow2", "20"),
                Event.of("w", local(LONDON, "2024-03-29T12:00"), EventType.REFUND).withEventId("w3")
                        .withOrder("ow2", "shirt", null, -1L, new BigDecimal("-30")),
                buy("z1", "z", Instant.parse("2024-03-27T12:00:00Z"), "oz1", "40"),
                Event.of("v", local(LONDON, "2024-04-01T12:00"), EventType.VISIT).withEventId("v1"))).accepted();
        assertEquals(8, accepted);
        return store;
    }

    @Test
    void silentList_countsCalendarDaysInTheTenantZoneAcrossDst_sortedByMoneyThenId() {
        TenantStore store = londonShop();
        ChurnRule rule = new ChurnRule(Activity.ORDERS, 7, 14);
        List<InactiveCustomers.Customer> silent = store.churn()
                .inactiveCustomers(InactiveCustomers.silent(rule, AsOf.of(LocalDate.of(2024, 4, 10)))).customers();
        assertEquals(List.of(
                new InactiveCustomers.Customer("w", LocalDate.of(2024, 3, 28), 13, 2, new BigDecimal("120.0000")),
                new InactiveCustomers.Customer("u", LocalDate.of(2024, 4, 3), 7, 1, new BigDecimal("50.0000")),
                new InactiveCustomers.Customer("x", LocalDate.of(2024, 4, 1), 9, 1, new BigDecimal("50.0000"))),
                silent);
    }

    @Test
    void churnedList_holdsCustomersWhoReachedTheStandardWithinTheLookBack() {
        TenantStore store = londonShop();
        ChurnRule rule = new ChurnRule(Activity.ORDERS, 7, 14);
        AsOf asOf = AsOf.of(LocalDate.of(2024, 4, 10));
        // z: D - L = 14 = N. With a look-back of 14 days, D - L may be 14..27.
        assertEquals(List.of(new InactiveCustomers.Customer("z", LocalDate.of(2024, 3, 27), 14, 1, new BigDecimal("40.0000"))),
                store.churn().inactiveCustomers(InactiveCustomers.churned(rule, 14, asOf)).customers());
        // Ten days later z is 24 days silent, still within; w (Mar 28) is 23; x (Apr 1) 19; u
        // (Apr 3) 17; y (Apr 4) 16 -> all five, by money: w 120, y 70, u 50, x 50, z 40.
        List<String> later = store.churn().inactiveCustomers(InactiveCustomers.churned(rule, 14,
                AsOf.of(LocalDate.of(2024, 4, 20)))).customers().stream().map(InactiveCustomers.Customer::customerId).toList();
        assertEquals(List.of("w", "y", "u", "x", "z"), later);
    }

    @Test
    void silentList_withVisitsAsActivity_listsVisitorsWithNoOrders() {
        TenantStore store = londonShop();
        ChurnRule rule = new ChurnRule(Activity.VISITS, 7, 14);
        List<InactiveCustomers.Customer> silent = store.churn()
                .inactiveCustomers(InactiveCustomers.silent(rule, AsOf.of(LocalDate.of(2024, 4, 10)))).customers();
        assertEquals(List.of(new InactiveCustomers.Customer("v", LocalDate.of(2024, 4, 1), 9, 0, new BigDecimal("0.0000"))),
                silent);
    }

    @Test
    void churnRule_requiresZeroBelowWarningBelowWindow_andPresetsAreTheSeedsPairs() {
        assertThrows(IllegalArgumentException.class, () -> new ChurnRule(Activity.ORDERS, 30, 30));
        assertThrows(IllegalArgumentException.class, () -> new ChurnRule(Activity.ORDERS, 0, 30));
        assertThrows(IllegalArgumentException.class, () -> new ChurnRule(Activity.ORDERS, 40, 30));
        assertEquals(new ChurnRule(Activity.ORDERS, 7, 14), ChurnRule.of(ChurnPreset.FOOD_DELIVERY));
        assertEquals(new ChurnRule(Activity.ORDERS, 30, 60), ChurnRule.of(ChurnPreset.APPAREL));
        assertEquals(new ChurnRule(Activity.ORDERS, 60, 90), ChurnRule.of(ChurnPreset.EDUCATION_SERVICES));
        assertEquals(ChurnPreset.EDUCATION_SERVICES, ChurnPreset.fromWireName("education").orElseThrow());
    }

    // ---------------------------------------------------------------- helpers

    static Instant local(ZoneId zone, String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    static Event buy(String eventId, String customer, Instant at, String order, String amount) {
        return Event.of(customer, at, EventType.PURCHASE).withEventId(eventId)
                .withOrder(order, "item", null, 1L, new BigDecimal(amount));
    }

    /** A clock the test moves, so that ingestion times (known-at) are controlled. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
