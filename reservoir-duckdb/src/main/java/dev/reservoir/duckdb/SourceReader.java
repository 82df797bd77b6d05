package dev.reservoir.duckdb;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.ingest.BuiltinMapping;
import dev.reservoir.ingest.ColumnMapping;
import dev.reservoir.ingest.Mapping;
import dev.reservoir.ingest.Rejection;
import org.duckdb.DuckDBConnection;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a file through DuckDB's own readers into a temporary table with line numbers. Parsing
 * is DuckDB's; this class only picks the reader, checks what the reader would let pass silently
 * (a truncated gzip stream, an empty file) and keeps line numbers right around rows the CSV
 * reader had to reject.
 */
final class SourceReader {
    enum Format { CSV, PARQUET, JSONL, CDNOW_TEXT, ACCESS_LOG }

    private final Connection connection;

    SourceReader(Connection connection) {
        this.connection = connection;
    }

    static Format format(Path file, Mapping mapping) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Optional<String> declared = mapping instanceof ColumnMapping c ? c.format() : Optional.empty();
        if (declared.isPresent()) {
            return switch (declared.get()) {
                case "parquet" -> Format.PARQUET;
                case "jsonl" -> Format.JSONL;
                default -> Format.CSV;
            };
        }
        if (mapping instanceof BuiltinMapping a && a.layout() == BuiltinMapping.Layout.ACCESS_LOG) {
            // Access logs have no conventional name (access.log, access_log.1, apache_logs): the
            // mapping decides.
            return Format.ACCESS_LOG;
        }
        boolean cdnow = mapping instanceof BuiltinMapping b && b.layout() == BuiltinMapping.Layout.CDNOW;
        if (name.endsWith(".parquet")) {
            return Format.PARQUET;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".jsonl.gz")
                || name.endsWith(".ndjson.gz")) {
            return Format.JSONL;
        }
        if (cdnow && (name.endsWith(".txt") || name.endsWith(".txt.gz"))) {
            return Format.CDNOW_TEXT;
        }
        if (name.endsWith(".csv") || name.endsWith(".csv.gz") || name.endsWith(".tsv") || name.endsWith(".txt")) {
            return Format.CSV;
        }
        throw new ReservoirException(ErrorCode.UNSUPPORTED_FORMAT, file);
    }

    /** Loads {@code file} into {@code table}. */
    Source read(Path file, Mapping mapping, String table) {
        if (!Files.isRegularFile(file)) {
            throw new ReservoirException(ErrorCode.FILE_NOT_FOUND, file);
        }
        Format format = format(file, mapping);
        checkNotEmptyAndWhole(file);
        if (format == Format.ACCESS_LOG) {
            try {
                return new AccessLogReader((DuckDBConnection) connection, ((BuiltinMapping) mapping).accessLog())
                        .read(file, file.toString(), table);
            } catch (SQLException | IOException e) {
                throw new ReservoirException(e, ErrorCode.UNREADABLE_FILE, file, "access log", firstLine(e.getMessage()));
            }
        }
        try (Statement st = connection.createStatement()) {
            String path = Sql.literal(file.toAbsolutePath().toString());
            List<Rejection> malformed = new ArrayList<>();
            switch (format) {
                case PARQUET:
                    st.execute("CREATE OR REPLACE TEMP VIEW " + table + " AS SELECT file_row_number + 1 AS line, * EXCLUDE"
                            + " (file_row_number) FROM read_parquet(" + path + ", file_row_number = true)");
                    break;
                case JSONL:
                    readJsonLines(st, path, table);
                    break;
                case CDNOW_TEXT:
                    readCdnowText(st, path, table);
                    break;
                default:
                    readCsv(st, file, path, mapping, table, malformed);
            }
            if (mapping instanceof BuiltinMapping b && b.layout() == BuiltinMapping.Layout.CDNOW && format == Format.CSV) {
                // cdnowElog.csv: masterid,sampleid,date,cds,sales; the customer is the sample id.
                st.execute("CREATE OR REPLACE TEMP TABLE " + table + "_cdnow AS SELECT line, \"sampleid\" AS customer,"
                        + " \"date\", \"cds\", \"sales\" AS dollars FROM " + table);
                drop(st, table, table + "_raw");
                st.execute("ALTER TABLE " + table + "_cdnow RENAME TO " + table);
            }
            return new Source(table, describe(st, table), malformed);
        } catch (SQLException e) {
            throw new ReservoirException(e, ErrorCode.UNREADABLE_FILE, file, format.name().toLowerCase(Locale.ROOT),
                    firstLine(e.getMessage()));
        }
    }

    private void readCsv(Statement st, Path file, String path, Mapping mapping, String table, List<Rejection> malformed)
            throws SQLException {
        String rejects = table + "_rejects";
        String delimiter = mapping instanceof ColumnMapping c && c.delimiter().isPresent()
                ? ", delim = " + Sql.literal(c.delimiter().get()) : "";
        st.execute("CREATE OR REPLACE TEMP TABLE " + table + "_raw AS SELECT * FROM read_csv(" + path
                + ", header = true, all_varchar = true, store_rejects = true, rejects_table = '" + rejects
                + "', rejects_scan = '" + rejects + "_scan'" + delimiter + ")");
        // Rows the reader rejected: a file that is not UTF-8 is refused whole (importing the rest
        // would store text with the bad characters silently dropped); rows of the wrong width are
        // rejected one by one like any other bad row.
        List<long[]> skipped = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT line, error_type, csv_line, error_message FROM " + rejects
                + " ORDER BY line")) {
            while (rs.next()) {
                long line = rs.getLong(1);
                String type = rs.getString(2);
                if (type.contains("ENCODING")) {
                    throw new ReservoirException(ErrorCode.NOT_UTF8, file, line, firstLine(rs.getString(4)));
                }
                if (skipped.isEmpty() || skipped.get(skipped.size() - 1)[0] != line) {
                    skipped.add(new long[] {line});
                    malformed.add(new Rejection(file.toString(), line, null, rs.getString(3), ErrorCode.MALFORMED_ROW,
                            List.of(firstLine(rs.getString(4)))));
                }
            }
        }
        st.execute("DROP TABLE IF EXISTS " + rejects);
        st.execute("DROP TABLE IF EXISTS " + rejects + "_scan");
        if (skipped.isEmpty()) {
            // Insertion order is kept, so row k (0-based) is on line k + 2 (the header is line 1).
            // A view: copying every row once more just to add the line number costs a third of
            // a large CSV import.
            st.execute("CREATE OR REPLACE TEMP VIEW " + table + " AS SELECT " + position(table + "_raw") + " + 2 AS line, * FROM "
                    + table + "_raw");
            return;
        } else {
            // Row k comes after every rejected line r_j with r_j - 2 - (j - 1) <= k, one line per
            // such j: its line is k + 2 + that count.
            StringBuilder values = new StringBuilder();
            for (int j = 0; j < skipped.size(); j++) {
                values.append(j == 0 ? "" : ", ").append('(').append(skipped.get(j)[0] - 2 - j).append(", ")
                        .append(j + 1).append(')');
            }
            st.execute("CREATE OR REPLACE TEMP TABLE " + table + "_shift AS SELECT threshold, max(shift) AS shift FROM"
                    + " (VALUES " + values + ") v(threshold, shift) GROUP BY threshold");
            st.execute("CREATE OR REPLACE TEMP TABLE " + table + " AS SELECT r.k + 2 + coalesce(s.shift, 0) AS line,"
                    + " r.* EXCLUDE (k) FROM (SELECT " + position(table + "_raw") + " AS k, * FROM "
                    + table + "_raw) r ASOF LEFT JOIN "
                    + table + "_shift s ON r.k >= s.threshold ORDER BY r.k");
            st.execute("DROP TABLE " + table + "_shift");
        }
        st.execute("DROP TABLE " + table + "_raw");
    }

    /** CDNOW's fixed-width text files: runs of spaces between fields, an optional header line. */
    private void readCdnowText(Statement st, String path, String table) throws SQLException {
        st.execute("CREATE OR REPLACE TEMP TABLE " + table + "_raw AS SELECT regexp_split_to_array(trim(raw), '\\s+') AS f"
                + " FROM read_csv(" + path + ", header = false, columns = {'raw': 'VARCHAR'}, delim = chr(1),"
                + " quote = '', escape = '', auto_detect = false)");
        // Master: id date cds dollars (4 fields); sample: master-id sample-id date cds dollars (5).
        // The lifetimes copy of the master file starts with a header line; it is not a row.
        st.execute("CREATE OR REPLACE TEMP TABLE " + table + " AS SELECT " + position(table + "_raw") + " + 1 AS line,"
                + " CASE WHEN len(f) >= 5 THEN f[2] ELSE f[1] END AS customer, f[len(f) - 2] AS \"date\","
                + " f[len(f) - 1] AS cds, f[len(f)] AS dollars FROM " + table + "_raw");
        st.execute("DELETE FROM " + table + " WHERE line = 1 AND NOT regexp_matches(customer, '^[0-9]+$')");
        st.execute("DROP TABLE " + table + "_raw");
    }

    /** JSON Lines: one object per line; every top-level key becomes a text column. */
    private void readJsonLines(Statement st, String path, String table) throws SQLException {
        st.execute("CREATE OR REPLACE TEMP TABLE " + table + "_raw AS SELECT json FROM read_ndjson_objects(" + path + ")");
        List<String> keys = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT DISTINCT unnest(json_keys(json)) AS k FROM " + table + "_raw ORDER BY k")) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        StringBuilder select = new StringBuilder(position(table + "_raw") + " + 1 AS line");
        for (String key : keys) {
            select.append(", json ->> ").append(Sql.literal("$." + '"' + key.replace("\"", "\\\"") + '"'))
                    .append(" AS ").append(Sql.ident(key));
        }
        st.execute("CREATE OR REPLACE TEMP TABLE " + table + " AS SELECT " + select + " FROM " + table + "_raw");
        st.execute("DROP TABLE " + table + "_raw");
    }

    /**
     * Drops what {@link #read} made for {@code table}: the source itself (a table or a view)
     * and the raw table a CSV view reads.
     */
    static void drop(Statement st, String... names) throws SQLException {
        Importer.dropAll(st, names);
    }

    /**
     * A row's 0-based position in a table just filled in file order. Row ids count from the
     * first row the table got, but inside a transaction they start at a large offset, so the
     * first row id is subtracted.
     */
    static String position(String table) {
        return "(rowid - (SELECT min(rowid) FROM " + table + "))";
    }

    /** The table's columns and their DuckDB types, in order, without {@code line}. */
    static Map<String, String> describe(Statement st, String table) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (ResultSet rs = st.executeQuery("DESCRIBE " + table)) {
            while (rs.next()) {
                if (!"line".equals(rs.getString(1))) {
                    columns.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return columns;
    }

    /**
     * DuckDB reads a truncated gzip stream up to the break without complaint, so the stream is
     * read to its end here first; a file with no bytes (or none once unpacked) is refused too.
     */
    private static void checkNotEmptyAndWhole(Path file) {
        try {
            if (Files.size(file) == 0) {
                throw new ReservoirException(ErrorCode.EMPTY_FILE, file);
            }
            if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
                return;
            }
            long unpacked = 0;
            byte[] buffer = new byte[1 << 16];
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    unpacked += n;
                }
            } catch (EOFException | ZipException e) {
                throw new ReservoirException(e, ErrorCode.TRUNCATED_GZIP, file, e.getMessage());
            }
            if (unpacked == 0) {
                throw new ReservoirException(ErrorCode.EMPTY_FILE, file);
            }
        } catch (IOException e) {
            throw new ReservoirException(e, ErrorCode.UNREADABLE_FILE, file, "file", e.getMessage());
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String m = message.strip();
        // DuckDB prefixes its own wrapper; the cause is the part after the last "Error: ".
        int at = m.lastIndexOf("Error: ");
        if (at >= 0) {
            m = m.substring(at + "Error: ".length());
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }
}
