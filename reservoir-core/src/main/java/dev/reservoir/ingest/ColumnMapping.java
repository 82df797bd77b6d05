package dev.reservoir.ingest;

import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's mapping, read from a small YAML file by {@link Mappings#load}: which source column
 * feeds each canonical field, how the source names its event types, how its times are written
 * and constants for fields the source lacks. Column names are quoted identifiers when the
 * engine reads them, never SQL.
 *
 * @param columns     canonical field name to source column name, in file order
 * @param typeValues  source type value to canonical event type wire name
 * @param timeFormats strptime-style formats tried in order ({@code %Y-%m-%d %H:%M:%S}); empty
 *                    means ISO 8601 with or without an offset
 * @param constants   canonical field name to a fixed value, for fields with no column
 * @param format      {@code csv}, {@code parquet} or {@code jsonl}; empty: from the file name
 * @param delimiter   the CSV delimiter; empty: detected
 */
public record ColumnMapping(
        String name,
        ImportTarget target,
        Map<String, String> columns,
        Map<String, String> typeValues,
        List<String> timeFormats,
        Optional<ZoneId> sourceZone,
        Map<String, String> constants,
        Optional<String> format,
        Optional<String> delimiter) implements Mapping {

    public ColumnMapping {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        typeValues = Collections.unmodifiableMap(new LinkedHashMap<>(typeValues));
        timeFormats = List.copyOf(timeFormats);
        Objects.requireNonNull(sourceZone, "sourceZone");
        constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(delimiter, "delimiter");
    }
}
