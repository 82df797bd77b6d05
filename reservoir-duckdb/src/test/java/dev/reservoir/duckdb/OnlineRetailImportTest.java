package dev.reservoir.duckdb;

import dev.reservoir.engine.CustomerFacts;
import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.TenantSummary;
import dev.reservoir.ingest.FileReport;
import dev.reservoir.ingest.ImportListener;
import dev.reservoir.ingest.ImportReport;
import dev.reservoir.ingest.ImportRequest;
import dev.reservoir.ingest.Mapping;
import dev.reservoir.ingest.Mappings;
import dev.reservoir.time.AsOf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Imports the real UCI Online Retail file (541,909 invoice lines) with the built-in
 * {@code online-retail} mapping and checks every number against {@link OnlineRetailFile}, an
 * independent reader of the same file, whose numbers are in turn checked against those quoted
 * in {@code shared/datasets/online_retail/PROVENANCE.md}.
 *
 * <p>The whole file is imported once for the class (about ten seconds), into an engine held by
 * the one test instance; the tests that change data use their own small tenants, and those that
 * re-import into the big tenant add nothing to it, so the tests do not depend on their order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnlineRetailImportTest {
    private static final String TENANT = "retail";
    /** Covers the whole file (2010-12-01 to 2011-12-09). */
    private static final AsOf AS_OF = AsOf.of(LocalDate.of(2011, 12, 31));
    /** Any fixed time after the data: ingestion time, and the limit of the future-time check. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-03T09:15:00Z"), ZoneOffset.UTC);
    private static final Mapping ONLINE_RETAIL = Mappings.resolve("online-retail");
    /** The prefix used for the layout and overlap tests: the first 5,000 data lines. */
    private static final int HEAD = 5_000;

    private Path file;
    private Path dataDirectory;
    private DuckDbEngine engine;
    private List<String> lines;
    private OnlineRetailFile.Facts facts;
    private FileReport imported;
    private TenantSummary summary;

    /** Set when the dataset is missing outside CI: every test is then reported as skipped. */
    private String skipped;

    @BeforeAll
    void importTheWholeFileOnce() throws IOException {
        try {
            file = SharedDatasets.onlineRetail();
        } catch (TestAbortedException e) {
            skipped = e.getMessage(); // aborting here would hide the tests from the report
            return;
        }
        lines = OnlineRetailFile.lines(file);
        facts = OnlineRetailFile.facts(lines);
        dataDirectory = Files.createTempDirectory("reservoir-online-retail-");
        engine = DuckDbEngine.open(EngineConfig.of(dataDirectory).withClock(CLOCK));
        createTenant(TENANT);
        ImportReport report = engine.store(TENANT).importFiles(ImportRequest.of(ONLINE_RETAIL, file), ImportListener.NONE);
        assertEquals(1, report.files().size());
        imported = report.files().get(0);
        summary = engine.store(TENANT).summary(AS_OF);
    }

    @BeforeEach
    void requireTheDataset() {
        Assumptions.assumeTrue(skipped == null, () -> skipped);
    }

    @AfterAll
    void closeAndDelete() {
        try {
            if (engine != null) {
                engine.close();
            }
        } finally {
            StoredEvents.deleteRecursively(dataDirectory);
        }
    }

    private void createTenant(String id) {
        engine.createTenant(id, OnlineRetailFile.UK, Currency.getInstance("GBP"));
    }

    @Test
    void independentReader_agreesWithProvenance() {
        // Every literal below is quoted from online_retail/PROVENANCE.md ("File", "Checks done
        // here", "Known quirks"); the reader computed the other side from the raw file.
        assertEquals("737745256ddb4410bfe4e29f2dcb72329b7486e584837f1e84f9a07416cf7d45", SharedDatasets.sha256(file));
        assertEquals(541_909, facts.lines());
        assertEquals(25_900, facts.invoices());
        assertEquals(4_372, facts.customerIds().size());
        assertEquals(4_339, facts.customersWithPurchase());
        assertEquals(38, facts.countries());
        assertEquals(135_080, facts.anonymousLines());
        assertEquals(9_288, facts.cancellationLines());
        assertEquals(3_836, facts.cancellationInvoices());
        assertEquals(1_336, facts.negativeQuantityWithoutC());
        assertEquals(5_268, facts.exactDuplicateLines());
        assertEquals(5_176_450, facts.quantity());
        assertEquals(new BigDecimal("9747747.93"), facts.total().setScale(2, RoundingMode.HALF_UP));
        assertEquals(LocalDateTime.of(2010, 12, 1, 8, 26), facts.first());
        assertEquals(LocalDateTime.of(2011, 12, 9, 12, 50), facts.last());
        assertTrue(facts.inTimeOrder(), "PROVENANCE.md: rows are in non-decreasing InvoiceDate order");
        // Every line is either a purchase or a refund, and the refunds are exactly the 'C' lines
        // plus the stock adjustments with a negative quantity.
        assertEquals(facts.lines(), facts.purchaseLines() + facts.refundLines());
        assertEquals(9_288 + 1_336, facts.refundLines());
    }

    @Test
    void import_readsAndAcceptsEveryLine() {
        assertAll(
                () -> assertEquals(facts.lines(), imported.read(), "read (541,909 lines)"),
                // nothing in the file is invalid: every line is stored
                () -> assertEquals(facts.lines(), imported.accepted(), "accepted"),
                () -> assertEquals(0, imported.duplicates(), "duplicates"),
                () -> assertEquals(0, imported.conflicts(), "conflicts"),
                () -> assertEquals(0, imported.rejected(), () -> "rejected: " + imported.firstRejections()),
                // 135,080 lines without CustomerID
                () -> assertEquals(facts.anonymousLines(), imported.anonymous(), "anonymous"));
    }

    @Test
    void import_keepsTheExactlyRepeatedLinesAsSeparateEvents() {
        // The 5,268 lines that repeat another line exactly are line items of their own (derived
        // ids carry the occurrence number), so nothing is lost: 541,909 events, not 536,641.
        assertEquals(541_909 - 5_268, facts.lines() - facts.exactDuplicateLines());
        assertEquals(facts.lines(), summary.events());
        assertEquals(facts.lines(), StoredEvents.count(engine, TENANT, "SELECT count(DISTINCT event_id) FROM events"));
    }

    @Test
    void summary_countsPurchasesRefundsAnonymousLinesAndCustomers() {
        // Reader: 531,285 purchase lines; 10,624 refund lines (9,288 'C' + 1,336 adjustments).
        assertEquals(Map.of("purchase", facts.purchaseLines(), "refund", facts.refundLines()), summary.eventsByType());
        assertEquals(facts.anonymousLines(), summary.anonymousEvents()); // 135,080 (PROVENANCE.md)
        assertEquals(facts.customerIds().size(), summary.customers());   // 4,372 (PROVENANCE.md)
        assertEquals(0, summary.profiles());
    }

    @Test
    void summary_ordersAreDistinctInvoicesAmongPurchaseLines() {
        // Reader: 20,728 invoice numbers have at least one purchase line. Fewer than the 25,900
        // invoices: 3,836 are cancellations and 1,336 more hold only a stock adjustment.
        assertEquals(20_728, facts.purchaseOrders());
        assertEquals(facts.purchaseOrders(), summary.orders());
    }

    @Test
    void summary_revenuePlusRefundsIsTheSumOfQuantityTimesUnitPrice() {
        // Reader: revenue 10,644,560.424 and refunds -896,812.490; their sum is the file's
        // Σ Quantity × UnitPrice, 9,747,747.934, which PROVENANCE.md quotes as 9,747,747.93.
        // Prices have up to three decimals and the store keeps four, so the sums are exact.
        assertEquals(0, facts.revenue().compareTo(summary.revenue()), () -> "revenue " + summary.revenue());
        assertEquals(0, facts.refunds().compareTo(summary.refunds()), () -> "refunds " + summary.refunds());
        BigDecimal total = summary.revenue().add(summary.refunds());
        assertEquals(0, facts.total().compareTo(total), () -> "revenue + refunds " + total);
        assertEquals(new BigDecimal("9747747.93"), total.setScale(2, RoundingMode.HALF_UP));
    }

    @Test
    void summary_firstAndLastLocalDates() {
        assertEquals(LocalDate.of(2010, 12, 1), summary.firstDate()); // PROVENANCE.md
        assertEquals(LocalDate.of(2011, 12, 9), summary.lastDate());
        assertEquals(facts.first().toLocalDate(), summary.firstDate());
        assertEquals(facts.last().toLocalDate(), summary.lastDate());
    }

    @Test
    void storedTimes_areUkWallClockTimes() {
        // Per local date, the number of lines: the engine's local dates are the file's dates.
        Map<LocalDate, Long> byDate = new TreeMap<>();
        for (String row : StoredEvents.rows(engine, TENANT, "SELECT local_date, count(*) FROM events GROUP BY 1")) {
            String[] f = row.split("\\|");
            byDate.put(LocalDate.parse(f[0]), Long.parseLong(f[1]));
        }
        assertEquals(305, byDate.size()); // 305 trading days: one by-day file each (PROVENANCE.md)
        assertEquals(facts.linesByDate(), byDate);
        // Σ of the instants, each found by java.time with the UK's rules: a line read in the wrong
        // zone, or in summer without BST, moves this sum.
        assertEquals(Long.toString(facts.epochSecondsSum()),
                StoredEvents.value(engine, TENANT, "SELECT sum(epoch_us(occurred_at) // 1000000) FROM events"));
        // Two instants written out: the first line (GMT in December) and the first line of
        // 2011-06-01 (BST: 10:xx local is 09:xx UTC).
        assertEquals(Instant.parse("2010-12-01T08:26:00Z"), instant("SELECT min(occurred_at) FROM events"));
        LocalDateTime june = facts.firstTimeByDate().get(LocalDate.of(2011, 6, 1));
        assertEquals(june.minusHours(1).toInstant(ZoneOffset.UTC),
                instant("SELECT min(occurred_at) FROM events WHERE local_date = DATE '2011-06-01'"));
    }

    private Instant instant(String sql) {
        // The store's session zone is UTC, so the text is an instant in UTC: '2010-12-01 08:26:00+00'.
        String text = StoredEvents.value(engine, TENANT, "SELECT strftime(timezone('UTC', (" + sql + ")),"
                + " '%Y-%m-%dT%H:%M:%SZ')");
        return Instant.parse(text);
    }

    @Test
    void customerIds_loseTheTrailingPointZero() {
        // '17850.0' in the file is customer '17850'.
        Set<String> stored = new HashSet<>(StoredEvents.column(engine, TENANT,
                "SELECT DISTINCT customer_id FROM events WHERE customer_id IS NOT NULL"));
        assertEquals(facts.customerIds(), stored);
        assertTrue(stored.contains("17850"));
    }

    @Test
    void anonymousLines_areVisitorsNamedAfterTheirInvoice() {
        // Lines without a CustomerID belong to the visitor 'invoice:<InvoiceNo>'.
        Set<String> expected = facts.anonymousInvoices().stream().map(i -> "invoice:" + i).collect(Collectors.toSet());
        Set<String> stored = new HashSet<>(StoredEvents.column(engine, TENANT,
                "SELECT DISTINCT visitor_id FROM events WHERE customer_id IS NULL"));
        assertEquals(expected, stored);
        assertEquals(0, StoredEvents.count(engine, TENANT,
                "SELECT count(*) FROM events WHERE customer_id IS NULL AND visitor_id IS NULL"));
    }

    @Test
    void customerFacts_matchTheIndependentReader() {
        List<CustomerFacts> all = engine.store(TENANT).customerFacts(AS_OF);
        assertEquals(facts.customerIds().size(), all.size());                    // 4,372
        assertEquals(facts.customersWithPurchase(),
                all.stream().filter(c -> c.firstOrder() != null).count());       // 4,339 (PROVENANCE.md)
        BigDecimal revenue = all.stream().map(CustomerFacts::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, facts.customerRevenue().compareTo(revenue), () -> "customers' revenue " + revenue);
    }

    @Test
    void reimport_ofTheSameFile_changesNothing() {
        FileReport again = engine.store(TENANT).importFiles(ImportRequest.of(ONLINE_RETAIL, file), ImportListener.NONE)
                .files().get(0);
        assertEquals(facts.lines(), again.read());
        assertEquals(0, again.accepted());
        assertEquals(facts.lines(), again.duplicates()); // all 541,909, the repeated lines included
        assertEquals(0, again.conflicts());
        assertEquals(0, again.rejected());
        TenantSummary after = engine.store(TENANT).summary(AS_OF);
        assertEquals(StoredEvents.withoutImports(summary), StoredEvents.withoutImports(after));
    }

    @Test
    void workbookLayout_givesTheSameEventsAsTheFileLayout() throws IOException {
        Path original = OnlineRetailFile.write(dataDirectory.resolve("head-original.csv"), lines.subList(0, HEAD));
        Path workbook = writeWorkbookHead("head-workbook.csv");
        assertTrue(Files.readString(workbook).contains("536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,"
                + "12/1/2010 8:26,2.55,17850,United Kingdom\n"), "the workbook export's layout");

        FileReport fromOriginal = importInto("head-original", original);
        FileReport fromWorkbook = importInto("head-workbook", workbook);
        assertEquals(HEAD, fromOriginal.accepted());
        assertEquals(HEAD, fromWorkbook.read());
        assertEquals(HEAD, fromWorkbook.accepted());
        assertEquals(0, fromWorkbook.rejected());
        assertEquals(StoredEvents.eventIds(engine, "head-original"), StoredEvents.eventIds(engine, "head-workbook"));
        // Not only the ids: every stored field but the import's own bookkeeping.
        String everyField = "SELECT * EXCLUDE (ingested_at, import_id) FROM events ORDER BY event_id";
        assertEquals(StoredEvents.rows(engine, "head-original", everyField),
                StoredEvents.rows(engine, "head-workbook", everyField));
    }

    @Test
    void workbookLayout_intoTheTenantHoldingTheWholeFile_isAllDuplicates() {
        // The first 5,000 lines are a prefix of the file, so each repeated line has the same
        // occurrence number in both: every one of them is already stored.
        Path workbook = writeWorkbookHead("head-workbook-again.csv");
        FileReport report = engine.store(TENANT).importFiles(ImportRequest.of(ONLINE_RETAIL, workbook),
                ImportListener.NONE).files().get(0);
        assertEquals(HEAD, report.read());
        assertEquals(0, report.accepted());
        assertEquals(HEAD, report.duplicates());
        assertEquals(0, report.conflicts());
        assertEquals(0, report.rejected());
        assertEquals(facts.lines(), engine.store(TENANT).summary(AS_OF).events());
    }

    /**
     * Two exports that overlap: data lines 1–3,000, then 2,001–5,000. Derived ids number the
     * identical lines within each file, so an exact duplicate can straddle the cut. For a group
     * of identical lines with a in the first file and b in the second, both files together
     * store max(a, b) ids and the second reports min(a, b) duplicates: that is the group's
     * count in lines 1–5,000 and in the overlap 2,001–3,000 exactly when no group has lines both
     * in 1–2,000 and in 3,001–5,000. Checked by hand on this file: of the 74 groups in lines
     * 1–5,000, three cross the first cut (lines 1,997 and 2,003; 1,999 and 2,020; 2,000 and 2,021:
     * a = 2, b = 1, stored 2, one duplicate, as if it were the overlap line itself), none crosses
     * line 3,000 (the groups jump from lines 2,210/2,214 to 3,539/3,542), so the totals are those
     * of 5,000 distinct lines with a 1,000-line overlap. The reader recomputes it below.
     */
    @Test
    void overlappingExports_storeEachLineOnce() {
        Path first = OnlineRetailFile.write(dataDirectory.resolve("lines-1-3000.csv"), lines.subList(0, 3_000));
        Path second = OnlineRetailFile.write(dataDirectory.resolve("lines-2001-5000.csv"), lines.subList(2_000, 5_000));
        Map<String, Integer> a = occurrences(lines.subList(0, 3_000));
        Map<String, Integer> b = occurrences(lines.subList(2_000, 5_000));
        Set<String> keys = new HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        long expectedStored = keys.stream().mapToLong(k -> Math.max(a.getOrDefault(k, 0), b.getOrDefault(k, 0))).sum();
        long expectedDuplicates = keys.stream().mapToLong(k -> Math.min(a.getOrDefault(k, 0), b.getOrDefault(k, 0))).sum();
        assertEquals(5_000, expectedStored);
        assertEquals(1_000, expectedDuplicates);

        createTenant("overlap");
        ImportReport report = engine.store("overlap").importFiles(ImportRequest.of(ONLINE_RETAIL, first, second),
                ImportListener.NONE);
        FileReport one = report.files().get(0);
        FileReport two = report.files().get(1);
        assertEquals(3_000, one.accepted());
        assertEquals(0, one.duplicates());
        assertEquals(3_000, two.read());
        assertEquals(expectedStored - 3_000, two.accepted());  // 2,000
        assertEquals(expectedDuplicates, two.duplicates());    // 1,000
        assertEquals(0, two.conflicts());
        assertEquals(0, two.rejected());
        assertEquals(expectedStored, engine.store("overlap").summary(AS_OF).events());
        // And they are the very events of the first 5,000 lines imported as one file.
        Path whole = OnlineRetailFile.write(dataDirectory.resolve("lines-1-5000.csv"), lines.subList(0, HEAD));
        importInto("overlap-reference", whole);
        assertEquals(StoredEvents.eventIds(engine, "overlap-reference"), StoredEvents.eventIds(engine, "overlap"));
    }

    private static Map<String, Integer> occurrences(List<String> part) {
        Map<String, Integer> counts = new HashMap<>();
        part.forEach(l -> counts.merge(l, 1, Integer::sum));
        return counts;
    }

    private Path writeWorkbookHead(String name) {
        List<String> head = lines.subList(0, HEAD);
        List<String> converted = new ArrayList<>(HEAD);
        for (int i = 0; i < head.size(); i++) {
            converted.add(OnlineRetailFile.toWorkbookLayout(head.get(i), i + 2));
        }
        return OnlineRetailFile.write(dataDirectory.resolve(name), converted);
    }

    private FileReport importInto(String tenant, Path csv) {
        createTenant(tenant);
        return engine.store(tenant).importFiles(ImportRequest.of(ONLINE_RETAIL, csv), ImportListener.NONE).files().get(0);
    }
}
