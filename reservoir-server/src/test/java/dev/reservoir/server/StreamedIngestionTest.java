package dev.reservoir.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The streamed reading of an ingestion body (Ingestion.read, EventJson.read, IsoTimes) against
 * the tree reading it replaced, which is kept as the second computation: every event's outcome,
 * problems and messages must be the same.
 */
class StreamedIngestionTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Events of every shape the checks tell apart: good, bad, odd values, not objects. */
    static final List<String> EVENTS = List.of(
            "{\"event_id\":\"e1\",\"customer_id\":\"c1\",\"occurred_at\":\"2025-03-01T10:00:00+08:00\",\"type\":\"purchase\","
                    + "\"order_id\":\"o1\",\"quantity\":2,\"amount\":25.5,\"properties\":{\"rating\":5,\"ok\":true,\"x\":1.25}}",
            "{\"event_id\":\"e2\",\"visitor_id\":\"v\",\"occurred_at\":\"2025-03-01T10:00Z\",\"type\":\"page_view\",\"page\":\"/\"}",
            "{\"event_id\":\"e3\",\"customer_id\":\"c\",\"occurred_at\":\"2025-03-01T10:00:00.123456789-05:30\",\"type\":\"visit\","
                    + "\"quantity\":3.0,\"amount\":\"12.25\"}",
            "{\"customer_id\":7,\"occurred_at\":\"2025-03-01 10:00\",\"type\":\"teleport\",\"quantity\":1.5,"
                    + "\"amount\":\"12,5\",\"ammount\":1,\"ammount\":2}",
            "{\"event_id\":\"e5\",\"customer_id\":\"c\",\"occurred_at\":\"2025-02-30T10:00Z\",\"type\":\"visit\"}",
            "{\"event_id\":\"e6\",\"customer_id\":\"c\",\"occurred_at\":\"2025-03-01T24:00Z\",\"type\":\"visit\","
                    + "\"properties\":{\"a\":[1],\"b\":null}}",
            "{\"event_id\":\"e7\",\"customer_id\":\"c\",\"occurred_at\":\"2025-03-01T10:00+08:00\",\"type\":\"visit\","
                    + "\"amount\":{\"v\":1},\"quantity\":99999999999999999999,\"page\":[\"x\"],\"properties\":\"five\"}",
            "{\"event_id\":\"e8\",\"customer_id\":\"c\",\"occurred_at\":\"2025-03-01T10:00+08:00\",\"type\":\"visit\","
                    + "\"amount\":1e20,\"quantity\":12345678901}",
            "{\"event_id\":\"e1\",\"customer_id\":\"c1\",\"occurred_at\":\"2025-03-01T10:00:00+08:00\",\"type\":\"purchase\"}",
            "{\"event_id\":\"e10\",\"event_id\":\"e11\",\"customer_id\":null,\"visitor_id\":\"  \",\"occurred_at\":null,\"type\":\"visit\"}",
            "[1, 2]", "\"text\"", "null", "42", "{}");

    private static String body(List<String> events) {
        return "{\"note\":{\"x\":[1,{}]},\"events\":[" + String.join(",", events) + "],\"after\":1}";
    }

    @Test
    void aStreamedBody_givesTheBatchAndAnswerOfItsTree() throws Exception {
        String body = body(EVENTS);
        Ingestion.Batch streamed = Ingestion.read(body.getBytes(StandardCharsets.UTF_8), 1000, JSON);
        Ingestion.Batch tree = Ingestion.parse(Ingestion.events(JSON.readTree(body), 1000));
        assertEquals(EVENTS.size(), streamed.size());
        for (Ingestion.Batch b : List.of(streamed, tree)) {
            b.validIndex.forEach(i -> b.status[i] = Ingestion.Status.ACCEPTED); // as a commit storing them would
        }
        for (Locale locale : List.of(Locale.ENGLISH, Locale.CHINESE)) {
            assertEquals(Ingestion.answer(tree, locale, JSON), Ingestion.answer(streamed, locale, JSON));
        }
        assertEquals(tree.valid, streamed.valid);
        assertEquals(tree.validIndex, streamed.validIndex);
        // Spot checks that the comparison compares something: e1 valid, its repeat a duplicate.
        assertEquals(List.of(0, 1, 2), streamed.validIndex); // e8: an amount of 10^20 is too large
        assertEquals(Ingestion.Status.DUPLICATE, streamed.status[8]);
        assertEquals(List.of("ammount:UNKNOWN_FIELD", "event_id:MISSING_FIELD", "customer_id:BAD_VALUE",
                        "occurred_at:BAD_VALUE", "type:BAD_VALUE", "quantity:BAD_VALUE", "amount:BAD_VALUE"),
                streamed.problems.get(3).stream().map(p -> p.field() + ":" + p.code()).toList());
        assertEquals("e11", streamed.ids[9], "the last of a repeated field counts, as in a tree");
    }

    @Test
    void shapeSizeAndSyntaxErrors_areThoseOfTheTree() {
        assertEquals(ApiError.BAD_REQUEST, error("[]"));
        assertEquals(ApiError.BAD_REQUEST, error("{\"events\":{}}"));
        assertEquals(ApiError.BAD_REQUEST, error("{\"other\":[]}"));
        assertEquals(ApiError.BAD_REQUEST, error(""));
        assertEquals(ApiError.BATCH_TOO_LARGE, error(body(List.of("{}", "{}", "{}"))));
        // Malformed wherever it is: after the events, or among too many of them.
        assertEquals(ApiError.MALFORMED_JSON, error("{\"events\":[{}], \"x\": tru}"));
        assertEquals(ApiError.MALFORMED_JSON, error("{\"events\":[{},{},{},{\"a\":}]}"));
        assertEquals(ApiError.MALFORMED_JSON, error("{\"events\":{\"a\":1,}}"));
        ApiException tooMany = assertThrows(ApiException.class,
                () -> Ingestion.read(body(List.of("{}", "{}", "{}")).getBytes(StandardCharsets.UTF_8), 2, JSON));
        ApiException treeTooMany = assertThrows(ApiException.class,
                () -> Ingestion.events(JSON.readTree(body(List.of("{}", "{}", "{}"))), 2));
        assertEquals(treeTooMany.getMessage(), tooMany.getMessage(), "names the batch's size, 3");
    }

    private static ApiError error(String body) {
        return assertThrows(ApiException.class, () -> Ingestion.read(body.getBytes(StandardCharsets.UTF_8), 2, JSON))
                .error();
    }

    @Test
    void isoTimes_agreeWithTheJdksParser_onRandomAndEdgeTexts() {
        Random random = new Random(42);
        String[] offsets = {"Z", "z", "+08:00", "-05:30", "+00:00", "-00:00", "+18:00", "-18:00", "+14:45"};
        for (int k = 0; k < 20_000; k++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-5_000_000_000L, 10_000_000_000L), random.nextInt(1_000_000_000));
            String offset = offsets[random.nextInt(offsets.length)];
            String text = OffsetDateTime.ofInstant(t, offset.equalsIgnoreCase("z") ? java.time.ZoneOffset.UTC
                    : java.time.ZoneOffset.of(offset)).toLocalDateTime().toString() + offset;
            // toLocalDateTime().toString() drops zero seconds and trims fractions to 3, 6 or 9 digits.
            assertEquals(OffsetDateTime.parse(text).toInstant(), IsoTimes.parse(text), text);
        }
        for (String text : List.of("2024-02-29T00:00Z", "2025-03-01T10:00:05.5+08:00", "2025-03-01t10:00:00Z",
                "0001-01-01T00:00Z", "2025-12-31T23:59:59.999999999-18:00")) {
            assertEquals(OffsetDateTime.parse(text).toInstant(), IsoTimes.parse(text), text);
        }
        // Texts the fast path leaves to the JDK's parser, which refuses them or reads them its own way.
        for (String text : List.of("2025-02-29T10:00Z", "2025-03-01T24:00Z", "2025-03-01T10:60Z", "2025-03-01T10:00:60Z",
                "2025-13-01T10:00Z", "2025-03-01T10:00+19:00", "2025-03-01T10:00", "2025-03-01 10:00Z",
                "2025-03-01T10:00:00.Z", "2025-03-01T10:00:00.1234567890Z", "+12025-03-01T10:00Z", "2025-03-01T10:00+0800",
                "2025-03-01T10:00+08:00:30", "2025-03-01T10:00+08", "2025-3-01T10:00Z", "2025-03-01T10:00Z ")) {
            assertNull(IsoTimes.fast(text), text);
            Instant jdk;
            try {
                jdk = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                assertThrows(DateTimeParseException.class, () -> IsoTimes.parse(text), text);
                continue;
            }
            assertEquals(jdk, IsoTimes.parse(text), text);
        }
    }
}
