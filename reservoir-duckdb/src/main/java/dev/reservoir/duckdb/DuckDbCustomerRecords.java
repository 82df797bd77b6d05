package dev.reservoir.duckdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reservoir.engine.CustomerRecord;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.event.Customer;
import dev.reservoir.event.Event;
import dev.reservoir.event.EventType;
import dev.reservoir.time.AsOf;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One customer's record for the customer lookup ({@code sql/customer/customer_profile.sql} and
 * {@code customer_timeline.sql}): the id is always a bound parameter, so any text is data.
 */
final class DuckDbCustomerRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DuckDbCustomerRecords() {
    }

    static CustomerRecord read(DuckDbTenantStore store, String customerId, AsOf asOf, int timelineLimit) {
        if (timelineLimit < 0) {
            throw new IllegalArgumentException("the timeline limit must be 0 or more, was " + timelineLimit);
        }
        synchronized (store) {
            try {
                long total;
                Instant first;
                Instant last;
                List<String> visitors;
                Optional<Customer> profile = Optional.empty();
                try (PreparedStatement ps = store.connection().prepareStatement(Sql.resource("customer/customer_profile"))) {
                    MetricQueries.bindAsOf(ps, asOf);
                    ps.setString(3, customerId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        total = rs.getLong("events");
                        first = instant(rs, "first_seen");
                        last = instant(rs, "last_seen");
                        String joined = rs.getString("visitors");
                        visitors = joined == null || joined.isEmpty() ? List.of() : List.of(joined.split("\u001f", -1));
                        if (rs.getBoolean("has_profile")) {
                            profile = Optional.of(new Customer(customerId, instant(rs, "registered_at"),
                                    (Boolean) rs.getObject("paid_member"), rs.getString("member_tier"),
                                    rs.getString("store_id"), rs.getString("channel"), properties(rs.getString("attributes"))));
                        }
                    }
                }
                List<Event> timeline = new ArrayList<>();
                if (total > 0 && timelineLimit > 0) {
                    try (PreparedStatement ps = store.connection().prepareStatement(Sql.resource("customer/customer_timeline"))) {
                        MetricQueries.bindAsOf(ps, asOf);
                        ps.setString(3, customerId);
                        ps.setLong(4, timelineLimit);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                timeline.add(event(rs));
                            }
                        }
                    }
                }
                return new CustomerRecord(customerId, profile, first, last, visitors, timeline, total);
            } catch (SQLException e) {
                throw new ReservoirException(e, ErrorCode.STORE_FAILURE, store.tenant().id(),
                        "customer lookup: " + SourceReader.firstLine(e.getMessage()));
            }
        }
    }

    private static Event event(ResultSet rs) throws SQLException {
        String type = rs.getString("type");
        Object quantity = rs.getObject("quantity");
        return new Event(rs.getString("event_id"), rs.getString("customer_id"), rs.getString("visitor_id"),
                instant(rs, "occurred_at"),
                EventType.fromWireName(type).orElseThrow(() -> new IllegalStateException("stored event type " + type)),
                rs.getString("page"), rs.getString("item_id"), rs.getString("category"), rs.getString("order_id"),
                quantity == null ? null : ((Number) quantity).longValue(), rs.getBigDecimal("amount"),
                rs.getString("currency"), rs.getString("store_id"), rs.getString("channel"), rs.getString("session_id"),
                properties(rs.getString("properties")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Stored JSON object text as key → text (a number or true stays as its JSON text). */
    static Map<String, String> properties(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            JsonNode node = JSON.readTree(json);
            Map<String, String> out = new LinkedHashMap<>();
            if (node != null && node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    if (!f.getValue().isNull()) {
                        out.put(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString());
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("stored properties are not a JSON object: " + json, e);
        }
    }
}
