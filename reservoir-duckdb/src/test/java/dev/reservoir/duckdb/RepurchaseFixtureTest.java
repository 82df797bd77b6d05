package dev.reservoir.duckdb;

import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.Customer;
import dev.reservoir.event.Event;
import dev.reservoir.event.EventType;
import dev.reservoir.metric.Activity;
import dev.reservoir.metric.ActivityCounts;
import dev.reservoir.metric.ActivityCountsResult;
import dev.reservoir.metric.AnnualRetention;
import dev.reservoir.metric.AnnualRetentionResult;
import dev.reservoir.metric.RepurchaseAfterFirst;
import dev.reservoir.metric.RepurchaseAfterFirstResult;
import dev.reservoir.metric.RepurchaseGroup;
import dev.reservoir.metric.RepurchaseInPeriod;
import dev.reservoir.metric.RepurchaseInPeriodResult;
import dev.reservoir.metric.RepurchaseLadder;
import dev.reservoir.metric.RepurchaseLadderResult;
import dev.reservoir.metric.RepurchaseSplit;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Repurchase (a)(b)(c)(d), annual retention and activity on small hand-built tenants whose every
 * number is worked out in the comments. Local times are written in the tenant's zone and
 * converted here; the comments say which local date each lands on.
 */
class RepurchaseFixtureTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final Instant FIRST_BATCH = Instant.parse("2024-06-01T00:00:00Z");
    static final Instant LATE_BATCH = Instant.parse("2024-06-02T00:00:00Z");
    /** The shop fixture's as-of date: March 2024 is incomplete. */
    static final LocalDate D = LocalDate.of(2024, 3, 10);

    @TempDir
    Path dir;
    DuckDbEngine engine;
    final Instant[] now = {FIRST_BATCH};

    @BeforeEach
    void open() {
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        engine = DuckDbEngine.open(EngineConfig.of(dir.resolve("data")).withClock(clock));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private TenantStore tenant(String id, ZoneId zone) {
        engine.createTenant(id, zone, Currency.getInstance("CNY"));
        return engine.store(id);
    }

    private static Event purchase(String id, String customer, String order, ZoneId zone, String localTime) {
        return Event.of(customer, LocalDateTime.parse(localTime).atZone(zone).toInstant(), EventType.PURCHASE)
                .withEventId(id).withOrder(order, "item", null, 1L, new BigDecimal("10"));
    }

    private static Event event(String id, String customer, EventType type, Instant at) {
        return Event.of(customer, at, type).withEventId(id);
    }

    /**
     * The shop (Asia/Shanghai, 2024). Orders and their local dates:
     * <pre>
     *   A  o1 Jan 5; o2 at 2024-01-31T16:30Z = Feb 1 00:30 Shanghai (February, not January);
     *      oA9 Mar 11 (after D: never counts)
     *   B  o3, o4 both Jan 10 (two orders on one day); o5 Feb 5
     *   C  o6: lines at Jan 31 23:59 and Feb 1 01:00 -> one order dated Jan 31
     *   D  refund only (Jan 12): not a buyer
     *   E  two purchases without an order id on Jan 20: two orders (keyed by event id)
     *   F  o7 Feb 29 (leap day), o8 Mar 1
     *   H  o9 Jan 15, o10 Feb 14 (= Jan 15 + 30: inside a 30-day window)
     *   I  o11 Jan 16, o12 Feb 16 (= Jan 16 + 31: outside it)
     *   an anonymous visitor's two purchases on Jan 15: never counted
     *   B's o3 line sent twice: the duplicate is ignored
     * </pre>
     * Profiles: A, B paid; C, E, I not paid; F a profile without paid_member; H no profile.
     */
    private TenantStore shop() {
        TenantStore store = tenant("shop", SHANGHAI);
        List<Event> events = new ArrayList<>(List.of(
                purchase("a1", "A", "o1", SHANGHAI, "2024-01-05T12:00"),
                Event.of("A", Instant.parse("2024-01-31T16:30:00Z"), EventType.PURCHASE).withEventId("a2")
                        .withOrder("o2", "item", null, 1L, BigDecimal.TEN),
                purchase("a9", "A", "oA9", SHANGHAI, "2024-03-11T09:00"),
                purchase("b1", "B", "o3", SHANGHAI, "2024-01-10T09:00"),
                purchase("b2", "B", "o4", SHANGHAI, "2024-01-10T18:00"),
                purchase("b3", "B", "o5", SHANGHAI, "2024-02-05T18:00"),
                purchase("c1", "C", "o6", SHANGHAI, "2024-01-31T23:59"),
                purchase("c2", "C", "o6", SHANGHAI, "2024-02-01T01:00"),
                event("d1", "D", EventType.REFUND, LocalDateTime.parse("2024-01-12T10:00").atZone(SHANGHAI).toInstant()),
                purchase("e1", "E", null, SHANGHAI, "2024-01-20T10:00"),
                purchase("e2", "E", null, SHANGHAI, "2024-01-20T10:05"),
                purchase("f1", "F", "o7", SHANGHAI, "2024-02-29T10:00"),
                purchase("f2", "F", "o8", SHANGHAI, "2024-03-01T10:00"),
                purchase("h1", "H", "o9", SHANGHAI, "2024-01-15T10:00"),
                purchase("h2", "H", "o10", SHANGHAI, "2024-02-14T23:00"),
                purchase("i1", "I", "o11", SHANGHAI, "2024-01-16T10:00"),
                purchase("i2", "I", "o12", SHANGHAI, "2024-02-16T00:10"),
                new Event("v1", null, "visitor-1", LocalDateTime.parse("2024-01-15T10:00").atZone(SHANGHAI).toInstant(),
                        EventType.PURCHASE, null, null, null, "ov1", 1L, BigDecimal.ONE, null, null, null, null, Map.of()),
                new Event("v2", null, "visitor-1", LocalDateTime.parse("2024-01-15T11:00").atZone(SHANGHAI).toInstant(),
                        EventType.PURCHASE, null, null, null, "ov2", 1L, BigDecimal.ONE, null, null, null, null, Map.of())));
        store.append("shop", events);
        // Resent: a duplicate, ignored. (Sent in its own batch: a repeated id inside the first batch
        // of an empty store fails in the importer, "Table with name matched does not exist".)
        assertEquals(1, store.append("resent", List.of(events.get(3))).files().get(0).duplicates());
        store.appendCustomers("profiles", List.of(
                new Customer("A", null, true, null, null, null, Map.of()),
                new Customer("B", null, true, null, null, null, Map.of()),
                new Customer("C", null, false, null, null, null, Map.of()),
                new Customer("E", null, false, null, null, null, Map.of()),
                new Customer("I", null, false, null, null, null, Map.of()),
                new Customer("F", null, null, "gold", null, null, Map.of("city", "Hangzhou"))));
        return store;
    }

    private static RepurchaseInPeriodResult.Row row(RepurchaseInPeriodResult r, int month, RepurchaseGroup g) {
        return r.rows().stream().filter(x -> x.period().start().getMonthValue() == month && x.group().equals(g))
                .findFirst().orElseThrow();
    }

    @Test
    void inPeriod_countsOrdersByLocalDate_andMarksTheCurrentMonthIncomplete() {
        TenantStore store = shop();
        RepurchaseInPeriodResult r = store.repurchase().inPeriod(
                new RepurchaseInPeriod(PeriodUnit.MONTH, 3, AsOf.of(D), Optional.empty()));
        assertEquals(3, r.rows().size());
        // January buyers: A (o1), B (o3, o4), C (o6), E (two id-less purchases), H (o9), I (o11) = 6;
        // with 2+ orders in January: B and E = 2. A's o2 is February in Shanghai; C's o6 is one order.
        RepurchaseInPeriodResult.Row jan = row(r, 1, RepurchaseGroup.ALL);
        assertEquals(6, jan.buyers());
        assertEquals(2, jan.repeatBuyers());
        assertEquals(2.0 / 6, jan.rate());
        assertTrue(jan.period().complete());
        // February: A (o2), B (o5), F (o7, leap day), H (o10), I (o12) = 5, none with two.
        RepurchaseInPeriodResult.Row feb = row(r, 2, RepurchaseGroup.ALL);
        assertEquals(5, feb.buyers());
        assertEquals(0, feb.repeatBuyers());
        assertEquals(0.0, feb.rate());
        // March up to the 10th: F (o8); A's Mar 11 order is after D. Incomplete, not final.
        RepurchaseInPeriodResult.Row mar = row(r, 3, RepurchaseGroup.ALL);
        assertEquals(1, mar.buyers());
        assertFalse(mar.period().complete());
    }

    @Test
    void inPeriod_splitByPaidMember_putsCustomersWithoutAValueInUnknown_andGivesTheRatio() {
        TenantStore store = shop();
        RepurchaseInPeriodResult r = store.repurchase().inPeriod(new RepurchaseInPeriod(PeriodUnit.MONTH, 3,
                AsOf.of(D), Optional.of(RepurchaseSplit.parse("paid_member"))));
        // January: paid {A, B}: B repeats -> 1/2; not paid {C, E, I}: E -> 1/3; unknown {H}: 0/1.
        RepurchaseInPeriodResult.Row paid = row(r, 1, RepurchaseGroup.of("true"));
        RepurchaseInPeriodResult.Row others = row(r, 1, RepurchaseGroup.of("false"));
        RepurchaseInPeriodResult.Row unknown = row(r, 1, RepurchaseGroup.UNKNOWN);
        assertEquals(List.of(2L, 1L, 3L, 1L, 1L, 0L), List.of(paid.buyers(), paid.repeatBuyers(),
                others.buyers(), others.repeatBuyers(), unknown.buyers(), unknown.repeatBuyers()));
        // Paid 1/2 against everyone else (C, E, H, I: 1 of 4 = 1/4): 2.0 times.
        assertEquals(2.0, r.ratioToRest(paid));
        // Group rows sit in a fixed order: all, false, true, unknown.
        assertEquals(List.of(RepurchaseGroup.ALL, RepurchaseGroup.of("false"), RepurchaseGroup.of("true"),
                RepurchaseGroup.UNKNOWN), r.rows().stream().filter(x -> x.period().start().getMonthValue() == 1)
                .map(RepurchaseInPeriodResult.Row::group).toList());
        // March: only F (profile without paid_member: unknown); the groups still show, with 0 buyers
        // and an undefined rate.
        assertEquals(1, row(r, 3, RepurchaseGroup.UNKNOWN).buyers());
        assertNull(row(r, 3, RepurchaseGroup.of("true")).rate());
    }

    @Test
    void inPeriod_splitByAttributeKeyOrTier() {
        TenantStore store = shop();
        RepurchaseInPeriodResult r = store.repurchase().inPeriod(new RepurchaseInPeriod(PeriodUnit.MONTH, 1,
                AsOf.of(D), Optional.of(RepurchaseSplit.parse("attributes.city"))));
        // March: F is the only buyer, city Hangzhou.
        assertEquals(1, row(r, 3, RepurchaseGroup.of("Hangzhou")).buyers());
        RepurchaseInPeriodResult tier = store.repurchase().inPeriod(new RepurchaseInPeriod(PeriodUnit.MONTH, 1,
                AsOf.of(D), Optional.of(RepurchaseSplit.parse("member_tier"))));
        assertEquals(1, row(tier, 3, RepurchaseGroup.of("gold")).buyers());
        ReservoirException e = assertThrows(ReservoirException.class, () -> RepurchaseSplit.parse("age"));
        assertEquals(ErrorCode.INVALID_PARAMETER, e.code());
        assertEquals("split: expected paid_member, member_tier, store_id, channel or attributes.KEY, was 'age'",
                e.getMessage());
    }

    @Test
    void afterFirst_countsSameDaySecondOrders_windowEndInclusive_andPendingApart() {
        TenantStore store = shop();
        RepurchaseAfterFirstResult r = store.repurchase().afterFirst(new RepurchaseAfterFirst(PeriodUnit.MONTH, 3,
                List.of(30, 90), AsOf.of(D), Optional.empty()));
        // 3 months x 2 windows, all customers only.
        assertEquals(6, r.rows().size());
        // January first-time buyers: A (Jan 5), B (Jan 10), C (Jan 31), E (Jan 20), H (Jan 15), I (Jan 16).
        // W = 30, every window ends by Feb 29 + 1 <= D:
        //   A: o2 on Feb 1 <= Feb 4, returned;  B: o4 the same day, returned;  E: same day, returned;
        //   H: o10 on Feb 14 = Jan 15 + 30, returned;  I: o12 on Feb 16 = Jan 16 + 31, not;
        //   C: nothing by Mar 1, not.  -> 4 of 6.
        RepurchaseAfterFirstResult.Row jan30 = r.rows().get(0);
        assertEquals(List.of(1, 30, 6L, 4L, 0L, 0L), List.of(jan30.period().start().getMonthValue(),
                jan30.withinDays(), jan30.firstTimeBuyers(), jan30.returned(), jan30.pending(), jan30.pendingReturned()));
        assertEquals(4.0 / 6, jan30.rate());
        // W = 90: Jan 5 + 90 = Apr 4 > D, so all six are pending; A, B, E, H, I already bought again.
        RepurchaseAfterFirstResult.Row jan90 = r.rows().get(1);
        assertEquals(List.of(90, 6L, 0L, 6L, 5L), List.of(jan90.withinDays(), jan90.firstTimeBuyers(),
                jan90.returned(), jan90.pending(), jan90.pendingReturned()));
        assertNull(jan90.rate());
        // February: F only (first order on the leap day); Feb 29 + 30 = Mar 30 > D: pending, and
        // already returned on Mar 1.
        RepurchaseAfterFirstResult.Row feb30 = r.rows().get(2);
        assertEquals(List.of(2, 1L, 0L, 1L, 1L), List.of(feb30.period().start().getMonthValue(),
                feb30.firstTimeBuyers(), feb30.returned(), feb30.pending(), feb30.pendingReturned()));
        assertNull(feb30.rate());
    }

    @Test
    void afterFirst_oneDayWindowAcrossTheLeapDay() {
        TenantStore store = shop();
        // F: first order Feb 29, W = 1: window [Feb 29, Mar 1], ended by D; o8 on Mar 1 counts.
        RepurchaseAfterFirstResult r = store.repurchase().afterFirst(new RepurchaseAfterFirst(PeriodUnit.MONTH, 2,
                List.of(1), AsOf.of(D), Optional.empty()));
        RepurchaseAfterFirstResult.Row feb = r.rows().get(0);
        assertEquals(List.of(1L, 1L, 0L), List.of(feb.firstTimeBuyers(), feb.returned(), feb.pending()));
    }

    @Test
    void ladder_allTimeAndLookBack_withSplit() {
        TenantStore store = shop();
        // Orders up to D: A 2 (o1, o2), B 3, C 1, E 2, F 2, H 2, I 2.
        // >= 1: 7, >= 2: 6, >= 3: 1 (B), >= 4: 0.
        RepurchaseLadderResult all = store.repurchase().ladder(
                new RepurchaseLadder(3, OptionalInt.empty(), AsOf.of(D), Optional.empty()));
        assertEquals(List.of(7L, 6L, 1L), all.steps().stream().map(RepurchaseLadderResult.Step::customers).toList());
        assertEquals(List.of(6.0 / 7, 1.0 / 6, 0.0),
                all.steps().stream().map(RepurchaseLadderResult.Step::conversion).toList());
        // Look-back 30 days: [Feb 10, Mar 10]: F o7 and o8, H o10, I o12 -> >= 1: 3, >= 2: 1 (F).
        RepurchaseLadderResult recent = store.repurchase().ladder(
                new RepurchaseLadder(2, OptionalInt.of(30), AsOf.of(D), Optional.empty()));
        assertEquals(List.of(3L, 1L), recent.steps().stream().map(RepurchaseLadderResult.Step::customers).toList());
        // Split: paid {A 2, B 3}: 2, 2, 1; not paid {C 1, E 2, I 2}: 3, 2, 0; unknown {F 2, H 2}: 2, 2, 0.
        RepurchaseLadderResult split = store.repurchase().ladder(new RepurchaseLadder(3, OptionalInt.empty(),
                AsOf.of(D), Optional.of(RepurchaseSplit.parse("paid_member"))));
        assertEquals(List.of("all:1:7", "all:2:6", "all:3:1", "false:1:3", "false:2:2", "false:3:0",
                        "true:1:2", "true:2:2", "true:3:1", "unknown:1:2", "unknown:2:2", "unknown:3:0"),
                split.steps().stream().map(s -> s.group().key() + ":" + s.orders() + ":" + s.customers()).toList());
        // 1 -> 2: paid 2/2 = 1.0 against the rest (6 - 2) / (7 - 2) = 0.8: 1.25 times.
        assertEquals(1.0 / 0.8, split.ratioToRest(split.steps().get(6)), 1e-12);
    }

    @Test
    void lateEvents_changeTheFigure_andKnownAtReproducesTheEarlierReport() {
        TenantStore store = shop();
        RepurchaseInPeriod def = new RepurchaseInPeriod(PeriodUnit.MONTH, 3, AsOf.of(D), Optional.empty());
        RepurchaseInPeriodResult before = store.repurchase().inPeriod(def);
        // Events dated after D change nothing as of D.
        now[0] = LATE_BATCH;
        store.append("after", List.of(purchase("z1", "Z", "oz1", SHANGHAI, "2024-03-11T10:00"),
                purchase("z2", "Z", "oz2", SHANGHAI, "2024-03-12T10:00")));
        assertEquals(before.rows(), store.repurchase().inPeriod(def).rows());
        // A late customer G with two February orders: February becomes 6 buyers, 1 repeat ...
        store.append("late", List.of(purchase("g1", "G", "og1", SHANGHAI, "2024-02-20T10:00"),
                purchase("g2", "G", "og2", SHANGHAI, "2024-02-21T10:00")));
        RepurchaseInPeriodResult after = store.repurchase().inPeriod(def);
        assertEquals(6, row(after, 2, RepurchaseGroup.ALL).buyers());
        assertEquals(1, row(after, 2, RepurchaseGroup.ALL).repeatBuyers());
        // ... and known-at before the late batch gives the first report exactly.
        RepurchaseInPeriod known = new RepurchaseInPeriod(PeriodUnit.MONTH, 3,
                AsOf.of(D).knownAt(FIRST_BATCH), Optional.empty());
        assertEquals(before.rows(), store.repurchase().inPeriod(known).rows());
    }

    @Test
    void annual_splitsThisYearIntoNewRetainedReactivated_acrossShanghaiNewYear() {
        TenantStore store = tenant("annual", SHANGHAI);
        store.append("orders", List.of(
                purchase("p1", "p", "p1", SHANGHAI, "2023-03-01T10:00"),
                purchase("p2", "p", "p2", SHANGHAI, "2024-02-01T10:00"),
                purchase("q1", "q", "q1", SHANGHAI, "2022-05-01T10:00"),
                // 2023-12-31T16:30Z is 2024-01-01 00:30 in Shanghai: a 2024 order.
                Event.of("q", Instant.parse("2023-12-31T16:30:00Z"), EventType.PURCHASE).withEventId("q2")
                        .withOrder("q2", null, null, 1L, BigDecimal.ONE),
                purchase("r1", "r", "r1", SHANGHAI, "2023-06-01T10:00"),
                purchase("s1", "s", "s1", SHANGHAI, "2024-03-01T10:00"),
                purchase("t1", "t", "t1", SHANGHAI, "2023-04-01T10:00"),
                event("t2", "t", EventType.REFUND, LocalDateTime.parse("2024-04-01T10:00").atZone(SHANGHAI).toInstant()),
                purchase("u1", "u", "u1", SHANGHAI, "2023-01-01T10:00"),
                purchase("u2", "u", "u2", SHANGHAI, "2024-07-01T10:00")));
        AsOf asOf = AsOf.of(LocalDate.of(2024, 6, 30));
        // 2023 customers: p, r, t, u (q's "2023-12-31" order is 2024 in Shanghai) = 4.
        // Of them in 2024 up to June 30: p only (t refunded, u's order is after D) -> 1/4.
        // 2024 customers: p (retained), q (ordered 2022, not 2023: reactivated), s (new) = 3.
        AnnualRetentionResult y2024 = store.repurchase().annual(new AnnualRetention(2024, asOf));
        assertEquals(List.of(4L, 1L, 3L, 1L, 1L), List.of(y2024.lastYearCustomers(), y2024.retained(),
                y2024.thisYearCustomers(), y2024.newCustomers(), y2024.reactivated()));
        assertEquals(0.25, y2024.retentionRate());
        assertFalse(y2024.complete());
        // 2023 against 2022: q bought in 2022, not in 2023 -> 0 of 1 (a real 0, not undefined);
        // 2023's four customers are all new; 2023 is complete.
        AnnualRetentionResult y2023 = store.repurchase().annual(new AnnualRetention(2023, asOf));
        assertEquals(List.of(1L, 0L, 4L, 4L, 0L), List.of(y2023.lastYearCustomers(), y2023.retained(),
                y2023.thisYearCustomers(), y2023.newCustomers(), y2023.reactivated()));
        assertEquals(0.0, y2023.retentionRate());
        assertTrue(y2023.complete());
        assertThrows(ReservoirException.class, () -> new AnnualRetention(2025, asOf));
    }

    /**
     * Europe/London, as of Sunday 2024-03-31, the day the clocks go forward (01:00 UTC):
     * <pre>
     *   c1 visit 2024-03-30T23:30Z = Mar 30 23:30 GMT; visit 2024-03-31T00:30Z = Mar 31 00:30 GMT
     *   c2 page_view 2024-03-31T23:30Z = Apr 1 00:30 BST: after D
     *   c3 purchase 2024-03-31T22:59Z = Mar 31 23:59 BST
     *   c4 message_sent Mar 31: the merchant's doing, not activity
     *   visitor-9 visit Mar 31: anonymous, never counted
     *   c5 visit Mar 25; c6 visit Mar 24; c7 visit Mar 1; c8 visit Mar 2
     * </pre>
     */
    private TenantStore london() {
        TenantStore store = tenant("london", LONDON);
        store.append("activity", List.of(
                event("1", "c1", EventType.VISIT, Instant.parse("2024-03-30T23:30:00Z")),
                event("2", "c1", EventType.VISIT, Instant.parse("2024-03-31T00:30:00Z")),
                event("3", "c2", EventType.PAGE_VIEW, Instant.parse("2024-03-31T23:30:00Z")),
                event("4", "c3", EventType.PURCHASE, Instant.parse("2024-03-31T22:59:00Z")),
                event("5", "c4", EventType.MESSAGE_SENT, Instant.parse("2024-03-31T12:00:00Z")),
                new Event("6", null, "visitor-9", Instant.parse("2024-03-31T12:00:00Z"), EventType.VISIT,
                        null, null, null, null, null, null, null, null, null, null, Map.of()),
                event("7", "c5", EventType.VISIT, Instant.parse("2024-03-25T12:00:00Z")),
                event("8", "c6", EventType.VISIT, Instant.parse("2024-03-24T12:00:00Z")),
                event("9", "c7", EventType.VISIT, Instant.parse("2024-03-01T12:00:00Z")),
                event("10", "c8", EventType.VISIT, Instant.parse("2024-03-02T12:00:00Z"))));
        return store;
    }

    @Test
    void activity_rollingWindows_acrossTheLondonDstChange() {
        TenantStore store = london();
        ActivityCountsResult r = store.activity().counts(ActivityCounts.of(AsOf.of(LocalDate.of(2024, 3, 31))));
        // DAU Mar 31: c1, c3 = 2. WAU Mar 25-31: c1, c3, c5 = 3. MAU Mar 2-31: + c6, c8 = 5 (c7's Mar 1 is out).
        assertEquals(List.of(2L, 3L, 5L), List.of(r.dau(), r.wau(), r.mau()));
        // Daily DAU over Mar 2-31: Mar 2: 1, Mar 24: 1, Mar 25: 1, Mar 30: 1, Mar 31: 2 -> sum 6 over 30 days.
        assertEquals(30, r.daily().size());
        assertEquals(6, r.stickinessDauSum());
        assertEquals(0.2, r.averageDau(), 1e-15);
        assertEquals(6.0 / (30 * 5), r.stickiness());
        // Purchases only: c3 is the one buyer.
        ActivityCountsResult orders = store.activity().counts(
                new ActivityCounts(Activity.ORDERS, AsOf.of(LocalDate.of(2024, 3, 31)), false));
        assertEquals(List.of(1L, 1L, 1L), List.of(orders.dau(), orders.wau(), orders.mau()));
        // Merchant events can be named explicitly: c4 then counts.
        ActivityCountsResult messages = store.activity().counts(new ActivityCounts(
                new Activity(EnumSet.of(EventType.MESSAGE_SENT)), AsOf.of(LocalDate.of(2024, 3, 31)), false));
        assertEquals(1, messages.dau());
    }

    @Test
    void activity_calendarWeekAndMonth_markedIncompleteBeforeTheirLastDay() {
        TenantStore store = london();
        // Sunday Mar 31: ISO week Mar 25-31 = c1, c3, c5 = 3; March = those + c6, c7, c8 = 6; both complete.
        // Stickiness over March's 31 days: 6 + c7's Mar 1 = 7 active days -> 7 / (31 x 6).
        ActivityCountsResult r = store.activity().counts(
                new ActivityCounts(ActivityCounts.CUSTOMER_INITIATED, AsOf.of(LocalDate.of(2024, 3, 31)), true));
        assertEquals(List.of(2L, 3L, 6L), List.of(r.dau(), r.wau(), r.mau()));
        assertEquals(31, r.daily().size());
        assertEquals(7.0 / (31 * 6), r.stickiness());
        assertTrue(r.definition().weekComplete() && r.definition().monthComplete());
        // Saturday Mar 30: week Mar 25-30 = c1, c5; neither week nor month is complete.
        ActivityCountsResult sat = store.activity().counts(
                new ActivityCounts(ActivityCounts.CUSTOMER_INITIATED, AsOf.of(LocalDate.of(2024, 3, 30)), true));
        assertEquals(List.of(1L, 2L), List.of(sat.dau(), sat.wau()));
        assertFalse(sat.definition().weekComplete() || sat.definition().monthComplete());
    }

    @Test
    void activity_withNoActivity_stickinessIsUndefined_notZero() {
        TenantStore store = london();
        ActivityCountsResult r = store.activity().counts(ActivityCounts.of(AsOf.of(LocalDate.of(2023, 1, 1))));
        assertEquals(0, r.mau());
        assertNull(r.stickiness());
    }
}
