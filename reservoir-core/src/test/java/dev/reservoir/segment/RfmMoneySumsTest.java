package dev.reservoir.segment;

import dev.reservoir.time.AsOf;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * RFM sums money as longs of the smallest unit when the amounts allow it; the class and grid sums
 * must be the BigDecimal sums exactly, scale included (what JSON prints), whatever the amounts'
 * scales: checked here against sums made with BigDecimal.add over the scored customers.
 */
class RfmMoneySumsTest {
    static final LocalDate D = LocalDate.of(2024, 12, 31);

    private static SegmentFacts facts(String id, int daysAgo, long orders, BigDecimal money) {
        LocalDate last = D.minusDays(daysAgo);
        return new SegmentFacts(id, null, last, last, 0, last, last, orders, money, orders, money, last, 0,
                last, last, null, 0, 0, 0, 0, null, List.of(), null, null, null, null, Map.of());
    }

    private static void check(List<SegmentFacts> facts, RfmScoring scoring) {
        Rfm.Result r = new Rfm(AsOf.of(D), 365, scoring).score(facts);
        for (RfmClass k : RfmClass.values()) {
            BigDecimal sum = BigDecimal.ZERO;
            for (Rfm.Customer c : r.customers()) {
                if (c.rfmClass() == k) {
                    sum = sum.add(c.money());
                }
            }
            assertEquals(sum, r.summary(k).money(), k.toString()); // equals: value and scale
        }
        int max = scoring.maxScore();
        for (int a = 1; a <= max; a++) {
            for (int b = 1; b <= max; b++) {
                BigDecimal rf = BigDecimal.ZERO;
                BigDecimal rm = BigDecimal.ZERO;
                for (Rfm.Customer c : r.customers()) {
                    if (c.r() == a && c.f() == b) {
                        rf = rf.add(c.money());
                    }
                    if (c.r() == a && c.m() == b) {
                        rm = rm.add(c.money());
                    }
                }
                assertEquals(rf, r.rf().money().get(a - 1).get(b - 1), "R×F " + a + "," + b);
                assertEquals(rm, r.rm().money().get(a - 1).get(b - 1), "R×M " + a + "," + b);
            }
        }
    }

    @Test
    void mixedScales_sumAsBigDecimalsDo() {
        // scales 0, 1, 2, 4 and a negative one (1E+2 = 100); 12.50 and 12.5 are one amount for the ranks
        List<BigDecimal> amounts = List.of(new BigDecimal("7"), new BigDecimal("12.5"), new BigDecimal("12.50"),
                new BigDecimal("3.25"), new BigDecimal("0.0001"), new BigDecimal("1E+2"), new BigDecimal("250.1234"),
                new BigDecimal("99.9"), new BigDecimal("42"), new BigDecimal("5.00"));
        List<SegmentFacts> facts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            facts.add(facts("c" + (char) ('a' + i % 26) + i, (i * 37) % 365, 1 + i % 4, amounts.get(i % amounts.size())));
        }
        check(facts, new RfmScoring.Quintiles());
        check(facts, new RfmScoring.Split(RfmScoring.Split.Center.MEDIAN));
        check(facts, new RfmScoring.Split(RfmScoring.Split.Center.MEAN));
    }

    @Test
    void amountsBeyondALong_sumAsBigDecimals() {
        List<SegmentFacts> facts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            facts.add(facts("c" + i, i * 20, 1 + i % 3, new BigDecimal("123456789012345678.5").multiply(BigDecimal.valueOf(i + 1))));
        }
        check(facts, new RfmScoring.Quintiles());
    }
}
