package dev.reservoir.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Currency;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The words of the output (labels, table headers, sentences) in one language, from
 * {@code Labels.properties} / {@code Labels_zh.properties}, and numbers written for that
 * language. The help texts are picocli's, from {@code Messages*.properties}.
 */
final class Texts {
    static final String LABELS = "dev.reservoir.cli.Labels";
    static final String MESSAGES = "dev.reservoir.cli.Messages";

    private final Locale locale;
    private final ResourceBundle labels;

    private Texts(Locale locale, ResourceBundle labels) {
        this.locale = locale;
        this.labels = labels;
    }

    static Texts of(Language language) {
        return new Texts(language.locale(), bundle(LABELS, language));
    }

    /**
     * A bundle for exactly this language. Without the no-fallback control, asking for English on
     * a machine whose default locale is Chinese would return the Chinese bundle.
     */
    static ResourceBundle bundle(String baseName, Language language) {
        return ResourceBundle.getBundle(baseName, language.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    Locale locale() {
        return locale;
    }

    String get(String key) {
        return labels.getString(key);
    }

    /** The label {@code key} as a {@link String#format} template filled with {@code args}. */
    String format(String key, Object... args) {
        return String.format(locale, labels.getString(key), args);
    }

    /** {@code 12,345}. */
    String count(long n) {
        return String.format(locale, "%,d", n);
    }

    /** {@code 1,234.50 CNY}: the currency's own number of decimals. */
    String money(BigDecimal amount, Currency currency) {
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        return String.format(locale, "%,." + digits + "f", amount.setScale(digits, RoundingMode.HALF_EVEN))
                + " " + currency.getCurrencyCode();
    }

    /** {@code 1.25 s} / {@code 1.25 秒}. */
    String seconds(Duration d) {
        return format("unit.seconds", d.toNanos() / 1e9);
    }

    /** Rows per second, {@code —} when the time is zero (SPEC: an undefined rate is never 0). */
    String perSecond(long rows, Duration d) {
        Double rate = rate(rows, d);
        return rate == null ? "—" : String.format(locale, "%,.0f", rate);
    }

    /** Rows per second, {@code null} when the time is zero. */
    static Double rate(long rows, Duration d) {
        long nanos = d.toNanos();
        return nanos == 0 ? null : rows * 1e9 / nanos;
    }
}
