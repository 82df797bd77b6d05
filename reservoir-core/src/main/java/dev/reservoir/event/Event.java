package dev.reservoir.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One thing a customer (or an anonymous visitor) did, in the canonical shape of SPEC.md.
 * Optional fields are {@code null} when absent.
 *
 * @param eventId    unique per tenant; a resent event with the same id is a duplicate. May be
 *                   {@code null} for sources without ids: the store derives a deterministic one
 * @param customerId the customer, or {@code null} for an anonymous visitor
 * @param visitorId  an anonymous visitor id (web logs, apps before login), or {@code null}
 * @param occurredAt when it happened, an instant (the tenant's zone gives its local date)
 * @param quantity   items on the line (purchase, refund, add_to_cart)
 * @param amount     money, in the tenant's currency; refunds are negative
 * @param properties free keys; canonical ones are {@code group_id}, {@code reason},
 *                   {@code rating}, {@code coupon_id}, {@code campaign_id}
 */
public record Event(
        String eventId,
        String customerId,
        String visitorId,
        Instant occurredAt,
        EventType type,
        String page,
        String itemId,
        String category,
        String orderId,
        Long quantity,
        BigDecimal amount,
        String currency,
        String storeId,
        String channel,
        String sessionId,
        Map<String, String> properties) {

    public Event {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(type, "type");
        if (customerId == null && visitorId == null) {
            throw new IllegalArgumentException("an event needs a customerId or a visitorId");
        }
        // Sorted, so that the same properties always serialise to the same JSON text.
        properties = properties == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(properties));
    }

    /** A minimal event of a known customer; add the rest with the {@code with...} methods. */
    public static Event of(String customerId, Instant occurredAt, EventType type) {
        return new Event(null, customerId, null, occurredAt, type, null, null, null, null, null, null,
                null, null, null, null, Map.of());
    }

    public Event withEventId(String id) {
        return new Event(id, customerId, visitorId, occurredAt, type, page, itemId, category, orderId,
                quantity, amount, currency, storeId, channel, sessionId, properties);
    }

    public Event withOrder(String order, String item, String itemCategory, Long qty, BigDecimal money) {
        return new Event(eventId, customerId, visitorId, occurredAt, type, page, item, itemCategory, order,
                qty, money, currency, storeId, channel, sessionId, properties);
    }

    public Event withPage(String pagePath, String session) {
        return new Event(eventId, customerId, visitorId, occurredAt, type, pagePath, itemId, category, orderId,
                quantity, amount, currency, storeId, channel, session, properties);
    }

    public Event withPlace(String store, String salesChannel) {
        return new Event(eventId, customerId, visitorId, occurredAt, type, page, itemId, category, orderId,
                quantity, amount, currency, store, salesChannel, sessionId, properties);
    }

    public Event withProperties(Map<String, String> props) {
        return new Event(eventId, customerId, visitorId, occurredAt, type, page, itemId, category, orderId,
                quantity, amount, currency, storeId, channel, sessionId, props);
    }

    /**
     * Whether {@code other} agrees with this event on every field but the id, as the store compares
     * a resent event with the stored one: amounts as numbers ({@code 10} and {@code 10.00} are one).
     */
    public boolean sameContentAs(Event other) {
        return Objects.equals(customerId, other.customerId) && Objects.equals(visitorId, other.visitorId)
                && occurredAt.equals(other.occurredAt) && type == other.type && Objects.equals(page, other.page)
                && Objects.equals(itemId, other.itemId) && Objects.equals(category, other.category)
                && Objects.equals(orderId, other.orderId) && Objects.equals(quantity, other.quantity)
                && (amount == null ? other.amount == null : other.amount != null && amount.compareTo(other.amount) == 0)
                && Objects.equals(currency, other.currency) && Objects.equals(storeId, other.storeId)
                && Objects.equals(channel, other.channel) && Objects.equals(sessionId, other.sessionId)
                && properties.equals(other.properties);
    }
}
