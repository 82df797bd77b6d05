package dev.reservoir.duckdb;

import dev.reservoir.ingest.ImportTarget;

import java.util.List;
import java.util.Objects;

/**
 * A mapping made ready to run: the source columns it needs, the checks on them, and the SQL
 * expression of each canonical field over the checked (already typed) source columns.
 *
 * @param requiredColumns source columns the header must have ({@code anyOf} groups: one of each)
 * @param selectList      the SELECT list of canonical fields (in canonical order, aliased by
 *                        field name) over the typed source columns; built from quoted names and
 *                        literals or read from a resource file, never from a user's SQL
 * @param typeColumn      the source column that supplies the event type, for messages
 * @param derivesIds      true when the source has no event ids and they are derived
 */
record MappingPlan(
        String name,
        ImportTarget target,
        List<List<String>> requiredColumns,
        List<Check> checks,
        String selectList,
        String typeColumn,
        boolean derivesIds) {

    MappingPlan {
        Objects.requireNonNull(name, "name");
        requiredColumns = requiredColumns.stream().map(List::copyOf).toList();
        checks = List.copyOf(checks);
        Objects.requireNonNull(selectList, "selectList");
    }

    /** Every source column the plan reads. */
    List<String> sourceColumns() {
        return checks.stream().map(Check::column).distinct().toList();
    }
}
