package dev.reservoir.risk;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The four tiers of value × risk ({@link RiskTiers}), in the order a retention team works
 * through them.
 */
public enum RiskTier {
    /** High value, high risk: the list that matters most (重要挽留). */
    SAVE("save", "high value, high risk", "重要挽留"),
    /** High value, low risk: keep them happy (重要保持). */
    KEEP("keep", "high value, low risk", "重要保持"),
    /** Lower value, high risk: cheap, automated win-back (一般挽留). */
    WIN_BACK("win-back", "lower value, high risk", "一般挽留"),
    /** Lower value, low risk (一般维持). */
    MAINTAIN("maintain", "lower value, low risk", "一般维持");

    private final String wireName;
    private final String english;
    private final String chinese;

    RiskTier(String wireName, String english, String chinese) {
        this.wireName = wireName;
        this.english = english;
        this.chinese = chinese;
    }

    public String wireName() {
        return wireName;
    }

    public String label(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? chinese : english;
    }

    public static RiskTier of(boolean highValue, boolean highRisk) {
        return highValue ? (highRisk ? SAVE : KEEP) : (highRisk ? WIN_BACK : MAINTAIN);
    }

    public static Optional<RiskTier> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    public static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(RiskTier::wireName).toList());
    }
}
