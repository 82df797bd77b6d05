package dev.reservoir.event;

import java.util.Arrays;
import java.util.Optional;

/** The columns of a customer file, by the names a canonical file and a mapping file use. */
public enum CustomerField {
    CUSTOMER_ID("customer_id"),
    REGISTERED_AT("registered_at"),
    PAID_MEMBER("paid_member"),
    MEMBER_TIER("member_tier"),
    STORE_ID("store_id"),
    CHANNEL("channel"),
    ATTRIBUTES("attributes");

    private final String column;

    CustomerField(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }

    public static Optional<CustomerField> fromColumn(String name) {
        return Arrays.stream(values()).filter(f -> f.column.equals(name)).findFirst();
    }
}
