package dev.reservoir.segments;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.segment.LifecycleStage;
import dev.reservoir.segment.SegmentFacts;
import dev.reservoir.segment.UsageStage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tag rules on hand-built customers as of 2024-03-31, and the message of each kind of bad rule. */
class TagsTest {
    static final LocalDate D = LocalDate.of(2024, 3, 31);

    /**
     * Ann: last order and last visit 03-21 (10 days), complained once, one 5-star review, bought
     * cat litter; Bob: last visit 2024-01-01 (90 days), never ordered, a 3-star review, dog food.
     */
    static SegmentFacts facts(String id, LocalDate lastOrder, LocalDate lastActive, long complaints,
                              long reviews, long fiveStar, int minRating, List<String> categories) {
        long orders = lastOrder == null ? 0 : 2;
        return new SegmentFacts(id, null, LocalDate.of(2023, 1, 1), lastActive, 0, lastOrder == null ? null : LocalDate.of(2023, 5, 1),
                lastOrder, orders, new BigDecimal(orders * 150), orders, new BigDecimal(orders * 150), lastOrder, 0,
                lastOrder == null ? null : LocalDate.of(2023, 5, 1), lastOrder, null, complaints, reviews, fiveStar, minRating,
                reviews == 0 ? null : (double) minRating, categories, null, null, null, null, Map.of("city", "Hangzhou"));
    }

    static final CustomerView ANN = new CustomerView(D, facts("ann", LocalDate.of(2024, 3, 21), LocalDate.of(2024, 3, 21),
            1, 1, 1, 5, List.of("cat-litter", "cat-toys")), null, LifecycleStage.ACTIVE, null);
    static final CustomerView BOB = new CustomerView(D, facts("bob", null, LocalDate.of(2024, 1, 1),
            0, 1, 0, 3, List.of("dog-food")), null, LifecycleStage.ACQUIRED, UsageStage.EXPLORING);

    private static List<String> tagged(String rule, List<FactField> extra) {
        Tags tags = Tags.compile("tags.yaml", List.of(TagDefinition.of("t", rule)), extra);
        return List.of(ANN, BOB).stream().filter(c -> tags.matches(0, c)).map(CustomerView::customerId).toList();
    }

    @Test
    void examples_fromSpec() {
        assertEquals(List.of("ann"), tagged("days_inactive < 30", List.of()));
        assertEquals(List.of("ann"), tagged("complaints > 0", List.of()));
        assertEquals(List.of("ann"), tagged("five_star_reviews > 0", List.of()));
        assertEquals(List.of("ann"), tagged("'cat-litter' in categories", List.of()));
        assertEquals(List.of("ann"), tagged("categories.exists(c, c.startsWith('cat-'))", List.of()));
        // never ordered: recency is NEVER (99999), so "no order for 60 days" holds for bob
        assertEquals(List.of("bob"), tagged("recency >= 60", List.of()));
        assertEquals(List.of("bob"), tagged("recency >= 60 && !ordered", List.of()));
        assertEquals(List.of("ann"), tagged("money > 250 && attributes['city'] == 'Hangzhou'", List.of()));
        assertEquals(List.of("bob"), tagged("stage == 'acquired' && usage == 'exploring'", List.of()));
    }

    /** "No visit for 60 days but high predicted value": the predicted value is declared only when it exists. */
    @Test
    void predictedValue_isAnExtensionField() {
        FactField predicted = FactField.perCustomer("predicted_value", FactField.Kind.DOUBLE,
                "predicted value", "预测价值", Map.of("ann", 120.0, "bob", 900.0), 0.0);
        assertEquals(List.of("bob"), tagged("days_inactive >= 60 && predicted_value > 500", List.of(predicted)));
        ReservoirException e = assertThrows(ReservoirException.class,
                () -> tagged("days_inactive >= 60 && predicted_value > 500", List.of()));
        assertEquals(ErrorCode.TAG_RULE_UNKNOWN_FIELD, e.code());
        assertTrue(e.getMessage().contains("unknown field 'predicted_value'"), e.getMessage());
    }

    private static ReservoirException bad(String rule) {
        return assertThrows(ReservoirException.class,
                () -> Tags.compile("tags.yaml", List.of(TagDefinition.of("vip", rule)), List.of()));
    }

    @Test
    void syntaxError_pointsAtThePosition() {
        ReservoirException e = bad("recency <= 30 &&");
        assertEquals(ErrorCode.TAG_RULE_SYNTAX, e.code());
        assertTrue(e.getMessage().startsWith("tags.yaml: tag 'vip': line 1, column 17: the rule is not a valid expression:"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("  | recency <= 30 &&\n  | ................^"), e.getMessage());
        assertTrue(e.message(Locale.CHINESE).startsWith("tags.yaml：标签 'vip'：第 1 行第 17 列：规则不是有效的表达式"),
                e.message(Locale.CHINESE));
    }

    @Test
    void unknownField_listsTheKnownOnes() {
        ReservoirException e = bad("recency <= 30 && spend > 100");
        assertEquals(ErrorCode.TAG_RULE_UNKNOWN_FIELD, e.code());
        assertTrue(e.getMessage().startsWith("tags.yaml: tag 'vip': line 1, column 18: unknown field 'spend'; the known fields are: recency, ordered,"),
                e.getMessage());
        assertTrue(e.message(Locale.CHINESE).contains("未知字段 'spend'"), e.message(Locale.CHINESE));
    }

    @Test
    void wrongType_namesTheOperatorAndTypes() {
        ReservoirException e = bad("recency > 'thirty'");
        assertEquals(ErrorCode.TAG_RULE_TYPE, e.code());
        assertTrue(e.getMessage().startsWith("tags.yaml: tag 'vip': line 1, column 9: wrong type: '>' cannot be applied to (int, string)"),
                e.getMessage());
        assertTrue(e.message(Locale.CHINESE).contains("类型错误：'>' 不能用于类型 (int, string)"), e.message(Locale.CHINESE));
    }

    @Test
    void notBoolean_isRejected() {
        ReservoirException e = bad("money * 2.0");
        assertEquals(ErrorCode.TAG_RULE_NOT_BOOLEAN, e.code());
        assertEquals("tags.yaml: tag 'vip': the rule must be true or false for a customer, but it gives a double",
                e.getMessage());
    }

    @Test
    void tooExpensive_nestedMacrosAndLength() {
        ReservoirException nested = bad("categories.exists(a, categories.exists(b, a != b))");
        assertEquals(ErrorCode.TAG_RULE_TOO_EXPENSIVE, nested.code());
        assertTrue(nested.getMessage().startsWith("tags.yaml: tag 'vip': line 1, column 39: the rule is too expensive: a list macro"),
                nested.getMessage());
        ReservoirException longRule = bad("recency > 1" + " || recency > 1".repeat(200));
        assertEquals(ErrorCode.TAG_RULE_TOO_EXPENSIVE, longRule.code());
        assertTrue(longRule.getMessage().contains("longer than 2000 characters"), longRule.getMessage());
    }

    @Test
    void tagFile_readsAndRejects() {
        List<TagDefinition> defs = TagFile.parse("tags.yaml", """
                tags:
                  - name: active-30d
                    rule: days_inactive < 30
                    en: Active in the last 30 days
                    zh: 近 30 天活跃
                  - name: complained
                    rule: complaints > 0
                """);
        assertEquals(2, defs.size());
        assertEquals("近 30 天活跃", defs.get(0).label(Locale.CHINESE));
        ReservoirException e = assertThrows(ReservoirException.class, () -> TagFile.parse("tags.yaml", """
                tags:
                  - name: Big Spender
                    rule: money > 1000
                """));
        assertEquals(ErrorCode.INVALID_TAG_FILE, e.code());
        assertTrue(e.getMessage().startsWith("tags.yaml: invalid tag file: tag 1: name 'Big Spender' must be"), e.getMessage());
    }
}
