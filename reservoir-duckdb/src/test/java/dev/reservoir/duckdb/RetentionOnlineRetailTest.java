package dev.reservoir.duckdb;

import dev.reservoir.engine.TenantStore;
import dev.reservoir.metric.Activity;
import dev.reservoir.metric.CohortRetention;
import dev.reservoir.metric.CohortRetentionResult;
import dev.reservoir.metric.NDayRetention;
import dev.reservoir.metric.NDayRetentionResult;
import dev.reservoir.metric.RetentionEntry;
import dev.reservoir.metric.RetentionMode;
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

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Monthly cohort retention by first purchase, orders returning, of the real Online Retail file
 * (tenant Europe/London, GBP, as of 2011-12-09: the file's last day), in all three modes, checked
 * cell by cell against {@link RetentionOnlineRetailCohorts}, a second computation from the raw
 * lines that shares no code with the engine; a few figures are also pinned as literals so that a
 * change in both would still be seen.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionOnlineRetailTest {
    private static final LocalDate D = LocalDate.of(2011, 12, 9);

    private TenantStore store;
    private RetentionOnlineRetailCohorts independent;
    private String skipped;

    @BeforeAll
    void importOnce() {
        try {
            ImportedOnlineRetail retail = ImportedOnlineRetail.get();
            store = retail.store();
            independent = RetentionOnlineRetailCohorts.of(retail.lines(), D);
        } catch (TestAbortedException e) {
            skipped = e.getMessage();
        }
    }

    @BeforeEach
    void requireTheDataset() {
        Assumptions.assumeTrue(skipped == null, () -> skipped);
    }

    private CohortRetentionResult monthly(RetentionMode mode) {
        // 13 cohorts: 2010-12 ... 2011-12 (the last, holding D, incomplete); offsets 0..12.
        return store.retention().cohorts(new CohortRetention(RetentionEntry.FIRST_PURCHASE, Activity.ORDERS,
                PeriodUnit.MONTH, mode, 12, 13, AsOf.of(D)));
    }

    /** The engine's matrix in the independent computation's form: "cohort size: cells". */
    private static List<String> rows(CohortRetentionResult result) {
        List<String> rows = new ArrayList<>();
        for (CohortRetentionResult.Cohort c : result.cohorts()) {
            StringBuilder b = new StringBuilder(c.period().start().toString().substring(0, 7) + " " + c.size() + ":");
            for (CohortRetentionResult.Cell cell : c.cells()) {
                b.append(' ').append(cell.retained() == null ? "-" : cell.retained().toString())
                        .append(cell.complete() ? "" : "*");
            }
            rows.add(b.toString());
        }
        return rows;
    }

    @Test
    void cohortSizes_areTheFirstTimeBuyersOfEachMonth() {
        CohortRetentionResult on = monthly(RetentionMode.ON);
        List<Long> sizes = on.cohorts().stream().map(CohortRetentionResult.Cohort::size).toList();
        assertEquals(independent.sizes(), sizes);
        // Pinned: every customer with a purchase enters exactly one cohort (4,339 buyers, PROVENANCE.md).
        assertEquals(4_339, sizes.stream().mapToLong(Long::longValue).sum());
        assertEquals(List.of(885L, 417L, 380L, 452L, 300L, 284L, 242L, 188L, 169L, 299L, 358L, 324L, 41L), sizes);
    }

    @Test
    void onMatrix_agreesCellByCellWithTheIndependentComputation() {
        List<String> rows = rows(monthly(RetentionMode.ON));
        assertEquals(independent.matrix(RetentionOnlineRetailCohorts.Mode.ON), rows);
        // Pinned: December 2010's first row, and the last cohort's single incomplete cell.
        assertEquals("2010-12 885: 263 324 286 340 321 352 321 309 313 350 331 445 235*", rows.get(0));
    }

    @Test
    void onOrAfterMatrix_agreesCellByCellWithTheIndependentComputation() {
        List<String> rows = rows(monthly(RetentionMode.ON_OR_AFTER));
        assertEquals(independent.matrix(RetentionOnlineRetailCohorts.Mode.ON_OR_AFTER), rows);
        // Pinned: 774 of December 2010's 885 came back at all (k = 0: any return up to D).
        assertEquals("2010-12 885: 774 766 753 741 724 713 696 672 652 621 583 510 235*", rows.get(0));
    }

    @Test
    void withinMatrix_agreesCellByCellWithTheIndependentComputation_emptyAtZero() {
        List<String> rows = rows(monthly(RetentionMode.WITHIN));
        assertEquals(independent.matrix(RetentionOnlineRetailCohorts.Mode.WITHIN), rows);
        rows.forEach(r -> assertEquals("-", r.split(": ")[1].split(" ")[0].replace("*", "")));
        assertEquals("2010-12 885: - 324 440 527 588 623 649 674 690 707 724 761 766*", rows.get(0));
    }

    @Test
    void nDayRetention_agreesWithTheIndependentComputation() {
        NDayRetentionResult result = store.retention().nDay(NDayRetention.defaults(RetentionEntry.FIRST_PURCHASE,
                Activity.ORDERS, AsOf.of(D)));
        List<String> rows = result.rows().stream()
                .map(r -> r.days() + ": " + r.entered() + " " + r.returnedWithin() + " " + r.returnedOnDay()).toList();
        assertEquals(independent.nDay(List.of(7, 30)), rows);
        // Pinned: 7-day 232 of 4,308 (65 on day 7 itself), 30-day 779 of 4,086 (36 on day 30).
        assertEquals(List.of("7: 4308 232 65", "30: 4086 779 36"), rows);
    }
}
