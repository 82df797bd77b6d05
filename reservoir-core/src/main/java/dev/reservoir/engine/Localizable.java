package dev.reservoir.engine;

import java.util.Locale;

/** A message argument that has its own Chinese and English text (an expected value kind, a phase). */
public interface Localizable {
    String text(Locale locale);

    static Localizable of(String english, String chinese) {
        return locale -> "zh".equals(locale.getLanguage()) ? chinese : english;
    }
}
