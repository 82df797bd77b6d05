package dev.reservoir.bench;

import dev.reservoir.cli.Language;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The words of the output in one language, from {@code Labels.properties} /
 * {@code Labels_zh.properties}, and numbers written for that language. Help texts are
 * picocli's, from {@code Messages*.properties}.
 */
final class Texts {
    static final String LABELS = "dev.reservoir.bench.Labels";
    static final String MESSAGES = "dev.reservoir.bench.Messages";

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
     * A bundle for exactly this language: without the no-fallback control, English asked for on
     * a machine whose default locale is Chinese would come back Chinese.
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

    /** {@code 12.35}: seconds with two decimals. */
    String seconds(double seconds) {
        return String.format(locale, "%,.2f", seconds);
    }

    /** {@code 1.73×}. */
    String ratio(double ratio) {
        return String.format(locale, "%.2f×", ratio);
    }

    /** {@code 2.41 GiB} / {@code 310 MiB} / {@code 0.3 MiB}. */
    String bytes(long n) {
        if (n >= 1L << 30) {
            return String.format(locale, "%.2f GiB", n / (double) (1L << 30));
        }
        double mib = n / (double) (1L << 20);
        return String.format(locale, mib < 10 ? "%.1f MiB" : "%.0f MiB", mib);
    }
}
