package dev.reservoir.duckdb;

import dev.reservoir.engine.TenantStore;
import dev.reservoir.metric.Activity;
import dev.reservoir.metric.ChurnRate;
import dev.reservoir.metric.ChurnRule;
import dev.reservoir.metric.InactiveCustomers;
import dev.reservoir.metric.PeriodChurn;
import dev.reservoir.metric.ReturnGaps;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Churn metrics on the real UCI Online Retail file (tenant Europe/London, GBP), as of
 * 2011-12-09, the file's last day: each figure asserted exactly and recomputed by
 * {@link ChurnOnlineRetailFile}, which reads the raw lines without any engine code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChurnOnlineRetailTest {
    private static final LocalDate D = LocalDate.of(2011, 12, 9);
    private static final AsOf AS_OF = AsOf.of(D);
    private static final ChurnRule RULE = new ChurnRule(Activity.ORDERS, 60, 90);

    private TenantStore store;
    private ChurnOnlineRetailFile file;
    private String skipped;

    @BeforeAll
    void importOnce() {
        try {
            ImportedOnlineRetail retail = ImportedOnlineRetail.get();
            store = retail.store();
            file = new ChurnOnlineRetailFile(retail.lines(), D);
        } catch (TestAbortedException e) {
            skipped = e.getMessage();
        }
    }

    @BeforeEach
    void requireTheDataset() {
        Assumptions.assumeTrue(skipped == null, () -> skipped);
    }

    @Test
    void monthlyChurnRate_n90_monthsOf2011() {
        ChurnRate.Result result = store.churn().churnRate(new ChurnRate(RULE, PeriodUnit.MONTH, 12, AS_OF));
        List<String> engineRows = new ArrayList<>();
        List<String> independent = new ArrayList<>();
        for (ChurnRate.Row row : result.rows()) {
            engineRows.add(row.period().start() + " " + row.base() + " " + row.churned() + " " + row.joinedChurned()
                    + (row.period().complete() ? "" : " incomplete"));
            long[] c = file.monthlyChurn(row.period().start(), 90, D);
            independent.add(row.period().start() + " " + c[0] + " " + c[1] + " " + c[2]
                    + (row.period().end().isAfter(D) ? " incomplete" : ""));
        }
        assertEquals(independent, engineRows);
        assertEquals(EXPECTED_CHURN, engineRows);
        assertEquals(409.0 / 1682, result.rows().get(2).rate(), "March 2011");
    }

    @Test
    void monthOverMonthChurn_2011() {
        PeriodChurn.Result result = store.churn().periodChurn(new PeriodChurn(Activity.ORDERS, PeriodUnit.MONTH, 12, AS_OF));
        List<String> engineRows = new ArrayList<>();
        List<String> independent = new ArrayList<>();
        for (PeriodChurn.Row row : result.rows()) {
            engineRows.add(row.period().start() + " " + row.active() + " " + row.retained()
                    + (row.complete() ? "" : " incomplete"));
            long[] c = file.monthOverMonth(row.period().start());
            independent.add(row.period().start() + " " + c[0] + " " + c[1]
                    + (row.period().start().plusMonths(2).minusDays(1).isAfter(D) ? " incomplete" : ""));
        }
        assertEquals(independent, engineRows);
        assertEquals(EXPECTED_POP, engineRows);
        assertEquals((741.0 - 262) / 741, result.rows().get(1).rate(), "January -> February 2011");
    }

    @Test
    void autoWindow_recommendedAt90Percent() {
        ReturnGaps.Result result = store.churn().returnGaps(ReturnGaps.of(Activity.ORDERS, AS_OF));
        TreeMap<Long, Long> gaps = file.gaps();
        long all = gaps.values().stream().mapToLong(Long::longValue).sum();
        long within = 0;
        Integer recommended = null;
        for (Map.Entry<Long, Long> e : gaps.entrySet()) {
            within += e.getValue();
            if (recommended == null && (double) within / all >= 0.9) {
                recommended = e.getKey().intValue();
            }
        }
        long customers = file.days.values().stream().filter(d -> d.size() >= 2).count();
        assertEquals(List.of(all, customers, (long) recommended, gaps.lastKey()),
                List.of(result.gaps(), result.customers(), (long) result.recommended(), (long) result.curve().size()));
        assertEquals(EXPECTED_GAPS, List.of(result.gaps(), result.customers(), (long) result.recommended(),
                (long) result.curve().size()));
    }

    @Test
    void silentList_w60_n90_andChurnedList() {
        List<String> silent = rows(store.churn().inactiveCustomers(InactiveCustomers.silent(RULE, AS_OF)));
        assertEquals(file.inactive(D, 60, 89), silent);
        List<String> churned = rows(store.churn().inactiveCustomers(InactiveCustomers.churned(RULE, 90, AS_OF)));
        assertEquals(file.inactive(D, 90, 179), churned);
        assertEquals(EXPECTED_SILENT, silent.size());
        assertEquals(EXPECTED_SILENT_FIRST, silent.get(0));
        assertEquals(EXPECTED_CHURNED, churned.size());
    }

    private static List<String> rows(InactiveCustomers.Result result) {
        return result.customers().stream().map(c -> c.customerId() + "|" + c.lastActivity() + "|" + c.daysSilent()
                + "|" + c.orders() + "|" + c.money().toPlainString()).toList();
    }

    /**
     * Month, base (active in the 90 days before the month), churned (base customers who reached
     * 90 silent days inside the month), joined-and-churned. The file starts 2010-12-01, so nobody
     * can reach 90 days before 2011-03-01; nobody first active in a month can reach 90 days
     * inside that same month, so the last column is 0. December stops at D = Dec 9.
     */
    static final List<String> EXPECTED_CHURN = List.of(
            "2011-01-01 885 0 0", "2011-02-01 1302 0 0", "2011-03-01 1682 409 0", "2011-04-01 1776 272 0",
            "2011-05-01 1891 341 0", "2011-06-01 1959 386 0", "2011-07-01 1969 303 0", "2011-08-01 2025 429 0",
            "2011-09-01 1923 382 0", "2011-10-01 2151 330 0", "2011-11-01 2461 274 0", "2011-12-01 2841 76 0 incomplete");
    /** Month P, customers who bought in P, of them who bought in P's next month; Nov -> Dec is incomplete. */
    static final List<String> EXPECTED_POP = List.of(
            "2010-12-01 885 324", "2011-01-01 741 262", "2011-02-01 758 290", "2011-03-01 974 304",
            "2011-04-01 856 368", "2011-05-01 1056 410", "2011-06-01 991 365", "2011-07-01 949 388",
            "2011-08-01 935 425", "2011-09-01 1266 489", "2011-10-01 1364 622", "2011-11-01 1665 371 incomplete");
    /** Gaps, customers with a gap, recommended N at 90%, longest gap (days). */
    static final List<Long> EXPECTED_GAPS = List.of(12427L, 2790L, 110L, 366L);
    static final int EXPECTED_SILENT = 513;
    static final String EXPECTED_SILENT_FIRST = "12939|2011-10-06|64|8|11581.8000";
    static final int EXPECTED_CHURNED = 588;
}
