package dev.reservoir.event;

import java.util.Arrays;
import java.util.Optional;

/**
 * The columns of the canonical event layout (SPEC.md, data model), by the names a
 * {@code canonical} file and a mapping file use.
 */
public enum CanonicalField {
    EVENT_ID("event_id"),
    CUSTOMER_ID("customer_id"),
    VISITOR_ID("visitor_id"),
    OCCURRED_AT("occurred_at"),
    TYPE("type"),
    PAGE("page"),
    ITEM_ID("item_id"),
    CATEGORY("category"),
    ORDER_ID("order_id"),
    QUANTITY("quantity"),
    AMOUNT("amount"),
    CURRENCY("currency"),
    STORE_ID("store_id"),
    CHANNEL("channel"),
    SESSION_ID("session_id"),
    PROPERTIES("properties");

    private final String column;

    CanonicalField(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }

    public static Optional<CanonicalField> fromColumn(String name) {
        return Arrays.stream(values()).filter(f -> f.column.equals(name)).findFirst();
    }
}
