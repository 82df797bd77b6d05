package dev.reservoir.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

/**
 * The languages of Reservoir's output and help: {@code --lang en|zh}. Public so that the
 * benchmark command (reservoir-benchmarks) makes the same choice.
 */
public enum Language {
    EN("en", Locale.ENGLISH),
    ZH("zh", Locale.CHINESE);

    private final String code;
    private final Locale locale;

    Language(String code, Locale locale) {
        this.code = code;
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    /** Chinese for any {@code zh} locale (zh_CN, zh_TW, ...), English for every other. */
    public static Language of(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? ZH : EN;
    }

    public static final class Converter implements ITypeConverter<Language> {
        @Override
        public Language convert(String value) {
            for (Language l : values()) {
                if (l.code.equalsIgnoreCase(value.strip())) {
                    return l;
                }
            }
            throw new TypeConversionException("expected en or zh, was '" + value + "'");
        }
    }
}
