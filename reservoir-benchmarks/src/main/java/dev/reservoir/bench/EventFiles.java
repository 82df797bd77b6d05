package dev.reservoir.bench;

import dev.reservoir.generate.OutputFormat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The generated event files of one format: what every step of the benchmark reads.
 *
 * @param events how many events the files hold together
 * @param bytes  their size on disk
 * @param took   how long the generator took to write them
 */
record EventFiles(OutputFormat format, List<Path> files, long events, long bytes, Duration took) {
    /**
     * The generator's canonical layout and types, in file order: the CSV baseline reads the CSV
     * with these types, so DuckDB's plain load of the CSV builds the same table the Parquet gives.
     */
    static final String COLUMNS = "{'event_id': 'VARCHAR', 'customer_id': 'VARCHAR', 'visitor_id': 'VARCHAR',"
            + " 'occurred_at': 'TIMESTAMPTZ', 'type': 'VARCHAR', 'page': 'VARCHAR', 'item_id': 'VARCHAR',"
            + " 'category': 'VARCHAR', 'order_id': 'VARCHAR', 'quantity': 'BIGINT', 'amount': 'DECIMAL(18,2)',"
            + " 'currency': 'VARCHAR', 'store_id': 'VARCHAR', 'channel': 'VARCHAR', 'session_id': 'VARCHAR',"
            + " 'properties': 'VARCHAR'}";

    EventFiles {
        Objects.requireNonNull(format, "format");
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("the generator wrote no event files");
        }
        Objects.requireNonNull(took, "took");
    }

    /** DuckDB's own reader of these files with their types: the baseline's {@code FROM} clause. */
    String scan() {
        String list = files.stream().map(p -> literal(p.toAbsolutePath().toString()))
                .collect(Collectors.joining(", ", "[", "]"));
        return switch (format) {
            case PARQUET -> "read_parquet(" + list + ")";
            case CSV -> "read_csv(" + list + ", header = true, auto_detect = false, delim = ',', quote = '\"',"
                    + " escape = '\"', columns = " + COLUMNS + ")";
        };
    }

    Path[] paths() {
        return files.toArray(Path[]::new);
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
