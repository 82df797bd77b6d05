package dev.reservoir.generate;

import java.util.Locale;

/**
 * The fixed code list behind {@code properties.reason} of complaints, exit surveys and
 * refunds. Codes are plain ASCII so that every language can label them; the labels here are
 * the ones docs/generator.md shows.
 */
enum ChurnReason {
    PRICE("price", "price too high", "价格太高"),
    QUALITY("quality", "taste or quality", "口味或品质不满意"),
    SLOW_DELIVERY("slow_delivery", "slow delivery", "出餐或配送太慢"),
    MOVED_AWAY("moved_away", "moved away", "搬走了或不再路过"),
    FOUND_ALTERNATIVE("found_alternative", "found an alternative", "选择了其他品牌"),
    SERVICE("service", "poor service", "服务不满意"),
    NO_LONGER_NEEDED("no_longer_needed", "no longer needed", "不再需要");

    private final String code;
    private final String english;
    private final String chinese;

    ChurnReason(String code, String english, String chinese) {
        this.code = code;
        this.english = english;
        this.chinese = chinese;
    }

    /** The value written to {@code properties.reason}. */
    String code() {
        return code;
    }

    String label(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? chinese : english;
    }

    /** Reasons an unhappy customer is likely to complain about before leaving. */
    boolean complainedAbout() {
        return this == QUALITY || this == SERVICE || this == SLOW_DELIVERY || this == PRICE;
    }
}
