package dev.reservoir.event;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A customer's profile. Imported and updated like events: the latest import of a customer id
 * replaces its profile.
 *
 * @param registeredAt when the customer registered, or {@code null} when unknown
 * @param paidMember   whether they hold a paid membership, or {@code null} when unknown
 * @param attributes   free key/values (sorted)
 */
public record Customer(
        String customerId,
        Instant registeredAt,
        Boolean paidMember,
        String memberTier,
        String storeId,
        String channel,
        Map<String, String> attributes) {

    public Customer {
        Objects.requireNonNull(customerId, "customerId");
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(attributes));
    }
}
