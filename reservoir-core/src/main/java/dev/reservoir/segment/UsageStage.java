package dev.reservoir.segment;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Usage stages by customer-initiated active days in the 7 days ending on D (SPEC § Segments):
 * exploring 1-2, growing 3-5, mature 6-7. A customer with no active day in those 7 days has no
 * usage stage (it is counted as "not active this week" beside them).
 */
public enum UsageStage {
    EXPLORING("exploring", "探索期", 1, 2),
    GROWING("growing", "成长期", 3, 5),
    MATURE("mature", "成熟期", 6, 7);

    private final String wireName;
    private final String chinese;
    private final int minDays;
    private final int maxDays;

    UsageStage(String wireName, String chinese, int minDays, int maxDays) {
        this.wireName = wireName;
        this.chinese = chinese;
        this.minDays = minDays;
        this.maxDays = maxDays;
    }

    /** The stage for {@code activeDays} of the last 7, empty for 0. */
    public static Optional<UsageStage> of(int activeDays) {
        return Arrays.stream(values()).filter(s -> activeDays >= s.minDays && activeDays <= s.maxDays).findFirst();
    }

    public String wireName() {
        return wireName;
    }

    public int minDays() {
        return minDays;
    }

    public int maxDays() {
        return maxDays;
    }

    public String label(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? chinese : wireName;
    }

    public static Optional<UsageStage> fromName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name) || s.chinese.equals(name)).findFirst();
    }
}
