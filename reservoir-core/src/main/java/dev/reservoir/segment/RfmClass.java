package dev.reservoir.segment;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The eight classic RFM classes (SPEC § Segments) by high (↑) or low (↓) R, F, M; R↑ means
 * recent. Declared in SPEC's order.
 */
public enum RfmClass {
    IMPORTANT_VALUE("important-value", "重要价值", true, true, true),
    IMPORTANT_DEVELOP("important-develop", "重要发展", true, false, true),
    IMPORTANT_KEEP("important-keep", "重要保持", false, true, true),
    IMPORTANT_RETAIN("important-retain", "重要挽留", false, false, true),
    GENERAL_VALUE("general-value", "一般价值", true, true, false),
    GENERAL_DEVELOP("general-develop", "一般发展", true, false, false),
    GENERAL_KEEP("general-keep", "一般保持", false, true, false),
    GENERAL_RETAIN("general-retain", "一般挽留", false, false, false);

    private final String wireName;
    private final String chinese;
    private final boolean recent;
    private final boolean frequent;
    private final boolean monetary;

    RfmClass(String wireName, String chinese, boolean recent, boolean frequent, boolean monetary) {
        this.wireName = wireName;
        this.chinese = chinese;
        this.recent = recent;
        this.frequent = frequent;
        this.monetary = monetary;
    }

    public static RfmClass of(boolean recent, boolean frequent, boolean monetary) {
        for (RfmClass c : values()) {
            if (c.recent == recent && c.frequent == frequent && c.monetary == monetary) {
                return c;
            }
        }
        throw new AssertionError("all eight combinations are declared");
    }

    public String wireName() {
        return wireName;
    }

    public String chinese() {
        return chinese;
    }

    public boolean recent() {
        return recent;
    }

    public boolean frequent() {
        return frequent;
    }

    public boolean monetary() {
        return monetary;
    }

    /** {@code R↑F↑M↑}. */
    public String arrows() {
        return "R" + (recent ? "↑" : "↓") + "F" + (frequent ? "↑" : "↓") + "M" + (monetary ? "↑" : "↓");
    }

    public String label(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? chinese : wireName;
    }

    /** By wire name ({@code important-retain}) or Chinese name ({@code 重要挽留}). */
    public static Optional<RfmClass> fromName(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name) || c.chinese.equals(name)).findFirst();
    }
}
