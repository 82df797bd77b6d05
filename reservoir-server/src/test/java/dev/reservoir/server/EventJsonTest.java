package dev.reservoir.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reservoir.event.EventType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class EventJsonTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static EventJson.Parsed parse(String json) throws Exception {
        return EventJson.parse(JSON.readTree(json));
    }

    @Test
    void canonicalFields_becomeAnEvent() throws Exception {
        EventJson.Parsed p = parse("{\"event_id\":\"e1\",\"customer_id\":\"c1\",\"occurred_at\":\"2025-03-01T10:00:00+08:00\","
                + "\"type\":\"purchase\",\"order_id\":\"o1\",\"quantity\":2,\"amount\":\"25.50\",\"properties\":{\"rating\":5}}");
        assertEquals(List.of(), p.problems());
        assertEquals("e1", p.event().eventId());
        assertEquals(Instant.parse("2025-03-01T02:00:00Z"), p.event().occurredAt(), "+08:00 is 8 hours before UTC");
        assertEquals(EventType.PURCHASE, p.event().type());
        assertEquals(2L, p.event().quantity());
        assertEquals(new BigDecimal("25.50"), p.event().amount());
        assertEquals(Map.of("rating", "5"), p.event().properties());
    }

    @Test
    void everyProblem_isReported_withItsField() throws Exception {
        // customer_id 7 is a number, not a text: BAD_VALUE (not NO_CUSTOMER: an id was sent).
        EventJson.Parsed p = parse("{\"customer_id\":7,\"occurred_at\":\"2025-03-01 10:00\",\"type\":\"teleport\","
                + "\"quantity\":1.5,\"amount\":\"12,5\",\"ammount\":1}");
        assertNull(p.event());
        assertEquals(List.of("ammount:UNKNOWN_FIELD", "event_id:MISSING_FIELD", "customer_id:BAD_VALUE",
                        "occurred_at:BAD_VALUE", "type:BAD_VALUE",
                        "quantity:BAD_VALUE", "amount:BAD_VALUE"),
                p.problems().stream().map(x -> x.field() + ":" + x.code()).toList());
        assertEquals("字段 'amount'：应为十进制数，如 12.50，实际为 '12,5'", p.problems().get(6).message(Locale.CHINESE));
    }
}
