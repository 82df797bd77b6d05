package dev.reservoir.segment;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How R, F and M become scores and a high/low side (docs/segments.md, "RFM scoring").
 * <ul>
 * <li>{@link Quintiles}: scores 1-5 by rank; the high side is score 4 or 5 (strictly above the
 * middle score 3).</li>
 * <li>{@link Split}: scores 1 (low) and 2 (high) against the mean or the median; high only when
 * strictly better than the threshold: R below it, F and M above it (SPEC conventions).</li>
 * <li>{@link Cuts}: the merchant's own cut points, high when R ≤ r days, F ≥ f orders,
 * M ≥ m money (inclusive, as written: "R ≤ 30 days").</li>
 * </ul>
 */
public sealed interface RfmScoring permits RfmScoring.Quintiles, RfmScoring.Split, RfmScoring.Cuts {
    /** The wire name: {@code quintile}, {@code median}, {@code mean}, {@code cuts}. */
    String wireName();

    /** The highest score (5 for quintiles, 2 otherwise); grids are maxScore × maxScore. */
    int maxScore();

    /** Quintile scores; ties are ranked by customer id (see {@link Rfm}). */
    record Quintiles() implements RfmScoring {
        @Override
        public String wireName() {
            return "quintile";
        }

        @Override
        public int maxScore() {
            return 5;
        }
    }

    /** High/low against the population's mean or median. */
    record Split(Center center) implements RfmScoring {
        public enum Center { MEAN, MEDIAN }

        public Split {
            Objects.requireNonNull(center, "center");
        }

        @Override
        public String wireName() {
            return center == Center.MEAN ? "mean" : "median";
        }

        @Override
        public int maxScore() {
            return 2;
        }
    }

    /**
     * Given cut points.
     *
     * @param recencyDays high when R ≤ this
     * @param frequency   high when F ≥ this
     * @param money       high when M ≥ this
     */
    record Cuts(long recencyDays, long frequency, BigDecimal money) implements RfmScoring {
        public Cuts {
            Objects.requireNonNull(money, "money");
            if (recencyDays < 0) {
                throw new IllegalArgumentException("the recency cut must be 0 days or more, was " + recencyDays);
            }
            if (frequency < 1) {
                throw new IllegalArgumentException("the frequency cut must be 1 order or more, was " + frequency);
            }
        }

        @Override
        public String wireName() {
            return "cuts";
        }

        @Override
        public int maxScore() {
            return 2;
        }
    }
}
