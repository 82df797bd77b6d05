package dev.reservoir.metric;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What puts a customer into a retention cohort (SPEC metric 5): the day of the entry, a local
 * date in the tenant's zone.
 */
public enum RetentionEntry {
    /**
     * The earlier of the customer's first {@code register} event and the profile's
     * {@code registered_at} (its local date). {@code register} events are the entry, never a
     * return.
     */
    REGISTRATION("registration", "注册"),
    /**
     * The date of the customer's first order (an order's date is the earliest date of its lines).
     * That order is the entry; any other order, even on the same day, is a return.
     */
    FIRST_PURCHASE("first-purchase", "首购");

    private final String wireName;
    private final String chinese;

    RetentionEntry(String wireName, String chinese) {
        this.wireName = wireName;
        this.chinese = chinese;
    }

    public String wireName() {
        return wireName;
    }

    public String label(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? chinese : wireName;
    }

    public static Optional<RetentionEntry> fromWireName(String name) {
        return Arrays.stream(values()).filter(e -> e.wireName.equals(name)).findFirst();
    }
}
