package dev.reservoir.duckdb;

import dev.reservoir.event.EventType;
import dev.reservoir.event.Tenant;
import dev.reservoir.ingest.ImportTarget;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes the statement that turns a {@link Source} into canonical rows: each checked column is
 * typed, the first failed check of a row becomes its {@code bad} struct (code, column, value),
 * and the mapping's select list gives the canonical fields. Everything user-named is quoted.
 */
final class StagingSql {
    /** A time with an explicit offset or zone letter at its end: {@code 10:00:00+08:00}, {@code 10:00Z}. */
    private static final String OFFSET_PATTERN = "\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?\\s*(Z|z|UTC|[+-]\\d\\d(:?\\d\\d)?)$";
    private static final Set<String> INTEGER_TYPES = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
            "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT");

    static final List<String> EVENT_COLUMNS = List.of("event_id", "customer_id", "visitor_id", "occurred_at", "type",
            "page", "item_id", "category", "order_id", "quantity", "amount", "currency", "store_id", "channel",
            "session_id", "properties");
    static final List<String> CUSTOMER_COLUMNS = List.of("customer_id", "registered_at", "paid_member", "member_tier",
            "store_id", "channel", "attributes");

    private StagingSql() {
    }

    static String create(String staged, Source source, MappingPlan plan, Tenant tenant, Instant futureLimit) {
        // A view, not a table: in the common case the rows are read twice (once to count and
        // list the rejects, once to insert), which is cheaper than writing them all down once.
        return "CREATE OR REPLACE TEMP VIEW " + staged + " AS\n" + select(source, plan, tenant, timestamp(futureLimit));
    }

    /**
     * The query of {@link #create}'s view, with the future-time limit as an SQL expression: a
     * literal for the view, a parameter for a statement prepared once and run at every commit
     * ({@link EventAppend}).
     */
    static String select(Source source, MappingPlan plan, Tenant tenant, String futureLimit) {
        return select(source, plan, tenant, futureLimit, Set.of());
    }

    /**
     * {@link #select(Source, MappingPlan, Tenant, String)}, where the text columns {@code asIs}
     * are known to hold values the trim leaves as they are, none empty (or nulls): they are read
     * as they are instead of trimmed (the trims were a third of the insert's time on the
     * benchmarks' events: docs/benchmarks.md). No row check may test such a column (a plain column
     * of a table that was empty when a statement was prepared may have its tests folded to
     * constants: see {@link EventAppend}).
     */
    static String select(Source source, MappingPlan plan, Tenant tenant, String futureLimit, Set<String> asIs) {
        List<String> typed = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        List<Check> planChecks = plan.checks();
        for (int i = 0; i < planChecks.size(); i++) {
            Check check = planChecks.get(i);
            String q = Sql.ident(check.column());
            String type = source.columns().getOrDefault(check.column(), "VARCHAR");
            String raw = "\"r$" + i + "\"";
            String local = "\"l$" + i + "\"";
            boolean isText = "VARCHAR".equals(type);
            String text = isText ? q : "CAST(" + q + " AS VARCHAR)";
            // The raw value says whether the field was given and is what a rejection shows. A
            // typed column (Parquet's numbers and times) is never blank, so the column itself
            // serves, without writing every value out as text; a text field checked as text is
            // its own value.
            if (check.kind() == ValueKind.TEXT) {
                raw = q;
            } else {
                typed.add((isText ? "nullif(trim(" + q + "), '')" : q) + " AS " + raw);
            }
            String column = Sql.literal(check.column());
            if (check.required()) {
                checks.add("WHEN " + raw + " IS NULL THEN " + bad("MISSING_FIELD", column, "NULL"));
            }
            switch (check.kind()) {
                case TEXT:
                    // A required column is tested (IS NULL) and so is never read as it is.
                    boolean plain = isText && asIs.contains(check.column()) && !check.required();
                    typed.add((plain ? q : "nullif(trim(" + text + "), '')") + " AS " + q);
                    break;
                case INTEGER:
                    typed.add((INTEGER_TYPES.contains(type) ? "CAST(" + q + " AS BIGINT)"
                            : "TRY_CAST(nullif(trim(" + text + "), '') AS BIGINT)") + " AS " + q);
                    break;
                case DECIMAL:
                    typed.add((INTEGER_TYPES.contains(type) || type.startsWith("DECIMAL") || "DOUBLE".equals(type)
                            || "FLOAT".equals(type) ? "TRY_CAST(" + q + " AS DECIMAL(18,4))"
                            : "TRY_CAST(nullif(trim(" + text + "), '') AS DECIMAL(18,4))") + " AS " + q);
                    break;
                case BOOLEAN:
                    typed.add("CASE lower(trim(" + text + ")) WHEN 'true' THEN true WHEN 't' THEN true WHEN '1' THEN true"
                            + " WHEN 'yes' THEN true WHEN 'y' THEN true WHEN 'false' THEN false WHEN 'f' THEN false"
                            + " WHEN '0' THEN false WHEN 'no' THEN false WHEN 'n' THEN false END AS " + q);
                    break;
                case JSON_OBJECT:
                    typed.add("CASE WHEN json_valid(trim(" + text + ")) AND starts_with(trim(" + text + "), '{')"
                            + " THEN CAST(json(trim(" + text + ")) AS VARCHAR) END AS " + q);
                    break;
                case TIME: {
                    String zone = Sql.literal(check.zone().getId());
                    String t = "nullif(trim(" + text + "), '')";
                    if ("TIMESTAMP WITH TIME ZONE".equals(type)) {
                        typed.add("CAST(NULL AS TIMESTAMP) AS " + local);
                        typed.add(q + " AS " + q);
                    } else if (type.startsWith("TIMESTAMP") || "DATE".equals(type)) {
                        typed.add("CAST(" + q + " AS TIMESTAMP) AS " + local);
                        typed.add("timezone(" + zone + ", CAST(" + q + " AS TIMESTAMP)) AS " + q);
                    } else if (!check.timeFormats().isEmpty()) {
                        String formats = check.timeFormats().stream().map(Sql::literal)
                                .collect(Collectors.joining(", ", "[", "]"));
                        typed.add("try_strptime(" + t + ", " + formats + ") AS " + local);
                        typed.add("timezone(" + zone + ", try_strptime(" + t + ", " + formats + ")) AS " + q);
                    } else {
                        String hasOffset = "regexp_matches(" + t + ", " + Sql.literal(OFFSET_PATTERN) + ")";
                        typed.add("CASE WHEN NOT " + hasOffset + " THEN TRY_CAST(" + t + " AS TIMESTAMP) END AS " + local);
                        typed.add("CASE WHEN " + hasOffset + " THEN TRY_CAST(" + t + " AS TIMESTAMPTZ)"
                                + " ELSE timezone(" + zone + ", TRY_CAST(" + t + " AS TIMESTAMP)) END AS " + q);
                    }
                    break;
                }
                default:
                    throw new IllegalStateException(check.kind().name());
            }
            if (check.kind() != ValueKind.TEXT) { // a text value is never bad
                checks.add("WHEN " + raw + " IS NOT NULL AND " + q + " IS NULL THEN " + bad("BAD_VALUE", column, raw));
            }
            if (check.kind() == ValueKind.TIME) {
                String zone = Sql.literal(check.zone().getId());
                checks.add("WHEN " + local + " IS NOT NULL AND timezone(" + zone + ", " + q + ") <> " + local
                        + " THEN " + bad("NONEXISTENT_LOCAL_TIME", column, raw));
                checks.add("WHEN " + q + " > " + futureLimit + " THEN " + bad("FUTURE_TIME", column, raw));
            }
        }
        boolean events = plan.target() == ImportTarget.EVENTS;
        List<String> columns = events ? EVENT_COLUMNS : CUSTOMER_COLUMNS;
        String rowChecks = "NULL";
        if (events) {
            String known = Arrays.stream(EventType.values()).map(t -> Sql.literal(t.wireName()))
                    .collect(Collectors.joining(", "));
            rowChecks = "CASE WHEN customer_id IS NULL AND visitor_id IS NULL THEN " + bad("NO_CUSTOMER", "NULL", "NULL")
                    + " WHEN type NOT IN (" + known + ") THEN " + bad("UNKNOWN_EVENT_TYPE", Sql.literal(plan.typeColumn()), "type")
                    + " WHEN currency IS NOT NULL AND currency <> " + Sql.literal(tenant.currency().getCurrencyCode())
                    + " THEN " + bad("CURRENCY_MISMATCH", "'currency'", "currency") + " END";
        }
        String canonical = columns.stream().map(c -> "CAST(" + Sql.ident(c) + " AS " + canonicalType(c) + ") AS " + Sql.ident(c))
                .collect(Collectors.joining(", "));
        return "WITH typed AS (SELECT line, " + String.join(", ", typed) + " FROM " + source.table() + "),\n"
                + "mapped AS (SELECT line, " + (checks.isEmpty() ? "NULL" : "CASE " + String.join(" ", checks) + " END")
                + " AS bad0,\n" + stripComments(plan.selectList()) + "\nFROM typed)\n"
                + "SELECT line, coalesce(bad0, " + rowChecks + ") AS bad, " + canonical + " FROM mapped";
    }

    private static String canonicalType(String column) {
        return switch (column) {
            case "occurred_at", "registered_at" -> "TIMESTAMPTZ";
            case "quantity" -> "BIGINT";
            case "amount" -> "DECIMAL(18,4)";
            case "paid_member" -> "BOOLEAN";
            default -> "VARCHAR";
        };
    }

    private static String bad(String code, String column, String value) {
        return "{'code': '" + code + "', 'column': " + column + ", 'value': CAST(" + value + " AS VARCHAR)}";
    }

    static String timestamp(Instant instant) {
        return "TIMESTAMPTZ '" + instant.toString().replace('T', ' ').replace("Z", "+00") + "'";
    }

    /** Resource select lists start with a comment block; DuckDB takes comments, but keep the statement short. */
    private static String stripComments(String select) {
        return select.lines().filter(l -> !l.strip().startsWith("--")).collect(Collectors.joining("\n"));
    }
}
