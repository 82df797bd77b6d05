package dev.reservoir.duckdb;

import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.Customer;
import dev.reservoir.event.Event;
import dev.reservoir.event.EventType;
import dev.reservoir.metric.Activity;
import dev.reservoir.metric.CohortRetention;
import dev.reservoir.metric.CohortRetentionResult;
import dev.reservoir.metric.NDayRetention;
import dev.reservoir.metric.NDayRetentionResult;
import dev.reservoir.metric.RetentionEntry;
import dev.reservoir.metric.RetentionMember;
import dev.reservoir.metric.RetentionMode;
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
 * Cohort and N-day retention on small hand-built tenants whose every number is worked out in the
 * comments. Times are written as UTC instants; the comments give their local dates.
 */
class RetentionFixtureTest {
    /** Ingestion time of the first batch; a second batch is ingested an hour later. */
    static final Instant FIRST_BATCH = Instant.parse("2024-06-01T00:00:00Z");

    @TempDir
    Path dir;
    DuckDbEngine engine;
    final MovableClock clock = new MovableClock(FIRST_BATCH);

    /** A clock the test moves, so that batches get different ingestion times. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
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
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void open() {
        engine = DuckDbEngine.open(EngineConfig.of(dir.resolve("data")).withClock(clock));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private TenantStore tenant(String id, String zone) {
        engine.createTenant(id, ZoneId.of(zone), Currency.getInstance("CNY"));
        return engine.store(id);
    }

    private static Event order(String id, String customer, String utc, String orderId) {
        return Event.of(customer, Instant.parse(utc), EventType.PURCHASE).withEventId(id)
                .withOrder(orderId, "tea", "drinks", 1L, new BigDecimal("18.00"));
    }

    private static Event event(String id, String customer, String utc, EventType type) {
        return Event.of(customer, Instant.parse(utc), type).withEventId(id);
    }

    // ---- Shanghai tenant, monthly cohorts by first purchase, orders returning, as of 2024-03-10 ----

    static final AsOf SHANGHAI_D = AsOf.of(LocalDate.of(2024, 3, 10));

    /**
     * Customers (Shanghai dates, UTC+8):
     * <ul>
     * <li>a: A1 2024-01-31T16:30Z = Feb 1 00:30 (Feb cohort, not Jan: Shanghai midnight), A2 Feb 1
     *     10:00 (another order on the entry day: a return at k = 0), A3 Mar 5 (k = 1).
     * <li>b: B1 Jan 10, its second line on Jan 11 (still one order, dated Jan 10); a refund Feb 15
     *     (not a return). No return.
     * <li>c: C1 Jan 20, C2 Feb 29 (leap day, k = 1); C3 Mar 12, after D (ignored).
     * <li>d: refund only (Jan 5): never in a cohort.
     * <li>e: E1 2024-01-31T15:59Z = Jan 31 23:59 (Jan cohort), E2 Mar 1 (k = 2).
     * <li>f: F1 2023-12-31T16:00Z = Jan 1 00:00, sent twice (stored once): no return.
     * <li>g: first order Mar 11, after D: in no cohort. An anonymous visitor's purchase: never.
     * </ul>
     * Jan cohort {b, c, e, f} = 4; Feb {a} = 1; Mar {} = 0.
     */
    private TenantStore shanghai() {
        TenantStore store = tenant("tea", "Asia/Shanghai");
        store.append("batch-1", List.of(
                order("a1", "a", "2024-01-31T16:30:00Z", "A1"),
                order("a2", "a", "2024-02-01T02:00:00Z", "A2"),
                order("a3", "a", "2024-03-05T02:00:00Z", "A3"),
                order("b1", "b", "2024-01-10T03:00:00Z", "B1"),
                order("b1-line2", "b", "2024-01-11T03:00:00Z", "B1"),
                event("b-refund", "b", "2024-02-15T03:00:00Z", EventType.REFUND),
                order("c1", "c", "2024-01-20T03:00:00Z", "C1"),
                order("c2", "c", "2024-02-29T10:00:00Z", "C2"),
                order("c3", "c", "2024-03-12T03:00:00Z", "C3"),
                event("d-refund", "d", "2024-01-05T03:00:00Z", EventType.REFUND),
                order("e1", "e", "2024-01-31T15:59:00Z", "E1"),
                order("e2", "e", "2024-03-01T03:00:00Z", "E2"),
                order("f1", "f", "2023-12-31T16:00:00Z", "F1"),
                order("g1", "g", "2024-03-11T03:00:00Z", "G1"),
                new Event("anon-1", null, "visitor-9", Instant.parse("2024-01-15T03:00:00Z"), EventType.PURCHASE,
                        null, null, null, "X1", 1L, BigDecimal.ONE, null, null, null, null, Map.of())));
        store.append("batch-1-again", List.of(order("f1", "f", "2023-12-31T16:00:00Z", "F1")));
        return store;
    }

    private static CohortRetention monthly(RetentionMode mode, AsOf asOf) {
        return new CohortRetention(RetentionEntry.FIRST_PURCHASE, Activity.ORDERS, PeriodUnit.MONTH, mode, 12, 3, asOf);
    }

    /** Each row as "start size: k=count(*=incomplete) ..." so a whole matrix is one assertion. */
    static List<String> rows(CohortRetentionResult result) {
        List<String> rows = new ArrayList<>();
        for (CohortRetentionResult.Cohort c : result.cohorts()) {
            StringBuilder b = new StringBuilder(c.period().start() + " " + c.size() + ":");
            for (CohortRetentionResult.Cell cell : c.cells()) {
                b.append(' ').append(cell.retained() == null ? "-" : cell.retained().toString())
                        .append(cell.complete() ? "" : "*");
            }
            rows.add(b.toString());
        }
        return rows;
    }

    @Test
    void cohortsOn_shanghaiMidnightDecidesTheCohort_sameDayOrderReturnsAtZero_incompleteCellsMarked() {
        CohortRetentionResult on = shanghai().retention().cohorts(monthly(RetentionMode.ON, SHANGHAI_D));
        // Jan {b,c,e,f}: k0 none; k1 (Feb) c; k2 (Mar, incomplete) e. Apr has not begun: no cell.
        // Feb {a}: k0 a (A2 beside A1), k1 (Mar, incomplete) a. Mar: empty, incomplete.
        assertEquals(List.of("2024-01-01 4: 0 1 1*", "2024-02-01 1: 1 1*", "2024-03-01 0: 0*"), rows(on));
        CohortRetentionResult.Cell janFeb = on.cohorts().get(0).cells().get(1);
        assertEquals(0.25, janFeb.rate());
        assertTrue(janFeb.complete());
        // An empty cohort's rate is undefined, not 0.
        assertNull(on.cohorts().get(2).cells().get(0).rate());
        assertFalse(on.cohorts().get(2).period().complete());
    }

    @Test
    void cohortsOnOrAfterAndWithin_followFromTheSameReturns_withinIsEmptyAtZero() {
        TenantStore store = shanghai();
        // on or after: Jan k0 = anyone who ever returned {c, e}, k1 {c, e}, k2 {e}; Feb k0 {a}, k1 {a}.
        assertEquals(List.of("2024-01-01 4: 2 2 1*", "2024-02-01 1: 1 1*", "2024-03-01 0: 0*"),
                rows(store.retention().cohorts(monthly(RetentionMode.ON_OR_AFTER, SHANGHAI_D))));
        // within 1..k: k0 empty; Jan k1 {c}, k2 {c, e}; Feb k1 {a} (its k0 return does not count).
        CohortRetentionResult within = store.retention().cohorts(monthly(RetentionMode.WITHIN, SHANGHAI_D));
        assertEquals(List.of("2024-01-01 4: - 1 2*", "2024-02-01 1: - 1*", "2024-03-01 0: -*"), rows(within));
        assertNull(within.cohorts().get(0).cells().get(0).rate());
    }

    @Test
    void members_listEachCohortMemberWithTheOffsetsItReturnedIn() {
        List<RetentionMember> members = shanghai().retention().members(monthly(RetentionMode.ON, SHANGHAI_D));
        assertEquals(List.of("a 2024-02-01 2024-02-01 [0, 1]", "b 2024-01-10 2024-01-01 []",
                        "c 2024-01-20 2024-01-01 [1]", "e 2024-01-31 2024-01-01 [2]", "f 2024-01-01 2024-01-01 []"),
                members.stream().sorted(java.util.Comparator.comparing(RetentionMember::customerId))
                        .map(m -> m.customerId() + " " + m.entryDate() + " " + m.cohortStart() + " " + m.returnOffsets())
                        .toList());
    }

    @Test
    void lateEvents_changeTheReport_knownAtReproducesTheEarlierOne_eventsAfterDChangeNothing() {
        TenantStore store = shanghai();
        List<String> before = rows(store.retention().cohorts(monthly(RetentionMode.ON, SHANGHAI_D)));
        clock.set(FIRST_BATCH.plusSeconds(3600));
        // After D: b orders on Mar 20 and h first buys on Mar 15; nothing as of Mar 10 moves.
        store.append("after-d", List.of(order("b9", "b", "2024-03-20T03:00:00Z", "B9"),
                order("h1", "h", "2024-03-15T03:00:00Z", "H1")));
        assertEquals(before, rows(store.retention().cohorts(monthly(RetentionMode.ON, SHANGHAI_D))));
        // A late order of b on Feb 20 (before D): Jan k1 becomes {b, c}.
        clock.set(FIRST_BATCH.plusSeconds(7200));
        store.append("late", List.of(order("b2", "b", "2024-02-20T03:00:00Z", "B2")));
        assertEquals(List.of("2024-01-01 4: 0 2 1*", "2024-02-01 1: 1 1*", "2024-03-01 0: 0*"),
                rows(store.retention().cohorts(monthly(RetentionMode.ON, SHANGHAI_D))));
        // Known at the first batch's ingestion: the earlier report, exactly.
        assertEquals(before, rows(store.retention().cohorts(monthly(RetentionMode.ON, SHANGHAI_D.knownAt(FIRST_BATCH)))));
    }

    // ---- Europe/London tenant across the DST change (2024-03-31 01:00 UTC), weekly, by registration ----

    /**
     * r1: register 2024-03-30T23:30Z = Sat Mar 30 23:30 GMT (week of Mon Mar 25); visit
     *     2024-03-31T23:30Z = Mon Apr 1 00:30 BST: week of Apr 1, k = 1 (in UTC it would be k = 0).
     * r2: profile registered 2024-03-26T12:00Z (Tue) and a register event Apr 2: entry is the
     *     earlier, Mar 26; a visit Mar 27 (k = 0). Its Apr 2 register event is not a return.
     * r3: profile registered Apr 1 12:00Z, no events: week of Apr 1, no return.
     * An anonymous visit counts for no one. As of Wed 2024-04-03, two weekly cohorts:
     * week Mar 25 {r1, r2}: k0 {r2}, k1 (incomplete) {r1}; week Apr 1 {r3}: k0 0 (incomplete).
     */
    @Test
    void weeklyRegistrationCohorts_useLondonDatesAcrossDst_andProfileRegistrations() {
        TenantStore store = tenant("shop", "Europe/London");
        store.append("events", List.of(
                event("r1-reg", "r1", "2024-03-30T23:30:00Z", EventType.REGISTER),
                event("r1-visit", "r1", "2024-03-31T23:30:00Z", EventType.VISIT),
                event("r2-reg", "r2", "2024-04-02T10:00:00Z", EventType.REGISTER),
                event("r2-visit", "r2", "2024-03-27T10:00:00Z", EventType.VISIT),
                new Event("anon", null, "v1", Instant.parse("2024-03-27T10:00:00Z"), EventType.VISIT,
                        null, null, null, null, null, null, null, null, null, null, Map.of())));
        store.appendCustomers("profiles", List.of(
                new Customer("r2", Instant.parse("2024-03-26T12:00:00Z"), null, null, null, null, Map.of()),
                new Customer("r3", Instant.parse("2024-04-01T12:00:00Z"), null, null, null, null, Map.of())));
        CohortRetention weekly = new CohortRetention(RetentionEntry.REGISTRATION, new Activity(java.util.EnumSet.of(
                EventType.VISIT, EventType.REGISTER)), PeriodUnit.WEEK, RetentionMode.ON, 4, 2,
                AsOf.of(LocalDate.of(2024, 4, 3)));
        CohortRetentionResult result = store.retention().cohorts(weekly);
        assertEquals(List.of("2024-03-25 2: 1 1*", "2024-04-01 1: 0*"), rows(result));
        assertEquals(0.0, result.cohorts().get(1).cells().get(0).rate());
    }

    // ---- N-day retention: Shanghai, first purchase, orders, N = 1 and 7, as of 2024-01-10 ----

    /**
     * p: first order Jan 1, another order Jan 1 (same day: outside (d, d+N]), one on Jan 8 (= d+7).
     * q: Jan 2, then Jan 3 (= d+1). s: Jan 3, then Jan 11 (after D). t: Jan 9, then Jan 10 (= d+1).
     * u: Jan 10 (no complete window).
     * N = 1: entries up to Jan 9: {p, q, s, t} = 4; within and on day 1: {q, t} = 2.
     * N = 7: entries up to Jan 3: {p, q, s} = 3; within 7: {p (Jan 8), q (Jan 3)} = 2; on day 7: {p}.
     */
    @Test
    void nDay_countsReturnsInTheWindowAfterTheEntryDay_overEntryDaysWhoseWindowIsComplete() {
        TenantStore store = tenant("tea", "Asia/Shanghai");
        store.append("orders", List.of(
                order("p1", "p", "2024-01-01T03:00:00Z", "P1"), order("p2", "p", "2024-01-01T05:00:00Z", "P2"),
                order("p3", "p", "2024-01-08T03:00:00Z", "P3"),
                order("q1", "q", "2024-01-02T03:00:00Z", "Q1"), order("q2", "q", "2024-01-03T03:00:00Z", "Q2"),
                order("s1", "s", "2024-01-03T03:00:00Z", "S1"), order("s2", "s", "2024-01-11T03:00:00Z", "S2"),
                order("t1", "t", "2024-01-09T03:00:00Z", "T1"), order("t2", "t", "2024-01-10T03:00:00Z", "T2"),
                order("u1", "u", "2024-01-10T03:00:00Z", "U1")));
        NDayRetentionResult result = store.retention().nDay(new NDayRetention(RetentionEntry.FIRST_PURCHASE,
                Activity.ORDERS, List.of(1, 7), AsOf.of(LocalDate.of(2024, 1, 10))));
        assertEquals(List.of(
                new NDayRetentionResult.Row(1, LocalDate.of(2024, 1, 9), 4, 2, 2),
                new NDayRetentionResult.Row(7, LocalDate.of(2024, 1, 3), 3, 2, 1)), result.rows());
        assertEquals(2.0 / 3, result.rows().get(1).withinRate());
    }

    @Test
    void nDay_withNoEntries_hasUndefinedRates() {
        TenantStore store = tenant("empty", "Asia/Shanghai");
        NDayRetentionResult result = store.retention().nDay(NDayRetention.defaults(RetentionEntry.REGISTRATION,
                Activity.VISITS, AsOf.of(LocalDate.of(2024, 1, 10))));
        assertEquals(0, result.rows().get(0).entered());
        assertNull(result.rows().get(0).withinRate());
        assertNull(result.rows().get(1).onDayRate());
    }

    @Test
    void definitions_rejectOutOfRangeParameters() {
        assertThrows(IllegalArgumentException.class, () -> new CohortRetention(RetentionEntry.FIRST_PURCHASE,
                Activity.ORDERS, PeriodUnit.MONTH, RetentionMode.ON, -1, 3, SHANGHAI_D));
        assertThrows(IllegalArgumentException.class, () -> new CohortRetention(RetentionEntry.FIRST_PURCHASE,
                Activity.ORDERS, PeriodUnit.MONTH, RetentionMode.ON, 3, 0, SHANGHAI_D));
        assertThrows(IllegalArgumentException.class, () -> new NDayRetention(RetentionEntry.FIRST_PURCHASE,
                Activity.ORDERS, List.of(7, 7), SHANGHAI_D));
    }
}
