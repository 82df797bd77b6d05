package dev.reservoir.segments;

import dev.reservoir.metric.ChurnPreset;
import dev.reservoir.metric.ChurnRule;
import dev.reservoir.segment.RfmScoring;
import dev.reservoir.segment.SegmentFacts;
import dev.reservoir.segment.SegmentFactsQuery;
import dev.reservoir.time.AsOf;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The snapshot's parallel, remembering tag evaluation against the plain one: 35,000 customers
 * (several chunks) with facts drawn from a seeded generator; every rule's size from
 * {@link SegmentSnapshot#tagSizes} equals one call of {@link Tags#matches} per customer, and for
 * the simple rules also a count in plain Java over the facts themselves.
 */
class SegmentSnapshotParallelTest {
    static final LocalDate D = LocalDate.of(2024, 12, 31);
    static final List<String> CATEGORIES = List.of("beds", "cat-food", "cat-litter", "dog-food", "toys");

    static List<SegmentFacts> customers(int n) {
        Random random = new Random(42);
        List<SegmentFacts> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LocalDate lastActive = random.nextInt(10) == 0 ? null : D.minusDays(random.nextInt(400));
            boolean ordered = lastActive != null && lastActive.isAfter(D.minusDays(365)) && random.nextBoolean();
            LocalDate lastOrder = ordered ? lastActive : null;
            long orders = ordered ? 1 + random.nextInt(5) : 0;
            // distinct amounts for most customers: more values than an evaluator remembers
            BigDecimal money = ordered ? BigDecimal.valueOf(100 + random.nextInt(200_000), 2) : BigDecimal.ZERO;
            List<String> cats = new ArrayList<>();
            for (String c : CATEGORIES) {
                if (ordered && random.nextInt(3) == 0) {
                    cats.add(c);
                }
            }
            long reviews = random.nextInt(3);
            out.add(new SegmentFacts("c" + i, null, lastActive, lastActive, 0, lastOrder, lastOrder, orders, money,
                    orders, money, lastOrder, 0, lastActive, lastActive, null, random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0,
                    reviews, reviews > 0 && random.nextBoolean() ? 1 : 0, reviews > 0 ? 3 : 0, reviews > 0 ? 3.0 : null,
                    cats, null, null, null, null, Map.of()));
        }
        // the engine gives its rows in no order
        Collections.shuffle(out, new Random(7));
        return out;
    }

    @Test
    void tagSizes_equalOneEvaluationPerCustomer_andPlainJavaCounts() {
        List<SegmentFacts> facts = customers(35_000);
        List<TagDefinition> rules = List.of(
                TagDefinition.of("active-30d", "days_inactive < 30"),
                TagDefinition.of("complained", "complaints > 0"),
                TagDefinition.of("five-star", "five_star_reviews > 0"),
                TagDefinition.of("cat-litter", "'cat-litter' in categories"),
                TagDefinition.of("slipping-vip", "rfm == 'important-retain' && money > 500"),
                TagDefinition.of("cat-anything", "categories.exists(c, c.startsWith('cat-'))"),
                TagDefinition.of("rich-complainer", "complaints > 1 && money > 1000.5"));
        Tags tags = Tags.compile("test", rules, List.of());
        SegmentSnapshot s = SegmentSnapshot.of(new SegmentFactsQuery(AsOf.of(D), 365, ChurnRule.of(ChurnPreset.APPAREL)),
                facts, new RfmScoring.Quintiles(), tags);

        Map<String, Long> plain = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            long n = 0;
            for (CustomerView c : s.customers()) {
                if (tags.matches(i, c)) {
                    n++;
                }
            }
            plain.put(rules.get(i).name(), n);
        }
        assertEquals(plain, s.tagSizes());

        // the simple rules once more, counted from the facts without CEL
        long active = facts.stream().filter(f -> f.lastActive() != null && D.toEpochDay() - f.lastActive().toEpochDay() < 30).count();
        long complained = facts.stream().filter(f -> f.complaints() > 0).count();
        long litter = facts.stream().filter(f -> f.categories().contains("cat-litter")).count();
        long richComplainer = facts.stream().filter(f -> f.complaints() > 1 && f.windowMoney().doubleValue() > 1000.5).count();
        assertEquals(active, s.tagSizes().get("active-30d"));
        assertEquals(complained, s.tagSizes().get("complained"));
        assertEquals(litter, s.tagSizes().get("cat-litter"));
        assertEquals(richComplainer, s.tagSizes().get("rich-complainer"));
        assertTrue(active > 1_000 && complained > 1_000 && litter > 1_000 && richComplainer > 100, "the rules select something");
    }

    @Test
    void evaluator_answersAsMatches_pastItsMemoryLimit() {
        List<SegmentFacts> facts = customers(3 * Tags.MEMO_LIMIT);
        Tags tags = Tags.compile("test", List.of(TagDefinition.of("m", "money > 1000.5 || days_inactive < 7")), List.of());
        SegmentSnapshot s = SegmentSnapshot.of(new SegmentFactsQuery(AsOf.of(D), 365, ChurnRule.of(ChurnPreset.APPAREL)),
                facts, new RfmScoring.Quintiles(), tags);
        Tags.Evaluator e = tags.evaluator();
        for (CustomerView c : s.customers()) {
            assertEquals(tags.matches(0, c), e.matches(0, c), c.customerId());
        }
    }

    @Test
    void customers_comeInIdOrder() {
        List<SegmentFacts> facts = customers(40_000);
        SegmentSnapshot s = SegmentSnapshot.of(new SegmentFactsQuery(AsOf.of(D), 365, ChurnRule.of(ChurnPreset.APPAREL)),
                facts, new RfmScoring.Quintiles(), null);
        List<String> ids = s.customers().stream().map(CustomerView::customerId).toList();
        List<String> sorted = new ArrayList<>(ids);
        Collections.sort(sorted);
        assertEquals(sorted, ids);
        assertEquals(facts.size(), ids.size());
        // every scored customer carries its own RFM row
        for (CustomerView c : s.customers()) {
            assertEquals(c.facts().windowOrders() > 0, c.rfm() != null, c.customerId());
            if (c.rfm() != null) {
                assertEquals(c.customerId(), c.rfm().customerId());
            }
        }
    }
}
