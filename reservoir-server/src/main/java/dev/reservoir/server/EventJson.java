package dev.reservoir.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.reservoir.event.Event;
import dev.reservoir.event.EventType;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One event of an ingestion batch, from its JSON object (SPEC's canonical fields, snake_case), or
 * the reasons it cannot be one. Strict: an unknown field is a reason too, so a misspelt
 * {@code ammount} is not silently dropped.
 */
final class EventJson {
    static final int MAX_ID_LENGTH = 256;
    static final Set<String> FIELDS = Set.copyOf(Fields.ORDER);

    private EventJson() {
    }

    /** Why a field (or the whole event, field {@code null}) was rejected, in both languages. */
    record Problem(String field, String code, String english, String chinese) {
        String message(Locale locale) {
            return "zh".equals(locale.getLanguage()) ? chinese : english;
        }
    }

    /**
     * The event, or the problems (never both); {@code idText} is the event_id field's text
     * whenever it is a JSON string (the answer names the event by it even when rejected).
     */
    record Parsed(Event event, List<Problem> problems, String idText) {
        Parsed {
            problems = List.copyOf(problems);
        }

        Parsed(Event event, List<Problem> problems) {
            this(event, problems, null);
        }
    }

    /**
     * The fields of one event object: each known field's value (the last one, when a field comes
     * twice, as a JSON tree keeps it) and the unknown fields' names in order of appearance.
     */
    static final class Fields {
        private static final Map<String, Integer> INDEX = new java.util.HashMap<>();
        /** SPEC's canonical fields, snake_case. */
        static final List<String> ORDER = List.of("event_id", "customer_id", "visitor_id", "occurred_at",
                "type", "page", "item_id", "category", "order_id", "quantity", "amount", "currency", "store_id",
                "channel", "session_id", "properties");

        static {
            for (int i = 0; i < ORDER.size(); i++) {
                INDEX.put(ORDER.get(i), i);
            }
        }

        private final JsonNode[] values = new JsonNode[ORDER.size()];
        private List<String> unknown = List.of();

        JsonNode get(String field) {
            return values[INDEX.get(field)];
        }

        boolean hasNonNull(String field) {
            JsonNode v = get(field);
            return v != null && !v.isNull();
        }

        void put(String field, JsonNode value) {
            Integer i = INDEX.get(field);
            if (i != null) {
                values[i] = value;
            } else if (!unknown.contains(field)) {
                if (unknown.isEmpty()) {
                    unknown = new ArrayList<>(2);
                }
                unknown.add(field);
            }
        }

        static Fields of(JsonNode node) {
            Fields fields = new Fields();
            node.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
            return fields;
        }
    }

    static Parsed parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            return notAnObject();
        }
        return parse(Fields.of(node));
    }

    private static Parsed notAnObject() {
        return new Parsed(null, List.of(new Problem(null, "NOT_AN_OBJECT", "an event must be a JSON object",
                "事件必须是 JSON 对象")));
    }

    /**
     * One event from a streaming parser at its first token ({@code START_OBJECT}, or else the
     * value is not an event: it is skipped), without building a JSON tree of the event: the
     * values become the same nodes a tree holds (objects and arrays, rare here, are read as
     * trees), so the checks and their messages are those of {@link #parse(JsonNode)}.
     * The parser is left at the value's last token.
     */
    static Parsed read(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return notAnObject();
        }
        Fields fields = new Fields();
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            fields.put(name, value(p, p.nextToken()));
        }
        return parse(fields);
    }

    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (t) {
            case VALUE_STRING -> f.textNode(p.getText());
            case VALUE_NULL -> f.nullNode();
            case VALUE_TRUE -> f.booleanNode(true);
            case VALUE_FALSE -> f.booleanNode(false);
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> f.numberNode(p.getIntValue());
                case LONG -> f.numberNode(p.getLongValue());
                default -> f.numberNode(p.getBigIntegerValue());
            };
            // As the tree reader makes them by default: a double.
            case VALUE_NUMBER_FLOAT -> f.numberNode(p.getDoubleValue());
            default -> p.readValueAsTree(); // an object or array
        };
    }

    static Parsed parse(Fields node) {
        List<Problem> problems = new ArrayList<>();
        for (String name : node.unknown) {
            problems.add(new Problem(name, "UNKNOWN_FIELD", "unknown field '" + name + "'; known: "
                    + new java.util.TreeSet<>(FIELDS), "未知字段 '" + name + "'；可用：" + new java.util.TreeSet<>(FIELDS)));
        }
        String eventId = text(node, "event_id", problems, true);
        String customerId = text(node, "customer_id", problems, false);
        String visitorId = text(node, "visitor_id", problems, false);
        if (customerId == null && visitorId == null && !node.hasNonNull("customer_id") && !node.hasNonNull("visitor_id")) {
            problems.add(new Problem("customer_id", "NO_CUSTOMER",
                    "neither customer_id nor visitor_id: an event must belong to someone",
                    "既无 customer_id 也无 visitor_id：事件必须属于某人"));
        }
        java.time.Instant occurredAt = null;
        String at = text(node, "occurred_at", problems, true);
        if (at != null) {
            try {
                occurredAt = IsoTimes.parse(at);
            } catch (DateTimeParseException e) {
                problems.add(bad("occurred_at", "an ISO-8601 time with its offset such as 2025-03-01T10:00:00+08:00",
                        "带时区偏移的 ISO-8601 时间，如 2025-03-01T10:00:00+08:00", at));
            }
        }
        EventType type = null;
        String typeName = text(node, "type", problems, true);
        if (typeName != null) {
            type = EventType.fromWireName(typeName).orElse(null);
            if (type == null) {
                problems.add(bad("type", "one of " + EventType.wireNames(), EventType.wireNames() + " 之一", typeName));
            }
        }
        Long quantity = null;
        JsonNode q = node.get("quantity");
        if (q != null && !q.isNull()) {
            if (q.canConvertToExactIntegral() && q.canConvertToLong()) {
                quantity = q.longValue();
            } else {
                problems.add(bad("quantity", "a whole number", "整数", q.asText()));
            }
        }
        BigDecimal amount = null;
        JsonNode a = node.get("amount");
        if (a != null && !a.isNull()) {
            try {
                amount = a.isNumber() ? a.decimalValue() : new BigDecimal(a.asText());
                if (amount.abs().compareTo(new BigDecimal("1e14")) >= 0 || amount.scale() > 4) {
                    problems.add(bad("amount", "a decimal below 10^14 with at most 4 decimals",
                            "小于 10^14、最多 4 位小数的数", a.asText()));
                    amount = null;
                }
            } catch (NumberFormatException e) {
                problems.add(bad("amount", "a decimal number such as 12.50", "十进制数，如 12.50", a.asText()));
            }
        }
        Map<String, String> properties = new TreeMap<>();
        JsonNode p = node.get("properties");
        if (p != null && !p.isNull()) {
            if (!p.isObject()) {
                problems.add(bad("properties", "an object of text values", "值为文本的对象", p.toString()));
            } else {
                p.fields().forEachRemaining(e -> {
                    if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                        properties.put(e.getKey(), e.getValue().asText());
                    } else {
                        problems.add(bad("properties." + e.getKey(), "a text, number or boolean", "文本、数字或布尔值",
                                e.getValue().toString()));
                    }
                });
            }
        }
        String page = text(node, "page", problems, false);
        String itemId = text(node, "item_id", problems, false);
        String category = text(node, "category", problems, false);
        String orderId = text(node, "order_id", problems, false);
        String currency = text(node, "currency", problems, false);
        String storeId = text(node, "store_id", problems, false);
        String channel = text(node, "channel", problems, false);
        String sessionId = text(node, "session_id", problems, false);
        JsonNode id = node.get("event_id");
        String idText = id != null && id.isTextual() ? id.asText() : null;
        if (!problems.isEmpty()) {
            return new Parsed(null, problems, idText);
        }
        Event event = new Event(eventId, customerId, visitorId, occurredAt, type, page, itemId, category, orderId,
                quantity, amount, currency, storeId, channel, sessionId, properties);
        return new Parsed(event, List.of(), idText);
    }

    /** A text field: a JSON string, not empty, at most {@link #MAX_ID_LENGTH} characters. */
    private static String text(Fields node, String field, List<Problem> problems, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problems.add(new Problem(field, "MISSING_FIELD", "field '" + field + "' is required",
                        "缺少必填字段 '" + field + "'"));
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > MAX_ID_LENGTH) {
            problems.add(bad(field, "a non-empty text of at most " + MAX_ID_LENGTH + " characters",
                    "不超过 " + MAX_ID_LENGTH + " 个字符的非空文本", v.isTextual() ? v.asText() : v.toString()));
            return null;
        }
        return v.asText();
    }

    private static Problem bad(String field, String expectedEn, String expectedZh, String was) {
        String shown = was.length() > 100 ? was.substring(0, 100) + "…" : was;
        return new Problem(field, "BAD_VALUE", "field '" + field + "': expected " + expectedEn + ", was '" + shown + "'",
                "字段 '" + field + "'：应为" + expectedZh + "，实际为 '" + shown + "'");
    }
}
