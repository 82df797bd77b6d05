package dev.reservoir.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.TenantSummary;
import dev.reservoir.event.EventType;
import dev.reservoir.time.AsOf;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a tenant holds ({@code reservoir info}) as a table and as JSON. */
final class SummaryView {
    private SummaryView() {
    }

    static String table(TenantSummary s, AsOf asOf, Texts texts) {
        Currency currency = s.tenant().currency();
        StringBuilder b = new StringBuilder();
        b.append(texts.format("info.title", TenantView.phrase(s.tenant()), asOf.date()));
        asOf.knownAt().ifPresent(k -> b.append(texts.format("info.known-at", k)));
        b.append('\n');
        Table totals = Table.numeric("  ", 2);
        totals.row(texts.get("info.customers"), texts.count(s.customers()));
        totals.row(texts.get("info.profiles"), texts.count(s.profiles()));
        totals.row(texts.get("info.events"), texts.count(s.events()));
        totals.row(texts.get("info.anonymous-events"), texts.count(s.anonymousEvents()));
        totals.row(texts.get("info.orders"), texts.count(s.orders()));
        totals.row(texts.get("info.revenue"), texts.money(s.revenue(), currency));
        totals.row(texts.get("info.refunds"), texts.money(s.refunds(), currency));
        totals.row(texts.get("info.first-date"), date(s.firstDate()));
        totals.row(texts.get("info.last-date"), date(s.lastDate()));
        totals.row(texts.get("info.imports"), texts.count(s.imports()));
        b.append(totals.render());
        Map<String, Long> byType = ordered(s.eventsByType());
        if (!byType.isEmpty()) {
            b.append('\n').append(texts.get("info.by-type")).append('\n');
            boolean chinese = "zh".equals(texts.locale().getLanguage());
            // In English the label is the wire name itself; Chinese shows both, so the name
            // to use in mappings and queries is always in sight.
            Table types = chinese ? new Table("  ", false, false, true, true) : Table.numeric("  ", 3);
            List<String> header = new ArrayList<>(List.of(texts.get("info.type")));
            if (chinese) {
                header.add(texts.get("info.type-name"));
            }
            header.add(texts.get("info.type-events"));
            header.add(texts.get("info.type-share"));
            types.row(header.toArray(String[]::new));
            for (Map.Entry<String, Long> e : byType.entrySet()) {
                List<String> row = new ArrayList<>();
                row.add(label(e.getKey(), texts.locale()));
                if (chinese) {
                    row.add(e.getKey());
                }
                row.add(texts.count(e.getValue()));
                row.add(String.format(texts.locale(), "%.1f%%", 100.0 * e.getValue() / s.events()));
                types.row(row.toArray(String[]::new));
            }
            b.append(types.render());
        }
        return b.toString();
    }

    static ObjectNode json(TenantSummary s, AsOf asOf, Texts texts) {
        Currency currency = s.tenant().currency();
        ObjectNode node = Json.object();
        node.set("tenant", TenantView.json(s.tenant()));
        node.put("as_of", asOf.date().toString());
        node.put("known_at", asOf.knownAt().map(Object::toString).orElse(null));
        node.put("customers", s.customers());
        node.put("profiles", s.profiles());
        node.put("events", s.events());
        node.put("anonymous_events", s.anonymousEvents());
        ArrayNode types = node.putArray("events_by_type");
        for (Map.Entry<String, Long> e : ordered(s.eventsByType()).entrySet()) {
            types.addObject().put("type", e.getKey()).put("label", label(e.getKey(), texts.locale()))
                    .put("events", e.getValue());
        }
        node.put("orders", s.orders());
        node.put("revenue", Json.money(s.revenue(), currency));
        node.put("refunds", Json.money(s.refunds(), currency));
        node.put("currency", currency.getCurrencyCode());
        node.put("first_date", s.firstDate() == null ? null : s.firstDate().toString());
        node.put("last_date", s.lastDate() == null ? null : s.lastDate().toString());
        node.put("imports", s.imports());
        return node;
    }

    /** Canonical types in {@link EventType} order (the funnel's order), then any others by name. */
    static Map<String, Long> ordered(Map<String, Long> byType) {
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (EventType t : EventType.values()) {
            Long n = byType.get(t.wireName());
            if (n != null && n > 0) {
                ordered.put(t.wireName(), n);
            }
        }
        byType.forEach((type, n) -> {
            if (n > 0) {
                ordered.putIfAbsent(type, n);
            }
        });
        return ordered;
    }

    static String label(String wireName, Locale locale) {
        return EventType.fromWireName(wireName).map(t -> t.label(locale)).orElse(wireName);
    }

    private static String date(LocalDate d) {
        return d == null ? "—" : d.toString();
    }
}
