package dev.reservoir.duckdb;

import dev.reservoir.engine.TenantStore;
import dev.reservoir.metric.Activity;
import dev.reservoir.metric.ActivityCounts;
import dev.reservoir.metric.ActivityCountsResult;
import dev.reservoir.metric.AnnualRetention;
import dev.reservoir.metric.AnnualRetentionResult;
import dev.reservoir.metric.RepurchaseAfterFirst;
import dev.reservoir.metric.RepurchaseAfterFirstResult;
import dev.reservoir.metric.RepurchaseInPeriod;
import dev.reservoir.metric.RepurchaseInPeriodResult;
import dev.reservoir.metric.RepurchaseLadder;
import dev.reservoir.metric.RepurchaseLadderResult;
import dev.reservoir.time.AsOf;
import dev.reservoir.time.PeriodUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Repurchase (a)(b)(c), annual retention and activity on the real Online Retail file (tenant
 * Europe/London, GBP, as of 2011-12-09, the file's last day), each figure asserted exactly and
 * computed a second time by {@link RepurchaseOnlineRetail} from the raw lines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepurchaseOnlineRetailTest {
    static final LocalDate D = LocalDate.of(2011, 12, 9);
    static final AsOf AS_OF = AsOf.of(D);

    private TenantStore store;
    private RepurchaseOnlineRetail raw;
    private String skipped;

    @BeforeAll
    void importOnce() {
        try {
            ImportedOnlineRetail retail = ImportedOnlineRetail.get();
            store = retail.store();
            raw = new RepurchaseOnlineRetail(retail.lines(), D);
        } catch (TestAbortedException e) {
            skipped = e.getMessage();
        }
    }

    @BeforeEach
    void requireTheDataset() {
        Assumptions.assumeTrue(skipped == null, () -> skipped);
    }

    @Test
    void monthlyRepurchase2011_matchesTheRawFile() {
        RepurchaseInPeriodResult r = store.repurchase().inPeriod(
                new RepurchaseInPeriod(PeriodUnit.MONTH, 12, AS_OF, Optional.empty()));
        List<String> engine = new ArrayList<>();
        r.rows().forEach(row -> engine.add(row.period().start().getMonthValue() + ":" + row.buyers() + ":"
                + row.repeatBuyers()));
        List<String> independent = new ArrayList<>();
        raw.monthly(2011).forEach((m, c) -> independent.add(m + ":" + c[0] + ":" + c[1]));
        assertEquals(independent, engine);
        assertEquals(EXPECTED_MONTHLY, engine);
        assertFalse(r.rows().get(11).period().complete()); // December 2011, as of the 9th
        assertTrue(r.rows().get(10).period().complete());
    }

    @Test
    void firstTimeBuyersWithin30And90Days2011_matchTheRawFile() {
        RepurchaseAfterFirstResult r = store.repurchase().afterFirst(new RepurchaseAfterFirst(PeriodUnit.MONTH, 12,
                List.of(30, 90), AS_OF, Optional.empty()));
        List<String> engine = new ArrayList<>();
        r.rows().forEach(row -> engine.add(row.period().start().getMonthValue() + ":" + row.withinDays() + ":"
                + row.firstTimeBuyers() + ":" + row.returned() + ":" + row.pending() + ":" + row.pendingReturned()));
        Map<Integer, long[]> w30 = raw.firstTime(2011, 30, D);
        Map<Integer, long[]> w90 = raw.firstTime(2011, 90, D);
        List<String> independent = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            for (Map.Entry<Integer, long[]> w : Map.of(30, w30.get(m), 90, w90.get(m)).entrySet().stream()
                    .sorted(Map.Entry.comparingByKey()).toList()) {
                long[] c = w.getValue();
                independent.add(m + ":" + w.getKey() + ":" + c[0] + ":" + c[1] + ":" + c[2] + ":" + c[3]);
            }
        }
        assertEquals(independent, engine);
        assertEquals(EXPECTED_FIRST_TIME, engine);
    }

    @Test
    void orderLadderToFiveOrders_matchesTheRawFile() {
        RepurchaseLadderResult r = store.repurchase().ladder(
                new RepurchaseLadder(5, OptionalInt.empty(), AS_OF, Optional.empty()));
        long[] atLeast = raw.ladder(5);
        List<Long> engine = new ArrayList<>(r.steps().stream().map(RepurchaseLadderResult.Step::customers).toList());
        engine.add(r.steps().get(4).nextCustomers());
        assertEquals(Arrays.stream(atLeast, 1, 7).boxed().toList(), engine);
        assertEquals(EXPECTED_LADDER, engine);
    }

    @Test
    void annualRetention2011Against2010_matchesTheRawFile() {
        AnnualRetentionResult r = store.repurchase().annual(new AnnualRetention(2011, AS_OF));
        List<Long> engine = List.of(r.lastYearCustomers(), r.retained(), r.thisYearCustomers(), r.newCustomers(),
                r.reactivated());
        assertEquals(Arrays.stream(raw.annual(2011)).boxed().toList(), engine);
        assertEquals(EXPECTED_ANNUAL, engine);
        // The file starts on 2010-12-01, so nobody can have bought before 2010: "reactivated"
        // (an order before last year, none last year) is necessarily empty here.
        assertEquals(0, r.reactivated());
        assertFalse(r.complete());
    }

    @Test
    void purchaseActivityNovember2011_matchesTheRawFile() {
        LocalDate nov30 = LocalDate.of(2011, 11, 30);
        ActivityCountsResult r = store.activity().counts(new ActivityCounts(Activity.ORDERS, AsOf.of(nov30), false));
        // Rolling windows ending Nov 30: the week Nov 24-30 and the 30 days Nov 1-30 (= the month).
        List<Long> independent = List.of(raw.activeBetween(nov30, nov30),
                raw.activeBetween(nov30.minusDays(6), nov30), raw.activeBetween(nov30.minusDays(29), nov30));
        assertEquals(independent, List.of(r.dau(), r.wau(), r.mau()));
        List<Long> daily = raw.daily(nov30.minusDays(29), nov30);
        assertEquals(daily, r.daily().stream().map(ActivityCountsResult.Day::activeCustomers).toList());
        long sum = daily.stream().mapToLong(Long::longValue).sum();
        assertEquals((double) sum / (30 * independent.get(2)), r.stickiness());
        assertEquals(EXPECTED_ACTIVITY, List.of(r.dau(), r.wau(), r.mau(), sum));
    }

    // The figures, as both computations give them.
    /** month:buyers:buyers with 2+ orders in the month (January 741 buyers, 149 repeat: 20.1%). */
    static final List<String> EXPECTED_MONTHLY = List.of("1:741:149", "2:758:150", "3:974:201", "4:856:168",
            "5:1056:279", "6:991:219", "7:949:227", "8:935:196", "9:1266:271", "10:1364:323", "11:1665:540",
            "12:615:106");
    /**
     * month:W:first-time buyers:returned:pending:pending but already returned. September's
     * 90-day windows end after 2011-12-09 for buyers from Sep 11 on (246 pending); every window of
     * an October to December buyer is still open at W = 90.
     */
    static final List<String> EXPECTED_FIRST_TIME = List.of("1:30:417:85:0:0", "1:90:417:204:0:0",
            "2:30:380:62:0:0", "2:90:380:168:0:0", "3:30:452:76:0:0", "3:90:452:189:0:0", "4:30:300:50:0:0",
            "4:90:300:126:0:0", "5:30:284:51:0:0", "5:90:284:109:0:0", "6:30:242:42:0:0", "6:90:242:94:0:0",
            "7:30:188:41:0:0", "7:90:188:82:0:0", "8:30:169:25:0:0", "8:90:169:78:0:0", "9:30:299:56:0:0",
            "9:90:299:31:246:112", "10:30:358:87:0:0", "10:90:358:0:358:124", "11:30:324:34:212:44",
            "11:90:324:0:324:85", "12:30:41:0:41:1", "12:90:41:0:41:1");
    /** Customers with at least 1..6 orders (all time up to D): 4,339 buyers, 2,845 with a second order. */
    static final List<Long> EXPECTED_LADDER = List.of(4339L, 2845L, 2010L, 1502L, 1115L, 872L);
    /** 2010 customers, retained in 2011, 2011 customers, new, reactivated: 766 / 885 = 86.6%. */
    static final List<Long> EXPECTED_ANNUAL = List.of(885L, 766L, 4220L, 3454L, 0L);
    /** DAU Nov 30, WAU Nov 24-30, MAU Nov 1-30, sum of daily DAU over Nov 1-30 (stickiness 2391 / 49950). */
    static final List<Long> EXPECTED_ACTIVITY = List.of(92L, 477L, 1665L, 2391L);
}
