package dev.reservoir.duckdb;

import dev.reservoir.event.CanonicalField;
import dev.reservoir.event.CustomerField;
import dev.reservoir.event.Tenant;
import dev.reservoir.ingest.BuiltinMapping;
import dev.reservoir.ingest.ColumnMapping;
import dev.reservoir.ingest.ImportTarget;
import dev.reservoir.ingest.Mapping;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns a {@link Mapping} into the {@link MappingPlan} that runs for one file. */
final class MappingPlans {
    static final List<String> ONLINE_RETAIL_TIME_FORMATS = List.of("%Y-%m-%d %H:%M:%S", "%m/%d/%Y %H:%M",
            "%m/%d/%Y %H:%M:%S");

    private static final Map<String, ValueKind> EVENT_KINDS = eventKinds();
    private static final Map<String, ValueKind> CUSTOMER_KINDS = customerKinds();

    private MappingPlans() {
    }

    /**
     * @param header the source's columns (for {@code canonical}, the fields the file has decide
     *               what is read)
     */
    static MappingPlan plan(Mapping mapping, Set<String> header, Tenant tenant) {
        ZoneId zone = mapping.sourceZone().orElse(tenant.timeZone());
        if (mapping instanceof ColumnMapping c) {
            return columns(c.name(), c.target(), c.columns(), c.constants(), c.typeValues(), c.timeFormats(), zone);
        }
        BuiltinMapping b = (BuiltinMapping) mapping;
        switch (b.layout()) {
            case CANONICAL:
            case CANONICAL_CUSTOMERS: {
                Map<String, ValueKind> kinds = b.target() == ImportTarget.EVENTS ? EVENT_KINDS : CUSTOMER_KINDS;
                Map<String, String> present = new LinkedHashMap<>();
                kinds.keySet().stream().filter(header::contains).forEach(f -> present.put(f, f));
                MappingPlan plan = columns(b.name(), b.target(), present, Map.of(), Map.of(), List.of(), zone);
                // The header check names every field the layout needs, not just the present ones.
                List<List<String>> required = b.target() == ImportTarget.EVENTS
                        ? List.of(List.of("occurred_at"), List.of("type"), List.of("customer_id", "visitor_id"))
                        : List.of(List.of("customer_id"));
                return new MappingPlan(plan.name(), plan.target(), required, plan.checks(), plan.selectList(),
                        plan.typeColumn(), plan.derivesIds());
            }
            case ONLINE_RETAIL:
                return new MappingPlan(b.name(), ImportTarget.EVENTS,
                        List.of(List.of("InvoiceNo"), List.of("StockCode"), List.of("Description"), List.of("Quantity"),
                                List.of("InvoiceDate"), List.of("UnitPrice"), List.of("CustomerID"), List.of("Country")),
                        List.of(Check.of("InvoiceNo", ValueKind.TEXT, true),
                                Check.of("StockCode", ValueKind.TEXT, false),
                                Check.of("Description", ValueKind.TEXT, false),
                                Check.of("Quantity", ValueKind.INTEGER, true),
                                Check.time("InvoiceDate", true, ONLINE_RETAIL_TIME_FORMATS, zone),
                                Check.of("UnitPrice", ValueKind.DECIMAL, true),
                                Check.of("CustomerID", ValueKind.TEXT, false),
                                Check.of("Country", ValueKind.TEXT, false)),
                        Sql.resource("mapping/online-retail"), "InvoiceNo", true);
            case CDNOW:
                return new MappingPlan(b.name(), ImportTarget.EVENTS,
                        List.of(List.of("customer"), List.of("date"), List.of("cds"), List.of("dollars")),
                        List.of(Check.of("customer", ValueKind.INTEGER, true),
                                Check.time("date", true, List.of("%Y%m%d"), zone),
                                Check.of("cds", ValueKind.INTEGER, true),
                                Check.of("dollars", ValueKind.DECIMAL, true)),
                        Sql.resource("mapping/cdnow"), "date", true);
            case ACCESS_LOG:
                // The reader (AccessLogReader) has split and classified the lines; times carry
                // their offset, so no zone applies.
                return new MappingPlan(b.name(), ImportTarget.EVENTS,
                        List.of(List.of("occurred_at"), List.of("client"), List.of("page")),
                        List.of(Check.time("occurred_at", true, List.of(), zone),
                                Check.of("client", ValueKind.TEXT, true),
                                Check.of("user_agent", ValueKind.TEXT, false),
                                Check.of("method", ValueKind.TEXT, false),
                                Check.of("page", ValueKind.TEXT, true),
                                Check.of("query", ValueKind.TEXT, false),
                                Check.of("status", ValueKind.INTEGER, true),
                                Check.of("referrer", ValueKind.TEXT, false),
                                Check.of("crawler", ValueKind.BOOLEAN, true),
                                Check.of("agent_class", ValueKind.TEXT, false),
                                Check.of("agent_name", ValueKind.TEXT, false)),
                        Sql.resource("mapping/access-log"), "page", true);
            default:
                throw new IllegalStateException("no plan for " + b.layout());
        }
    }

    /** A plan from named columns and constants (a user's YAML mapping or the canonical layout). */
    private static MappingPlan columns(String name, ImportTarget target, Map<String, String> columns,
                                       Map<String, String> constants, Map<String, String> typeValues,
                                       List<String> timeFormats, ZoneId zone) {
        Map<String, ValueKind> kinds = target == ImportTarget.EVENTS ? EVENT_KINDS : CUSTOMER_KINDS;
        List<Check> checks = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, ValueKind> field : kinds.entrySet()) {
            String canonical = field.getKey();
            ValueKind kind = field.getValue();
            String source = columns.get(canonical);
            boolean required = Set.of("occurred_at", "type").contains(canonical) && target == ImportTarget.EVENTS
                    || "customer_id".equals(canonical) && target == ImportTarget.CUSTOMERS;
            String expression;
            if (source != null) {
                if (checks.stream().noneMatch(c -> c.column().equals(source))) {
                    checks.add(kind == ValueKind.TIME ? Check.time(source, required, timeFormats, zone)
                            : Check.of(source, kind, required));
                }
                expression = Sql.ident(source);
                if ("type".equals(canonical) && !typeValues.isEmpty()) {
                    expression = "CASE " + Sql.ident(source) + typeValues.entrySet().stream()
                            .map(e -> " WHEN " + Sql.literal(e.getKey()) + " THEN " + Sql.literal(e.getValue()))
                            .collect(Collectors.joining()) + " ELSE " + Sql.ident(source) + " END";
                }
            } else if (constants.containsKey(canonical)) {
                expression = kind.constant(constants.get(canonical), zone);
            } else {
                expression = "NULL";
            }
            fields.put(canonical, expression);
        }
        String typeColumn = columns.getOrDefault(target == ImportTarget.EVENTS ? "type" : "customer_id", "type");
        List<List<String>> required = new ArrayList<>();
        for (String c : columns.values().stream().distinct().toList()) {
            required.add(List.of(c));
        }
        String select = fields.entrySet().stream().map(e -> e.getValue() + " AS " + Sql.ident(e.getKey()))
                .collect(Collectors.joining(",\n"));
        return new MappingPlan(name, target, required, checks, select, typeColumn,
                target == ImportTarget.EVENTS && !columns.containsKey("event_id") && !constants.containsKey("event_id"));
    }

    private static Map<String, ValueKind> eventKinds() {
        Map<String, ValueKind> kinds = new LinkedHashMap<>();
        for (CanonicalField f : CanonicalField.values()) {
            kinds.put(f.column(), switch (f) {
                case OCCURRED_AT -> ValueKind.TIME;
                case QUANTITY -> ValueKind.INTEGER;
                case AMOUNT -> ValueKind.DECIMAL;
                case PROPERTIES -> ValueKind.JSON_OBJECT;
                default -> ValueKind.TEXT;
            });
        }
        return kinds;
    }

    private static Map<String, ValueKind> customerKinds() {
        Map<String, ValueKind> kinds = new LinkedHashMap<>();
        for (CustomerField f : CustomerField.values()) {
            kinds.put(f.column(), switch (f) {
                case REGISTERED_AT -> ValueKind.TIME;
                case PAID_MEMBER -> ValueKind.BOOLEAN;
                case ATTRIBUTES -> ValueKind.JSON_OBJECT;
                default -> ValueKind.TEXT;
            });
        }
        return kinds;
    }
}
