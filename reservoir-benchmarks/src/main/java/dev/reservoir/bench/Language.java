package dev.reservoir.bench;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

/**
 * The languages of the benchmark's output and help: {@code --lang en|zh}. The same choice as the
 * reservoir command's (whose classes are private to reservoir-cli).
 */
enum Language {
    EN("en", Locale.ENGLISH),
    ZH("zh", Locale.CHINESE);

    private final String code;
    private final Locale locale;

    Language(String code, Locale locale) {
        this.code = code;
        this.locale = locale;
    }

    Locale locale() {
        return locale;
    }

    /** Chinese for any {@code zh} locale (zh_CN, zh_TW, ...), English for every other. */
    static Language of(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? ZH : EN;
    }

    static final class Converter implements ITypeConverter<Language> {
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
