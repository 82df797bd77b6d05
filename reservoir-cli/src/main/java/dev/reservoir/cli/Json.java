package dev.reservoir.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Currency;

/**
 * The JSON every command prints with {@code --format json}: trees built by hand, so the field
 * names are stable snake_case whatever the records are called, written pretty and plain
 * (money as {@code 1234.50}, never {@code 1.2345E+3}).
 */
final class Json {
    /** Immutable and thread-safe; configured once here, never changed. */
    private static final ObjectWriter WRITER = new ObjectMapper()
            .configure(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, true)
            .writerWithDefaultPrettyPrinter();

    /** Keeps a decimal's scale: the default factory would turn 37.50 into 37.5 and 0.00 into 0. */
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private Json() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static String write(JsonNode node) {
        try {
            return WRITER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
    }

    /** An amount with at least its currency's decimals and no trailing zeros beyond them. */
    static BigDecimal money(BigDecimal amount, Currency currency) {
        BigDecimal stripped = amount.stripTrailingZeros();
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        return stripped.scale() < digits ? stripped.setScale(digits) : stripped;
    }

    static String path(Path p) {
        return p == null ? null : p.toString();
    }

    /** Milliseconds, the unit scripts compare. */
    static long millis(Duration d) {
        return d.toMillis();
    }
}
