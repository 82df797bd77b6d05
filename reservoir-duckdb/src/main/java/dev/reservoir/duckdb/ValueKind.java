package dev.reservoir.duckdb;

import dev.reservoir.engine.Localizable;

import java.util.Locale;

/**
 * What a checked source column must hold, how its text becomes a typed value in DuckDB, and how
 * the expectation reads in a rejection ("expected an integer, was '6.5'").
 */
enum ValueKind {
    TEXT("text", "文本", "%s"),
    INTEGER("an integer such as 12", "整数，如 12", "CAST(%s AS BIGINT)"),
    DECIMAL("a decimal number such as 12.50", "小数，如 12.50", "CAST(%s AS DECIMAL(18,4))"),
    TIME("a date-time such as 2025-03-01 14:30:00, or with an offset 2025-03-01T14:30:00+08:00",
            "日期时间，如 2025-03-01 14:30:00，或带时差 2025-03-01T14:30:00+08:00",
            "timezone(%2$s, CAST(%1$s AS TIMESTAMP))"),
    BOOLEAN("true or false", "true 或 false", "CAST(%s AS BOOLEAN)"),
    JSON_OBJECT("a JSON object such as {\"rating\": \"5\"}", "JSON 对象，如 {\"rating\": \"5\"}", "%s");

    private final String english;
    private final String chinese;
    private final String constantTemplate;

    ValueKind(String english, String chinese, String constantTemplate) {
        this.english = english;
        this.chinese = chinese;
        this.constantTemplate = constantTemplate;
    }

    /** A mapping's constant as an SQL expression of this kind (a local time in {@code zone}). */
    String constant(String value, java.time.ZoneId zone) {
        return String.format(Locale.ROOT, constantTemplate, Sql.literal(value), Sql.literal(zone.getId()));
    }

    Localizable expected() {
        return Localizable.of(english, chinese);
    }

    Localizable expected(java.util.List<String> timeFormats) {
        if (this != TIME || timeFormats.isEmpty()) {
            return expected();
        }
        String formats = String.join(" | ", timeFormats);
        return Localizable.of("a date-time in the format " + formats, "日期时间，格式为 " + formats);
    }

    @Override
    public String toString() {
        return english.toLowerCase(Locale.ROOT);
    }
}
