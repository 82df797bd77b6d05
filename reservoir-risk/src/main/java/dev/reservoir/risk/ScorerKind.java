package dev.reservoir.risk;

import java.util.Locale;

/** What ranks the customers in the report: the learned model or one of its baselines. */
public enum ScorerKind {
    MODEL("model", "gradient-boosted trees", "梯度提升树模型"),
    RECENCY("recency", "recency (days since last activity)", "最近一次活跃距今天数"),
    BG_NBD("bg-nbd", "1 − P(alive), BG/NBD", "1 − 存活概率（BG/NBD）");

    private final String wireName;
    private final String english;
    private final String chinese;

    ScorerKind(String wireName, String english, String chinese) {
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
}
