package dev.reservoir.duckdb;

import dev.reservoir.engine.TenantStore;
import dev.reservoir.metric.Activity;
import dev.reservoir.metric.ChurnRule;
import dev.reservoir.segment.Lifecycle;
import dev.reservoir.segment.LifecycleStage;
import dev.reservoir.segment.Rfm;
import dev.reservoir.segment.RfmClass;
import dev.reservoir.segment.RfmScoring;
import dev.reservoir.segment.SegmentFacts;
import dev.reservoir.segment.SegmentFactsQuery;
import dev.reservoir.segment.Audience;
import dev.reservoir.segments.CustomerView;
import dev.reservoir.segments.SegmentSnapshot;
import dev.reservoir.segments.TagDefinition;
import dev.reservoir.segments.Tags;
import dev.reservoir.time.AsOf;
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
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFM and lifecycle stages on the real UCI Online Retail file (tenant Europe/London) as of
 * 2011-12-09 with a 365-day look-back (window [2010-12-10, 2011-12-09]); every figure asserted
 * exactly and recomputed by {@link SegmentOnlineRetailFile} from the raw lines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentOnlineRetailTest {
    static final LocalDate D = LocalDate.of(2011, 12, 9);
    static final int L = 365;
    static final ChurnRule RULE = new ChurnRule(Activity.ORDERS, 60, 90);

    private List<SegmentFacts> facts;
    private SegmentOnlineRetailFile file;
    private String skipped;

    @BeforeAll
    void importOnce() {
        try {
            ImportedOnlineRetail retail = ImportedOnlineRetail.get();
            TenantStore store = retail.store();
            facts = store.segments().facts(new SegmentFactsQuery(AsOf.of(D), L, RULE));
            file = new SegmentOnlineRetailFile(retail.lines(), D, L);
        } catch (TestAbortedException e) {
            skipped = e.getMessage();
        }
    }

    @BeforeEach
    void requireTheDataset() {
        Assumptions.assumeTrue(skipped == null, () -> skipped);
    }

    @Test
    void medianSplit_eightClassSizes() {
        Rfm.Result result = new Rfm(AsOf.of(D), L, new RfmScoring.Split(RfmScoring.Split.Center.MEDIAN)).score(facts);
        Map<String, Long> engine = new TreeMap<>();
        for (Rfm.ClassSummary s : result.classes()) {
            RfmClass c = s.rfmClass();
            if (s.customers() > 0) {
                engine.put("R" + (c.recent() ? 1 : 0) + "F" + (c.frequent() ? 1 : 0) + "M" + (c.monetary() ? 1 : 0),
                        s.customers());
            }
        }
        assertEquals(file.medianClasses(), engine);
        assertEquals(file.rfm().size(), result.customers().size());
        assertEquals(file.refundOnly(), result.refundOnly());
        assertEquals(4265, result.customers().size());
        assertEquals(31, result.refundOnly());
        assertEquals(0, new java.math.BigDecimal("668.11").compareTo(result.money().value()));
        assertEquals(0, new java.math.BigDecimal("49").compareTo(result.recency().value()));
        assertEquals(0, new java.math.BigDecimal("2").compareTo(result.frequency().value()));
        assertEquals(EXPECTED_MEDIAN, Arrays.stream(RfmClass.values())
                .map(c -> c.wireName() + "=" + result.summary(c).customers()).toList());
    }

    @Test
    void quintiles_gridsAndScoreDistribution() {
        Rfm.Result result = new Rfm(AsOf.of(D), L, new RfmScoring.Quintiles()).score(facts);
        assertEquals(grid(file.quintileGrid(false)), result.rf().counts());
        assertEquals(grid(file.quintileGrid(true)), result.rm().counts());
        assertEquals(EXPECTED_RF, result.rf().counts());
        assertEquals(EXPECTED_RM, result.rm().counts());
        assertEquals(List.of(853L, 853L, 853L, 853L, 853L), result.scoreCounts().get(Rfm.Dimension.M));
        // n scored customers: each score holds floor(n/5) or ceil(n/5)
        int n = result.customers().size();
        for (Rfm.Dimension dim : Rfm.Dimension.values()) {
            for (long count : result.scoreCounts().get(dim)) {
                assertEquals(n / 5.0, count, 1.0);
            }
        }
    }

    @Test
    void lifecycle_stageCounts() {
        Lifecycle.Counts counts = new Lifecycle(AsOf.of(D), RULE).count(facts, true);
        Map<String, Long> engine = new TreeMap<>();
        for (LifecycleStage s : LifecycleStage.values()) {
            if (counts.stage(s) > 0) {
                engine.put(s.wireName(), counts.stage(s));
            }
        }
        assertEquals(file.stages(60, 90), engine);
        assertEquals(EXPECTED_STAGES, engine.toString());
        Lifecycle.Counts fromSnapshot = SegmentSnapshot.of(new SegmentFactsQuery(AsOf.of(D), L, RULE), facts,
                new RfmScoring.Quintiles(), null).lifecycleCounts();
        assertEquals(counts.stages(), fromSnapshot.stages());
        assertEquals(counts.usage(), fromSnapshot.usage());
    }

    /**
     * Three tags under the median split: active in the last 30 days (any event in [11-10, 12-09]:
     * purchase or refund lines), refunded in the window, and important-value customers who spent
     * over 2,000 in the window.
     */
    @Test
    void tags_sizes() {
        Tags tags = Tags.compile("tags.yaml", List.of(
                TagDefinition.of("active-30d", "days_inactive < 30"),
                TagDefinition.of("refunded", "refunds > 0"),
                TagDefinition.of("big-important-value", "rfm == 'important-value' && money > 2000")), List.of());
        SegmentSnapshot snapshot = SegmentSnapshot.of(new SegmentFactsQuery(AsOf.of(D), L, RULE), facts,
                new RfmScoring.Split(RfmScoring.Split.Center.MEDIAN), tags);
        Map<String, Long> sizes = snapshot.tagSizes();
        Map<String, String> classes = file.medianClassOf();
        long bigValue = file.rfm().stream().filter(x -> "R1F1M1".equals(classes.get(x.id()))
                && x.m().compareTo(new java.math.BigDecimal("2000")) > 0).count();
        Map<String, Long> independent = new java.util.LinkedHashMap<>();
        independent.put("active-30d", file.withLineWithin(30));
        independent.put("refunded", (long) file.refundedInWindow.size());
        independent.put("big-important-value", bigValue);
        assertEquals(independent, sizes);
        assertEquals(EXPECTED_TAGS, sizes.toString());
        // the list of a tag is sorted by money in the window, highest first
        List<CustomerView> list = snapshot.select(new Audience.Tag("big-important-value"));
        assertEquals(bigValue, list.size());
        for (int i = 1; i < list.size(); i++) {
            assertTrue(list.get(i - 1).facts().windowMoney().compareTo(list.get(i).facts().windowMoney()) >= 0);
        }
    }

    private static List<List<Long>> grid(long[][] g) {
        List<List<Long>> out = new ArrayList<>();
        for (long[] row : g) {
            out.add(Arrays.stream(row).boxed().toList());
        }
        return out;
    }

    /**
     * 4,265 customers with an order in the window (31 more have only refunds in it); medians
     * R = 49 days, F = 2 orders, M = 668.11: high only when R &lt; 49, F &gt; 2, M &gt; 668.11.
     */
    static final List<String> EXPECTED_MEDIAN = List.of("important-value=1260", "important-develop=152",
            "important-keep=420", "important-retain=300", "general-value=141", "general-develop=564",
            "general-keep=139", "general-retain=1289");
    /** Rows R score 1-5, columns F score 1-5; 4,265 = 5 x 853, so every score holds 853. */
    static final List<List<Long>> EXPECTED_RF = List.of(
            List.of(360L, 294L, 139L, 47L, 13L),
            List.of(194L, 202L, 231L, 179L, 47L),
            List.of(161L, 182L, 185L, 197L, 128L),
            List.of(94L, 121L, 162L, 239L, 237L),
            List.of(44L, 54L, 136L, 191L, 428L));
    static final List<List<Long>> EXPECTED_RM = List.of(
            List.of(357L, 270L, 144L, 61L, 21L),
            List.of(175L, 192L, 220L, 186L, 80L),
            List.of(153L, 176L, 194L, 181L, 149L),
            List.of(112L, 132L, 174L, 224L, 211L),
            List.of(56L, 83L, 121L, 201L, 392L));
    /** W = 60, N = 90 on orders; 4,372 customers, the 33 acquired have refund lines only. */
    /** 1,676 customers with a line in the last 30 days; 1,546 with a refund line in the window. */
    static final String EXPECTED_TAGS = "{active-30d=1676, refunded=1546, big-important-value=679}";
    static final String EXPECTED_STAGES = "{acquired=33, active=843, churned=1449, converted=745, reactivated=789, silent=513}";
}
