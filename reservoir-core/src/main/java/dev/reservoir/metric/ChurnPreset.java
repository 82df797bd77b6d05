package dev.reservoir.metric;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The industry presets of SPEC: (warning W, churn N) pairs from the seeds. {@code auto}, the
 * window read from the shop's own history, is not a preset: it is {@link ReturnGaps}.
 */
public enum ChurnPreset {
    FOOD_DELIVERY("food-delivery", "外卖餐饮", 7, 14),
    APPAREL("apparel", "服饰", 30, 60),
    EDUCATION_SERVICES("education", "教育与服务", 60, 90);

    private final String wireName;
    private final String chinese;
    private final int warningDays;
    private final int churnDays;

    ChurnPreset(String wireName, String chinese, int warningDays, int churnDays) {
        this.wireName = wireName;
        this.chinese = chinese;
        this.warningDays = warningDays;
        this.churnDays = churnDays;
    }

    public String wireName() {
        return wireName;
    }

    public int warningDays() {
        return warningDays;
    }

    public int churnDays() {
        return churnDays;
    }

    /** The preset's pair applied to {@code activity}. */
    public ChurnRule rule(Activity activity) {
        return new ChurnRule(activity, warningDays, churnDays);
    }

    public String label(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? chinese : wireName;
    }

    public static Optional<ChurnPreset> fromWireName(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
    }
}
