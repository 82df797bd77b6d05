package dev.reservoir.segment;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The lifecycle stages of SPEC § Segments; see {@link Lifecycle} for the rules. */
public enum LifecycleStage {
    ACQUIRED("acquired", "新注册未购买"),
    CONVERTED("converted", "新转化"),
    ACTIVE("active", "活跃"),
    REACTIVATED("reactivated", "回流"),
    SILENT("silent", "沉寂"),
    CHURNED("churned", "流失");

    private final String wireName;
    private final String chinese;

    LifecycleStage(String wireName, String chinese) {
        this.wireName = wireName;
        this.chinese = chinese;
    }

    public String wireName() {
        return wireName;
    }

    public String label(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? chinese : wireName;
    }

    public static Optional<LifecycleStage> fromName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name) || s.chinese.equals(name)).findFirst();
    }
}
