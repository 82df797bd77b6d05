package dev.reservoir.duckdb;

import dev.reservoir.engine.EngineConfig;
import dev.reservoir.ingest.ImportListener;
import dev.reservoir.ingest.ImportRequest;
import dev.reservoir.ingest.Mappings;
import dev.reservoir.model.CustomerSummaries;
import dev.reservoir.model.CustomerSummariesResult;
import dev.reservoir.model.CustomerSummary;
import dev.reservoir.model.TimeUnit;
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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The customer summaries the engine computes from BTYD's {@code cdnowElog.csv} (calibration end
 * 1997-09-30, weeks) against the published {@code cdnow_customers_summary_with_transactions.csv},
 * read by {@link CdnowFiles}, which shares no code with the engine; the holdout counts against
 * that reader's own count of the raw log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdnowSummariesTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    private static final LocalDate HOLDOUT_END = LocalDate.of(1998, 6, 30);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-03T09:15:00Z"), ZoneOffset.UTC);

    private Path dataDirectory;
    private DuckDbEngine engine;
    private CustomerSummariesResult result;
    private String skipped;

    @BeforeAll
    void importTheLog() throws IOException {
        Path elog;
        try {
            elog = SharedDatasets.cdnow("cdnowElog.csv");
            SharedDatasets.cdnow("cdnow_customers_summary_with_transactions.csv");
        } catch (TestAbortedException e) {
            skipped = e.getMessage();
            return;
        }
        dataDirectory = Files.createTempDirectory("reservoir-cdnow-summaries-");
        engine = DuckDbEngine.open(EngineConfig.of(dataDirectory).withClock(CLOCK));
        engine.createTenant("cdnow", NEW_YORK, Currency.getInstance("USD"));
        engine.store("cdnow").importFiles(ImportRequest.of(Mappings.resolve("cdnow"), elog), ImportListener.NONE);
        result = engine.store("cdnow").modelInputs().summaries(
                CustomerSummaries.of(AsOf.of(CALIBRATION_END), TimeUnit.WEEK).withHoldoutEnd(HOLDOUT_END));
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
    void summariesInWeeks_equalThePublishedFileForEveryCustomer() {
        Map<String, CdnowFiles.PublishedSummary> published = CdnowFiles.publishedSummaries(
                SharedDatasets.cdnow("cdnow_customers_summary_with_transactions.csv"));
        Map<String, CustomerSummary> ours = result.customers().stream()
                .collect(Collectors.toMap(CustomerSummary::customerId, Function.identity()));
        assertEquals(2357, published.size());
        assertEquals(published.keySet(), ours.keySet());
        long sumX = 0;
        int zbarHalfCents = 0;
        for (CdnowFiles.PublishedSummary p : published.values()) {
            CustomerSummary s = ours.get(p.customer());
            String who = "customer " + p.customer();
            assertEquals(p.x(), s.frequency(), who);
            // The file writes weeks with 2 decimals: ours, rounded half-up to 2 decimals, is it.
            assertEquals(p.tx(), round2(s.recency()), who + " t_x " + s.recency());
            assertEquals(p.t(), round2(s.age()), who + " T " + s.age());
            // zbar is rounded to cents; PROVENANCE.md: recomputed values match "within 0.01
            // (rounding of half-cents)", so a difference of one cent is allowed only there.
            BigDecimal diff = round2(s.monetaryValue()).subtract(p.zbar()).abs();
            assertTrue(diff.compareTo(new BigDecimal("0.01")) <= 0, who + " zbar " + s.monetaryValue() + " vs " + p.zbar());
            zbarHalfCents += diff.signum();
            sumX += s.frequency();
        }
        assertEquals(2457, sumX); // Σ x, PROVENANCE.md "Checks done here"
        assertTrue(zbarHalfCents < 50, "one-cent differences " + zbarHalfCents);
    }

    @Test
    void holdout_countsThePurchaseDaysAfterTheCalibrationEnd() {
        List<CdnowFiles.Purchase> log = CdnowFiles.elog(SharedDatasets.cdnow("cdnowElog.csv"));
        Map<String, Long> expected = CdnowFiles.holdoutDays(log, CALIBRATION_END, HOLDOUT_END);
        Map<String, Long> ours = result.customers().stream()
                .collect(Collectors.toMap(CustomerSummary::customerId, CustomerSummary::holdoutFrequency));
        assertEquals(expected, ours);

        // The daily repeat purchases of the cohort, every day from 1997-01-01 to 1998-06-30.
        Map<LocalDate, Long> byDate = CdnowFiles.repeatDaysByDate(log);
        Map<LocalDate, Long> series = new HashMap<>();
        result.repeatPurchases().forEach(d -> series.put(d.date(), d.repeatPurchases()));
        assertEquals(LocalDate.of(1997, 1, 1), result.repeatPurchases().get(0).date());
        assertEquals(HOLDOUT_END.toEpochDay() - LocalDate.of(1997, 1, 1).toEpochDay() + 1, series.size());
        series.forEach((day, n) -> assertEquals(byDate.getOrDefault(day, 0L), n, day::toString));
        long calibration = series.entrySet().stream().filter(e -> !e.getKey().isAfter(CALIBRATION_END))
                .mapToLong(Map.Entry::getValue).sum();
        assertEquals(2457, calibration); // the calibration part of the curve is Σ x
    }

    private static BigDecimal round2(double v) {
        return new BigDecimal(Double.toString(v)).setScale(2, RoundingMode.HALF_UP);
    }
}
