package dev.reservoir.metric;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * When a cohort member counts as retained at offset k (SPEC metric 5). Each mode computes its
 * cell from the same per-cohort counts, so one pass over the data serves all three.
 */
public enum RetentionMode {
    /** Returned in period k exactly. */
    ON("on", "当期") {
        @Override
        public Long retained(CohortRetentionCounts counts, int k) {
            return counts.returnedIn(k);
        }
    },
    /** Returned in period k or any later period, up to the as-of date. */
    ON_OR_AFTER("on-or-after", "当期及以后") {
        @Override
        public Long retained(CohortRetentionCounts counts, int k) {
            return counts.lastReturnAtOrAfter(k);
        }
    },
    /**
     * Returned at least once in periods 1..k. SPEC: empty at offset 0 (no value), not 100%.
     */
    WITHIN("within", "累计") {
        @Override
        public Long retained(CohortRetentionCounts counts, int k) {
            return k == 0 ? null : counts.firstLaterReturnAtOrBefore(k);
        }
    };

    private final String wireName;
    private final String chinese;

    RetentionMode(String wireName, String chinese) {
        this.wireName = wireName;
        this.chinese = chinese;
    }

    /** The retained count of cell k, {@code null} where the mode has no value (within, k = 0). */
    public abstract Long retained(CohortRetentionCounts counts, int k);

    public String wireName() {
        return wireName;
    }

    public String label(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? chinese : wireName;
    }

    public static Optional<RetentionMode> fromWireName(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }
}
