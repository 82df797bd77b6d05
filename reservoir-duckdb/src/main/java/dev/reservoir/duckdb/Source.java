package dev.reservoir.duckdb;

import dev.reservoir.ingest.Rejection;

import java.util.List;
import java.util.Map;

/**
 * A file made readable as the temporary table {@code table}: a {@code line} column (the line
 * number in the file) and the source's own columns.
 *
 * @param columns   the source's columns and their DuckDB types, in file order
 * @param malformed rows the reader could not split into the file's columns (already counted
 *                  out of the table), each with its line
 * @param skipped   rows the reader left out by the mapping's rules (not errors, not in the table)
 */
record Source(String table, Map<String, String> columns, List<Rejection> malformed, long skipped) {
    Source {
        columns = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(columns));
        malformed = List.copyOf(malformed);
    }

    Source(String table, Map<String, String> columns, List<Rejection> malformed) {
        this(table, columns, malformed, 0);
    }
}
