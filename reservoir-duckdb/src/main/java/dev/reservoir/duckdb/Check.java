package dev.reservoir.duckdb;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * One source column a mapping reads, what it must hold and whether it may be empty.
 *
 * @param column      the source column's name (as in the header, or a JSON key)
 * @param timeFormats for {@link ValueKind#TIME}: strptime formats; empty means ISO 8601 with or
 *                    without an offset
 * @param zone        for {@link ValueKind#TIME}: the zone of times written without an offset
 */
record Check(String column, ValueKind kind, boolean required, List<String> timeFormats, ZoneId zone) {
    Check {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(kind, "kind");
        timeFormats = List.copyOf(timeFormats);
        if (kind == ValueKind.TIME) {
            Objects.requireNonNull(zone, "zone");
        }
    }

    static Check of(String column, ValueKind kind, boolean required) {
        return new Check(column, kind, required, List.of(), null);
    }

    static Check time(String column, boolean required, List<String> formats, ZoneId zone) {
        return new Check(column, ValueKind.TIME, required, formats, zone);
    }
}
