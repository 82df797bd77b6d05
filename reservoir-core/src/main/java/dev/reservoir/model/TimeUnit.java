package dev.reservoir.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The unit in which recency, age and prediction horizons are measured. The engine counts whole
 * local days; a week is 7 of them, so a recency of 10 days is 1.43 weeks (as in the published
 * CDNOW summaries).
 */
public enum TimeUnit {
    DAY("day", "天", 1),
    WEEK("week", "周", 7);

    private final String wireName;
    private final String chinese;
    private final int days;

    TimeUnit(String wireName, String chinese, int days) {
        this.wireName = wireName;
        this.chinese = chinese;
        this.days = days;
    }

    /** Days in one unit. */
    public int days() {
        return days;
    }

    public String wireName() {
        return wireName;
    }

    public String label(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? chinese : wireName;
    }

    public static Optional<TimeUnit> fromWireName(String name) {
        for (TimeUnit u : values()) {
            if (u.wireName.equals(name)) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }
}
