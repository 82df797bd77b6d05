package dev.reservoir.duckdb;

import dev.reservoir.engine.CustomerFacts;
import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.TenantSummary;
import dev.reservoir.ingest.FileReport;
import dev.reservoir.ingest.ImportListener;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Imports the real CDNOW files (Fader and Hardie) with the built-in {@code cdnow} mapping, and
 * the derived {@code cdnow_master.csv} through a user's YAML mapping, and checks the numbers
 * against {@link CdnowFiles}, an independent reader, itself checked against the numbers quoted
 * in {@code shared/datasets/cdnow/PROVENANCE.md}.
 *
 * <p>One engine per class (one test instance holds it): the master file is imported once; the
 * tests that import more use their own tenants or add nothing, so their order does not matter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdnowImportTest {
    /** A zone with DST, so that a date read as a UTC midnight shows up. */
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Currency USD = Currency.getInstance("USD");
    private static final AsOf AS_OF = AsOf.of(LocalDate.of(1998, 12, 31));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-03T09:15:00Z"), ZoneOffset.UTC);
    private static final Mapping CDNOW = Mappings.resolve("cdnow");
    private static final String MASTER = "cdnow";

    private Path dataDirectory;
    private DuckDbEngine engine;
    private List<CdnowFiles.Purchase> master;
    private List<CdnowFiles.Purchase> sample;
    private CdnowFiles.Facts masterFacts;
    private CdnowFiles.Facts sampleFacts;
    private FileReport masterImport;
    private TenantSummary masterSummary;

    /** Set when a dataset file is missing outside CI: every test is then reported as skipped. */
    private String skipped;

    @BeforeAll
    void importTheMasterFileOnce() throws IOException {
        Path masterText;
        try {
            masterText = SharedDatasets.cdnow("CDNOW_master.txt");
            for (String name : List.of("CDNOW_sample.txt", "cdnowElog.csv", "cdnow_master.csv",
                    "cdnow_customers_summary.csv")) {
                SharedDatasets.cdnow(name);
            }
        } catch (TestAbortedException e) {
            skipped = e.getMessage(); // aborting here would hide the tests from the report
            return;
        }
        master = CdnowFiles.masterText(masterText);
        sample = CdnowFiles.sampleText(SharedDatasets.cdnow("CDNOW_sample.txt"));
        masterFacts = CdnowFiles.facts(master, NEW_YORK);
        sampleFacts = CdnowFiles.facts(sample, NEW_YORK);
        dataDirectory = Files.createTempDirectory("reservoir-cdnow-");
        engine = DuckDbEngine.open(EngineConfig.of(dataDirectory).withClock(CLOCK));
        masterImport = importInto(MASTER, CDNOW, masterText);
        masterSummary = engine.store(MASTER).summary(AS_OF);
    }

    @BeforeEach
    void requireTheDatasets() {
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

    @Test
    void independentReader_agreesWithProvenance() {
        // Every literal is quoted from cdnow/PROVENANCE.md ("Files", "Checks done here", "Known
        // quirks") or the datasets README's quick facts; the reader computed the other side.
        assertEquals("eff6889ed364c5199d6eacbbeb7a6d559971df4406ac876f322c373f00a072ef",
                SharedDatasets.sha256(SharedDatasets.cdnow("CDNOW_master.txt")));
        assertEquals("6fae10155c0b0ba363c2c386e30f77990d22328220efd862a5edd1443420d94a",
                SharedDatasets.sha256(SharedDatasets.cdnow("CDNOW_sample.txt")));
        assertEquals("00e521e4b9ce09107d960ce4e9c9f1d84b720ff1fcb52e68102f649c221b6275",
                SharedDatasets.sha256(SharedDatasets.cdnow("cdnowElog.csv")));
        assertEquals("415b0c00e69d59abf00efa93a63b91f1dca48caac0cac4c492c044e84bc315ad",
                SharedDatasets.sha256(SharedDatasets.cdnow("cdnow_master.csv")));
        assertEquals("09d92ca80daaabe8be0f997d4c539f9c9606106baa5b199081fe01cbce5fa9f6",
                SharedDatasets.sha256(SharedDatasets.cdnow("cdnow_customers_summary.csv")));

        assertEquals(69_659, masterFacts.rows());
        assertEquals(23_570, masterFacts.customers());
        assertEquals(167_881, masterFacts.cds());
        assertEquals(new BigDecimal("2500315.63"), masterFacts.dollars());
        assertEquals(LocalDate.of(1997, 1, 1), masterFacts.first());
        assertEquals(LocalDate.of(1998, 6, 30), masterFacts.last());
        assertEquals(11_516, masterFacts.customersOnSeveralDays());
        assertEquals(80, masterFacts.zeroDollarRows());

        assertEquals(6_919, sampleFacts.rows());
        assertEquals(2_357, sampleFacts.customers());
        assertEquals(16_479, sampleFacts.cds());
        assertEquals(new BigDecimal("244091.94"), sampleFacts.dollars());
        // "identical row for row" once amounts are compared as numbers (59.3 is 59.30)
        assertEquals(normalized(sample), normalized(CdnowFiles.elog(SharedDatasets.cdnow("cdnowElog.csv"))));
        // The derived CSV holds the master file's rows, in the same order.
        assertEquals(normalized(master), normalized(CdnowFiles.masterCsv(SharedDatasets.cdnow("cdnow_master.csv"))));

        // Σ x (repeat-purchase days in the 39-week calibration to 1997-09-30) = 2,457, customer
        // by customer as in the published summary file.
        Map<String, Long> x = CdnowFiles.repeatDays(sample, LocalDate.of(1997, 9, 30));
        assertEquals(2_457, x.values().stream().mapToLong(Long::longValue).sum());
        assertEquals(CdnowFiles.publishedFrequency(SharedDatasets.cdnow("cdnow_customers_summary.csv")), x);
    }

    private static List<String> normalized(List<CdnowFiles.Purchase> rows) {
        return rows.stream().map(p -> p.customer() + " " + p.date() + " " + p.cds() + " "
                + p.dollars().stripTrailingZeros().toPlainString()).collect(Collectors.toList());
    }

    @Test
    void masterText_importsEveryRowAsAPurchase() {
        // The lifetimes copy starts with a header line (PROVENANCE.md, "Known quirks"): it is
        // not a row, so it is neither read as one nor rejected.
        assertAll(
                () -> assertEquals(masterFacts.rows(), masterImport.read(), "read (69,659 data lines)"),
                () -> assertEquals(masterFacts.rows(), masterImport.accepted(), "accepted"),
                () -> assertEquals(0, masterImport.duplicates(), "duplicates"),
                () -> assertEquals(0, masterImport.conflicts(), "conflicts"),
                () -> assertEquals(0, masterImport.rejected(), () -> "rejected: " + masterImport.firstRejections()),
                () -> assertEquals(0, masterImport.anonymous(), "anonymous"));
        assertEquals(Map.of("purchase", masterFacts.rows()), masterSummary.eventsByType());
        assertEquals(masterFacts.rows(), masterSummary.events());
        assertEquals(0, masterSummary.anonymousEvents());
    }

    @Test
    void masterText_summaryMatchesTheReader() {
        assertEquals(masterFacts.customers(), masterSummary.customers());   // 23,570
        // No order ids in CDNOW: every row is an order of its own, the repeated rows included
        // (1,774 customer-days have several rows), so orders = rows = 69,659.
        assertEquals(masterFacts.rows(), masterSummary.orders());
        assertEquals(0, masterFacts.dollars().compareTo(masterSummary.revenue()),
                () -> "revenue " + masterSummary.revenue());                  // 2,500,315.63
        assertEquals(0, masterSummary.refunds().signum());
        assertEquals(masterFacts.first(), masterSummary.firstDate());        // 1997-01-01
        assertEquals(masterFacts.last(), masterSummary.lastDate());          // 1998-06-30
    }

    @Test
    void masterText_quantityIsTheNumberOfCds() {
        // TenantSummary has no quantity; read the stored rows. 167,881 (PROVENANCE.md).
        assertEquals(Long.toString(masterFacts.cds()), StoredEvents.value(engine, MASTER, "SELECT sum(quantity) FROM events"));
        assertEquals("USD", StoredEvents.value(engine, MASTER, "SELECT string_agg(DISTINCT currency, ',') FROM events"));
    }

    @Test
    void masterText_datesAreLocalMidnightsInTheTenantZone() {
        // Σ of the instants: each date's midnight in New York, found by java.time (EST or EDT).
        assertEquals(Long.toString(masterFacts.epochSecondsSum()),
                StoredEvents.value(engine, MASTER, "SELECT sum(epoch_us(occurred_at) // 1000000) FROM events"));
        // 11,516 customers bought on more than one day (PROVENANCE.md): local dates are right.
        List<CustomerFacts> facts = engine.store(MASTER).customerFacts(AS_OF);
        assertEquals(masterFacts.customers(), facts.size());
        assertEquals(masterFacts.customersOnSeveralDays(), facts.stream().filter(f -> f.orderDays() > 1).count());
    }

    @Test
    void sampleText_thenElog_theSecondAddsNothing() {
        // The sample text file and BTYD's cdnowElog.csv hold the same 6,919 rows (sample ids).
        FileReport text = importInto("cdnow-sample", CDNOW, SharedDatasets.cdnow("CDNOW_sample.txt"));
        FileReport elog = engine.store("cdnow-sample").importFiles(
                ImportRequest.of(CDNOW, SharedDatasets.cdnow("cdnowElog.csv")), ImportListener.NONE).files().get(0);
        assertEquals(sampleFacts.rows(), text.read());
        assertEquals(sampleFacts.rows(), text.accepted());     // 6,919
        assertEquals(0, text.rejected());
        assertEquals(sampleFacts.rows(), elog.read());
        assertEquals(0, elog.accepted());
        assertEquals(sampleFacts.rows(), elog.duplicates());   // 6,919: '59.3' is the amount 59.30
        assertEquals(0, elog.conflicts());
        assertEquals(0, elog.rejected());

        TenantSummary s = engine.store("cdnow-sample").summary(AS_OF);
        assertEquals(sampleFacts.rows(), s.events());
        assertEquals(sampleFacts.customers(), s.customers()); // 2,357
        assertEquals(0, sampleFacts.dollars().compareTo(s.revenue()), () -> "revenue " + s.revenue()); // 244,091.94
        assertEquals(Long.toString(sampleFacts.cds()),
                StoredEvents.value(engine, "cdnow-sample", "SELECT sum(quantity) FROM events")); // 16,479

        // As of the end of the 39-week calibration (1997-09-30), each customer's order days
        // minus the first are the published x: Σ x = 2,457 (PROVENANCE.md).
        Map<String, Long> x = engine.store("cdnow-sample").customerFacts(AsOf.of(LocalDate.of(1997, 9, 30))).stream()
                .collect(Collectors.toMap(CustomerFacts::customerId, f -> f.orderDays() - 1));
        assertEquals(CdnowFiles.publishedFrequency(SharedDatasets.cdnow("cdnow_customers_summary.csv")), x);
    }

    @Test
    void masterCsv_throughAUserMapping_givesTheSameEvents() throws IOException {
        // cdnow_master.csv is not a built-in layout: a user's mapping names its columns.
        Path yaml = Files.writeString(dataDirectory.resolve("cdnow-master-csv.yaml"), String.join("\n",
                "name: cdnow-master-csv",
                "columns:",
                "  customer_id: customer_id",
                "  occurred_at: date",
                "  quantity: quantity",
                "  amount: dollar_value",
                "constants:",
                "  type: purchase",
                "  currency: USD",
                "time_formats: ['%Y-%m-%d']",
                ""), StandardCharsets.UTF_8);
        Mapping mapping = Mappings.load(yaml);
        FileReport csv = importInto("cdnow-csv", mapping, SharedDatasets.cdnow("cdnow_master.csv"));
        assertEquals(masterFacts.rows(), csv.read());
        assertEquals(masterFacts.rows(), csv.accepted());
        assertEquals(0, csv.rejected());

        TenantSummary s = engine.store("cdnow-csv").summary(AS_OF);
        assertEquals(masterFacts.customers(), s.customers());
        assertEquals(masterFacts.rows(), s.events());
        assertEquals(masterFacts.rows(), s.orders());
        assertEquals(0, masterFacts.dollars().compareTo(s.revenue()), () -> "revenue " + s.revenue());
        assertEquals(masterFacts.first(), s.firstDate());
        assertEquals(masterFacts.last(), s.lastDate());
        assertEquals(Long.toString(masterFacts.cds()), StoredEvents.value(engine, "cdnow-csv", "SELECT sum(quantity) FROM events"));
        // Same canonical fields, same derived ids: the two files are one set of events.
        assertEquals(StoredEvents.eventIds(engine, MASTER), StoredEvents.eventIds(engine, "cdnow-csv"));

        // Hence importing the CSV into the tenant that holds the text file adds nothing.
        FileReport again = engine.store(MASTER).importFiles(
                ImportRequest.of(mapping, SharedDatasets.cdnow("cdnow_master.csv")), ImportListener.NONE).files().get(0);
        assertEquals(0, again.accepted());
        assertEquals(masterFacts.rows(), again.duplicates());
        assertEquals(0, again.conflicts());
        assertEquals(StoredEvents.withoutImports(masterSummary), StoredEvents.withoutImports(engine.store(MASTER).summary(AS_OF)));
    }

    private FileReport importInto(String tenant, Mapping mapping, Path file) {
        engine.createTenant(tenant, NEW_YORK, USD);
        return engine.store(tenant).importFiles(ImportRequest.of(mapping, file), ImportListener.NONE).files().get(0);
    }
}
