package dev.reservoir.duckdb;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.event.EventType;
import dev.reservoir.event.Tenant;
import dev.reservoir.ingest.FileReport;
import dev.reservoir.ingest.ImportListener;
import dev.reservoir.ingest.ImportListener.ImportPhase;
import dev.reservoir.ingest.ImportTarget;
import dev.reservoir.ingest.Mapping;
import dev.reservoir.ingest.Rejection;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Imports one source into a tenant's store inside the caller's transaction: checks every row,
 * writes the rejected ones to the tenant's rejects folder, de-duplicates by event id against
 * the file itself and the store, and inserts the rest.
 */
final class Importer {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** The canonical fields two copies of an event must agree on to be duplicates, not conflicts. */
    private static final List<String> PAYLOAD = StagingSql.EVENT_COLUMNS.stream()
            .filter(c -> !"event_id".equals(c)).toList();

    private final Connection connection;
    private final Tenant tenant;
    private final TenantFolder folder;

    Importer(Connection connection, Tenant tenant, TenantFolder folder) {
        this.connection = connection;
        this.tenant = tenant;
        this.folder = folder;
    }

    /**
     * @param label     the name rejections give the source (the file name as typed)
     * @param now       the import's clock reading: ingestion time and the future-time limit
     */
    FileReport importSource(String label, Path reportPath, Source source, Mapping mapping, boolean strict,
                            Duration futureTolerance, Instant now, long importId, ImportListener listener,
                            LongSupplier elapsedNanos) throws SQLException {
        MappingPlan plan = MappingPlans.plan(mapping, source.columns().keySet(), tenant);
        checkHeader(label, source, plan);
        boolean events = plan.target() == ImportTarget.EVENTS;
        String staged = events ? "staged" : "staged_customers";
        listener.progress(reportPath, ImportPhase.CHECKING, 0.3);
        try (Statement st = connection.createStatement()) {
            st.execute(StagingSql.create(staged, source, plan, tenant, now.plus(futureTolerance)));
            String literalNow = StagingSql.timestamp(now);
            long rows;
            long bad;
            long accepted;
            long anonymous = 0;
            long duplicates;
            long conflicts = 0;
            Path conflictsFile = null;
            if (events) {
                // The first pass reads the event ids alone (the checks are not evaluated): how
                // many rows, how many without an id, and the ids' keys (hash, as the store keeps
                // them in id_key) with how often each occurs. Equal ids have equal keys, so a key
                // seen once is an id seen once; a repeated key only costs the exact check. The
                // keys are also what the store is probed with, once, as integers.
                long withoutId;
                long distinctHashes;
                st.execute("CREATE OR REPLACE TEMP TABLE file_keys AS SELECT CASE WHEN event_id IS NOT NULL"
                        + " THEN " + EventKeys.KEY_OF_EVENT_ID + " END AS id_key, count(*) AS n FROM " + staged
                        + " GROUP BY 1");
                try (ResultSet rs = st.executeQuery("SELECT coalesce(sum(n), 0),"
                        + " coalesce(sum(n) FILTER (WHERE id_key IS NULL), 0), count(id_key) FROM file_keys")) {
                    rs.next();
                    rows = rs.getLong(1);
                    withoutId = rs.getLong(2);
                    distinctHashes = rs.getLong(3);
                }
                listener.progress(reportPath, ImportPhase.DEDUPLICATING, 0.5);
                EventCounts counts = storeEvents(st, withoutId > 0, withoutId > 0 || distinctHashes < rows - withoutId,
                        literalNow, importId);
                accepted = counts.accepted;
                anonymous = counts.anonymous;
                duplicates = counts.duplicates;
                conflicts = counts.conflicts;
                // Every row that passed its checks was stored or is a repeat; the rest failed one.
                // Only then are the checks evaluated again, to list the rejected rows.
                bad = rows - accepted - duplicates - conflicts;
                if (conflicts > 0) {
                    conflictsFile = writeConflicts(st, label, now, importId);
                }
                dropAll(st, "repeats", "matched", "stored_keys", "file_keys", "keyed", "accepted");
            } else {
                try (ResultSet rs = st.executeQuery("SELECT count(*), count(bad) FROM " + staged)) {
                    rs.next();
                    rows = rs.getLong(1);
                    bad = rs.getLong(2);
                }
                run(st, "import/customers", Map.of("{ingested_at}", literalNow, "{import_id}", Long.toString(importId)));
                accepted = count(st, "SELECT count(*) FROM changed");
                // Rows that passed but changed nothing: repeats of a customer within the file
                // (the latest wins) and profiles equal to the stored ones.
                duplicates = rows - bad - accepted;
                dropAll(st, "latest", "changed");
            }
            Rejections rejections = rejections(st, staged, bad, label, source, plan, now, futureTolerance);
            if (strict && !rejections.first.isEmpty()) {
                // Thrown inside the file's transaction: what was inserted is rolled back.
                throw new ReservoirException(ErrorCode.STRICT_REJECTED, label,
                        rejections.first.get(0).message(Locale.ENGLISH));
            }
            dropAll(st, staged);
            long read = rows + source.malformed().size() + source.skipped();
            st.execute("INSERT INTO imports VALUES (" + importId + ", " + Sql.literal(label) + ", "
                    + Sql.literal(mapping.name()) + ", " + Sql.literal(plan.target().name().toLowerCase(Locale.ROOT))
                    + ", " + literalNow + ", " + read + ", " + accepted + ", " + duplicates + ", " + conflicts + ", "
                    + rejections.count + ")");
            listener.progress(reportPath, ImportPhase.COMMITTING, 0.9);
            return new FileReport(reportPath, read, accepted, duplicates, conflicts, rejections.count, anonymous,
                    rejections.first, rejections.file, conflictsFile, Duration.ofNanos(elapsedNanos.getAsLong()),
                    source.skipped());
        }
    }

    private record EventCounts(long accepted, long anonymous, long duplicates, long conflicts) {
    }

    /**
     * Stores the accepted rows of {@code staged}. The common case — ids unique in the file, none
     * stored before — runs no window and no join: the steps for repeats and stored ids run only
     * when a cheap count says they have something to do.
     */
    private EventCounts storeEvents(Statement st, boolean deriveIds, boolean idsMayRepeat, String literalNow,
                                    long importId) throws SQLException {
        if (deriveIds) {
            run(st, "import/derive_ids", Map.of("{content_key}", contentKey()));
        } else {
            st.execute("CREATE OR REPLACE TEMP VIEW accepted AS SELECT * EXCLUDE (bad) FROM staged WHERE bad IS NULL");
        }
        long repeatedIds = idsMayRepeat ? count(st, "SELECT count(*) - count(DISTINCT event_id) FROM accepted") : 0;
        if (repeatedIds > 0) {
            run(st, "import/first_of_each_id", Map.of());
        } else {
            st.execute("CREATE OR REPLACE TEMP VIEW keyed AS SELECT *, 1 AS nth FROM accepted");
        }
        boolean storeEmpty = count(st, "SELECT count(*) FROM (SELECT 1 FROM events LIMIT 1)") == 0;
        long candidates = 0;
        if (storeEmpty) {
            st.execute("CREATE OR REPLACE TEMP TABLE stored_keys (id_key UBIGINT)");
        } else {
            if (deriveIds) {
                // The ids made from content were not known in the first pass.
                st.execute("CREATE OR REPLACE TEMP TABLE file_keys AS SELECT DISTINCT "
                        + EventKeys.KEY_OF_EVENT_ID + " AS id_key FROM accepted");
            }
            // The one probe of the store: its id_key column against the file's keys (the small
            // side, built into the hash table). Only the keys it finds are compared as ids.
            st.execute("CREATE OR REPLACE TEMP TABLE stored_keys AS SELECT DISTINCT e.id_key FROM events e"
                    + " SEMI JOIN file_keys f ON f.id_key = e.id_key");
            candidates = count(st, "SELECT count(*) FROM stored_keys");
        }
        long matched = 0;
        if (candidates > 0) {
            run(st, "import/match_stored", Map.of());
            matched = count(st, "SELECT count(*) FROM matched");
        } else if (repeatedIds > 0) {
            // Nothing stored can match; repeats.sql still reads the (empty) table.
            st.execute("CREATE OR REPLACE TEMP TABLE matched (event_id VARCHAR)");
        }
        long duplicates = 0;
        long conflicts = 0;
        if (repeatedIds > 0 || matched > 0) {
            run(st, "import/repeats", Map.of("{same_as_f}", sameContent("k", "f"), "{same_as_e}", sameContent("k", "e")));
            try (ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE same), count(*) FILTER (WHERE NOT same)"
                    + " FROM repeats")) {
                rs.next();
                duplicates = rs.getLong(1);
                conflicts = rs.getLong(2);
            }
        }
        String newRows = matched > 0 ? "keyed k ANTI JOIN matched m ON m.event_id = k.event_id WHERE k.nth = 1"
                : "keyed k WHERE k.nth = 1";
        long accepted = 0;
        for (String statement : Sql.statements("import/insert_events", Map.of(
                "{zone}", Sql.literal(tenant.timeZone().getId()),
                "{ingested_at}", literalNow,
                "{import_id}", Long.toString(importId),
                "{new_rows}", newRows))) {
            accepted += st.executeUpdate(statement);
        }
        // Rows of earlier imports are skipped by their row groups' import_id ranges.
        long anonymous = count(st, "SELECT count(*) FROM events WHERE import_id = " + importId + " AND customer_id IS NULL");
        return new EventCounts(accepted, anonymous, duplicates, conflicts);
    }

    private static void run(Statement st, String resource, Map<String, String> values) throws SQLException {
        for (String statement : Sql.statements(resource, values)) {
            st.execute(statement);
        }
    }

    /**
     * Drops temporary tables or views by name; the importer makes some of each. One catalog
     * lookup for all the names: an HTTP append commits often, and each statement costs.
     */
    static void dropAll(Statement st, String... names) throws SQLException {
        String list = java.util.Arrays.stream(names).map(Sql::literal).collect(Collectors.joining(", "));
        Map<String, String> kinds = new java.util.HashMap<>();
        try (ResultSet rs = st.executeQuery("SELECT view_name, 'VIEW' FROM duckdb_views() WHERE temporary AND view_name IN ("
                + list + ") UNION ALL SELECT table_name, 'TABLE' FROM duckdb_tables() WHERE temporary AND table_name IN ("
                + list + ")")) {
            while (rs.next()) {
                kinds.put(rs.getString(1), rs.getString(2));
            }
        }
        for (String name : names) {
            String kind = kinds.get(name);
            if (kind != null) {
                st.execute("DROP " + kind + " " + name);
            }
        }
    }

    private static void checkHeader(String label, Source source, MappingPlan plan) {
        for (List<String> anyOf : plan.requiredColumns()) {
            if (anyOf.stream().noneMatch(source.columns()::containsKey)) {
                throw new ReservoirException(ErrorCode.MISSING_COLUMN, label, String.join("' or '", anyOf),
                        plan.name(), String.join(", ", source.columns().keySet()));
            }
        }
    }

    /**
     * The MD5 of the canonical fields as hex text (times as epoch microseconds, so their text
     * form never matters). Text, not DuckDB's 128-bit number: casting that to text is slow.
     */
    private static String contentKey() {
        return "md5(" + PAYLOAD.stream().map(c -> "occurred_at".equals(c)
                        ? "CAST(epoch_us(s.occurred_at) AS VARCHAR)"
                        : "coalesce(CAST(s." + Sql.ident(c) + " AS VARCHAR), chr(0))")
                .collect(Collectors.joining(" || chr(31) || ")) + ")";
    }

    /** Whether rows {@code a} and {@code b} (aliases) agree on every canonical field but the id. */
    static String sameContent(String a, String b) {
        return PAYLOAD.stream().map(c -> a + "." + Sql.ident(c) + " IS NOT DISTINCT FROM " + b + "." + Sql.ident(c))
                .collect(Collectors.joining(" AND "));
    }

    record Rejections(long count, List<Rejection> first, Path file) {
    }

    private Rejections rejections(Statement st, String staged, long bad, String label, Source source,
                                  MappingPlan plan, Instant now, Duration tolerance) throws SQLException {
        return rejections(st, staged, bad, label, source, plan, now, tolerance, FileReport.REJECTIONS_SHOWN);
    }

    /**
     * Writes every rejected row to the rejects folder and keeps the first {@code keep} (for the
     * terminal: a few; for the HTTP answer, which gives each event its reasons: all).
     */
    Rejections rejections(Statement st, String staged, long bad, String label, Source source,
                          MappingPlan plan, Instant now, Duration tolerance, int keep) throws SQLException {
        if (bad == 0 && source.malformed().isEmpty()) {
            return new Rejections(0, List.of(), null);
        }
        Map<String, Check> checks = plan.checks().stream()
                .collect(Collectors.toMap(Check::column, c -> c, (a, b) -> a));
        Path file = folder.rejects().resolve(STAMP.format(now) + "-" + safeName(label)
                + ".rejects.csv");
        List<Rejection> first = new ArrayList<>();
        long total = 0;
        try {
            Files.createDirectories(folder.rejects());
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 ResultSet rs = st.executeQuery("SELECT line, bad.code, bad.column, bad.value FROM " + staged
                         + " WHERE bad IS NOT NULL ORDER BY line")) {
                out.write("file,line,column,value,code,message,message_zh\n");
                List<Rejection> malformed = source.malformed();
                int m = 0;
                boolean more = rs.next();
                while (more || m < malformed.size()) {
                    Rejection r;
                    if (more && (m >= malformed.size() || rs.getLong(1) < malformed.get(m).line())) {
                        r = rejection(label, rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), checks,
                                now.plus(tolerance), tolerance);
                        more = rs.next();
                    } else {
                        r = malformed.get(m++);
                    }
                    total++;
                    if (first.size() < keep) {
                        first.add(r);
                    }
                    out.write(csv(r.file(), Long.toString(r.line()), r.column(), r.value(), r.code().name(),
                            r.message(Locale.ENGLISH), r.message(Locale.CHINESE)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write rejects file " + file, e);
        }
        return new Rejections(total, first, file);
    }

    private Rejection rejection(String label, long line, String code, String column, String value,
                                Map<String, Check> checks, Instant limit, Duration tolerance) {
        ErrorCode errorCode = ErrorCode.valueOf(code);
        Check check = column == null ? null : checks.get(column);
        List<Object> args = switch (errorCode) {
            case MISSING_FIELD -> List.of(column);
            case BAD_VALUE -> List.of(column, check == null ? ValueKind.TEXT.expected()
                    : check.kind().expected(check.timeFormats()), value);
            case NONEXISTENT_LOCAL_TIME -> List.of(column, value, check.zone().getId());
            case FUTURE_TIME -> List.of(column, value, limit.toString(), humanize(tolerance));
            case UNKNOWN_EVENT_TYPE -> List.of(column, value, EventType.wireNames());
            case CURRENCY_MISMATCH -> List.of(column, value, tenant.currency().getCurrencyCode());
            case NO_CUSTOMER -> List.of();
            default -> throw new IllegalStateException("not a row check: " + code);
        };
        return new Rejection(label, line, column, value, errorCode, args);
    }

    private static Localizable humanize(Duration d) {
        long hours = d.toHours();
        if (hours % 24 == 0) {
            return Localizable.of(hours / 24 + (hours == 24 ? " day" : " days"), hours / 24 + " 天");
        }
        return Localizable.of(d.toString(), d.toString());
    }

    private Path writeConflicts(Statement st, String label, Instant now, long importId) throws SQLException {
        Path file = folder.rejects().resolve(STAMP.format(now) + "-" + safeName(label) + ".conflicts.csv");
        try {
            Files.createDirectories(folder.rejects());
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 ResultSet rs = st.executeQuery("SELECT line, event_id FROM repeats WHERE NOT same ORDER BY line")) {
                out.write("file,line,event_id,import_id\n");
                while (rs.next()) {
                    out.write(csv(label, Long.toString(rs.getLong(1)), rs.getString(2), Long.toString(importId)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write conflicts file " + file, e);
        }
        return file;
    }

    static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String safeName(String label) {
        String name = Path.of(label).getFileName().toString();
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** One RFC 4180 line: fields with a comma, quote or line break are quoted, quotes doubled. */
    private static String csv(String... fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i] == null ? "" : fields[i];
            if (i > 0) {
                b.append(',');
            }
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                b.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                b.append(f);
            }
        }
        return b.append('\n').toString();
    }
}
