package dev.reservoir.metric;

import java.util.Arrays;
import java.util.Objects;

/**
 * A condition of a funnel step: the event's field (or the {@code properties} key {@code key})
 * equals {@code value}; a value ending in {@code *} matches every value starting with what comes
 * before the star. An event without the field never matches.
 *
 * @param key the properties key for {@link Field#PROPERTY}, {@code null} otherwise
 */
public record StepFilter(Field field, String key, String value) {
    /** The event fields a step may filter on. */
    public enum Field {
        PAGE("page"), CATEGORY("category"), ITEM_ID("item_id"), STORE_ID("store_id"), CHANNEL("channel"),
        PROPERTY("properties");

        private final String wireName;

        Field(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public StepFilter {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        if ((field == Field.PROPERTY) == (key == null || key.isBlank())) {
            throw new IllegalArgumentException(field + " filter " + (key == null ? "needs" : "takes no") + " key");
        }
    }

    /** Whether the value is a prefix pattern ({@code /item/*}). */
    public boolean prefix() {
        return value.endsWith("*");
    }

    /** The value without its trailing star. */
    public String match() {
        return prefix() ? value.substring(0, value.length() - 1) : value;
    }

    String text() {
        return (field == Field.PROPERTY ? "properties." + key : field.wireName()) + "=" + value;
    }

    static StepFilter of(String name, String value, String stepText) {
        if (value.isEmpty()) {
            throw FunnelStep.bad(stepText);
        }
        if (name.startsWith("properties.") && name.length() > "properties.".length()) {
            return new StepFilter(Field.PROPERTY, name.substring("properties.".length()), value);
        }
        return Arrays.stream(Field.values()).filter(f -> f != Field.PROPERTY && f.wireName.equals(name)).findFirst()
                .map(f -> new StepFilter(f, null, value)).orElseThrow(() -> FunnelStep.bad(stepText));
    }
}
