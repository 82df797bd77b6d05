package dev.reservoir.duckdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SQL text: resource files named after what they compute, and the quoting that keeps a user's
 * column names and values data, never SQL. Values that can be bound are bound; names (columns,
 * zones in {@code AT TIME ZONE}) go through {@link #ident} or {@link #literal}.
 */
final class Sql {
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Sql() {
    }

    /** The text of {@code sql/<name>.sql} beside this class. */
    static String resource(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            String path = "sql/" + n + ".sql";
            try (InputStream in = Sql.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("missing SQL resource " + path);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * The statements of a resource holding several, separated by lines that hold only ';',
     * with comment lines dropped and each {@code {placeholder}} replaced by its value (names and
     * literals the caller made, never user text).
     */
    static java.util.List<String> statements(String name, Map<String, String> values) {
        // Comment lines go first: a placeholder named in a comment must not become code.
        String sql = resource(name).lines().filter(l -> !l.strip().startsWith("--"))
                .collect(java.util.stream.Collectors.joining("\n"));
        for (Map.Entry<String, String> e : values.entrySet()) {
            sql = sql.replace(e.getKey(), e.getValue());
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String part : sql.split("(?m)^;\\s*$")) {
            String body = part.strip();
            if (!body.isEmpty()) {
                out.add(body);
            }
        }
        return out;
    }

    /** A quoted identifier: {@code my "col"} becomes {@code "my ""col"""}. */
    static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A quoted string literal: {@code it's} becomes {@code 'it''s'}. */
    static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a NUL character cannot be part of an SQL literal");
        }
        return '\'' + value.replace("'", "''") + '\'';
    }
}
