package dev.reservoir.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The report's words in one language, from {@code Report.properties} / {@code Report_zh.properties},
 * and numbers written for that language.
 */
final class ReportTexts {
    static final String BUNDLE = "dev.reservoir.report.Report";

    private final Locale locale;
    private final ResourceBundle bundle;

    ReportTexts(Locale locale) {
        this.locale = "zh".equals(locale.getLanguage()) ? Locale.CHINESE : Locale.ENGLISH;
        // No fallback: English asked for on a Chinese machine must stay English.
        this.bundle = ResourceBundle.getBundle(BUNDLE, this.locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    Locale locale() {
        return locale;
    }

    boolean chinese() {
        return locale.getLanguage().equals("zh");
    }

    String get(String key) {
        return bundle.getString(key);
    }

    /** The text of {@code key}, or {@code fallback} when the bundle has none (parameter names). */
    String getOr(String key, String fallback) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return fallback;
        }
    }

    String format(String key, Object... args) {
        return String.format(locale, bundle.getString(key), args);
    }

    String count(long n) {
        return String.format(locale, "%,d", n);
    }

    /** {@code 24.3%}; "—" when undefined (SPEC: an undefined rate is never 0). */
    String percent(Double rate) {
        return rate == null ? "—" : String.format(locale, "%.1f%%", rate * 100);
    }

    /** A relative change such as {@code +12.5%}; "—" when the earlier value is 0. */
    String change(long now, long before) {
        if (before == 0) {
            return "—";
        }
        return String.format(locale, "%+.1f%%", (now - before) * 100.0 / before);
    }

    /** Percentage points between two rates, such as {@code +1.2 pp}; "—" when either is undefined. */
    String points(Double now, Double before) {
        if (now == null || before == null) {
            return "—";
        }
        return format("unit.points", (now - before) * 100);
    }

    String money(BigDecimal amount, Currency currency) {
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        return String.format(locale, "%,." + digits + "f", amount.setScale(digits, RoundingMode.HALF_EVEN))
                + " " + currency.getCurrencyCode();
    }

    String seconds(Double seconds) {
        return seconds == null ? "—" : format("unit.seconds", seconds);
    }

    String decimal(Double value) {
        return value == null ? "—" : String.format(locale, "%.2f", value);
    }
}
