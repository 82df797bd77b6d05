package dev.reservoir.bench;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

/** How the result is printed: {@code --format table|json}. */
enum Format {
    /** Aligned text for people, labels in the chosen language. */
    TABLE,
    /** One JSON object with stable snake_case names, for scripts. */
    JSON;

    static final class Converter implements ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "table" -> TABLE;
                case "json" -> JSON;
                default -> throw new TypeConversionException("expected table or json, was '" + value + "'");
            };
        }
    }
}
