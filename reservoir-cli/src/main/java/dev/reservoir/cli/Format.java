package dev.reservoir.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How a command prints its result: {@code --format table|json|csv}. */
enum Format {
    /** Aligned text for people, labels in the chosen language. */
    TABLE,
    /** One JSON object with stable snake_case names, for scripts. */
    JSON,
    /** RFC 4180 rows with a header, for spreadsheets; only where the result is one table. */
    CSV,
    /** One self-contained page; only {@code reservoir report}, whose default it is. */
    HTML;

    static final class Converter implements ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            return switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "table" -> TABLE;
                case "json" -> JSON;
                case "csv" -> CSV;
                case "html" -> HTML;
                default -> throw new TypeConversionException("expected table, json, csv or html, was '" + value + "'");
            };
        }
    }
}
