package dev.reservoir.duckdb;

import dev.reservoir.engine.CustomerFacts;
import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.Customer;
import dev.reservoir.event.Event;
import dev.reservoir.event.EventType;
import dev.reservoir.ingest.FileReport;
import dev.reservoir.ingest.ImportListener;
import dev.reservoir.ingest.ImportReport;
import dev.reservoir.ingest.ImportRequest;
import dev.reservoir.ingest.Mappings;
import dev.reservoir.time.AsOf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** JSON Lines, Parquet, user mappings, customer profiles and programmatic appends. */
class FormatsAndCustomersTest {
    static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");

    @TempDir
    Path dir;
    DuckDbEngine engine;
    TenantStore store;

    @BeforeEach
    void open() {
        engine = DuckDbEngine.open(EngineConfig.of(dir.resolve("data")).withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
        engine.createTenant("tea", ZoneId.of("Asia/Shanghai"), Currency.getInstance("CNY"));
        store = engine.store("tea");
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private FileReport importFile(String mapping, Path file) {
        return store.importFiles(ImportRequest.of(Mappings.resolve(mapping), file), ImportListener.NONE).files().get(0);
    }

    @Test
    void jsonLines_withPropertiesObject_andOffsets() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"event_id\":\"r1\",\"customer_id\":\"c1\",\"occurred_at\":\"2025-05-01T23:30:00+08:00\",\"type\":\"review\",\"properties\":{\"rating\":\"5\"}}",
                "{\"event_id\":\"p1\",\"customer_id\":\"c1\",\"occurred_at\":\"2025-05-01T16:00:00Z\",\"type\":\"purchase\",\"amount\":\"18.5\",\"order_id\":\"o1\"}",
                "{\"event_id\":\"p2\",\"customer_id\":\"c2\",\"occurred_at\":\"2025-05-02 09:00:00\",\"type\":\"purchase\",\"amount\":12}",
                "{\"event_id\":\"bad\",\"customer_id\":\"c2\",\"occurred_at\":\"2025-05-02 09:00:00\",\"type\":\"review\",\"properties\":\"five\"}"),
                StandardCharsets.UTF_8);
        FileReport report = importFile("canonical", file);
        assertEquals(3, report.accepted());
        assertEquals(file + ": line 4: column 'properties': expected a JSON object such as {\"rating\": \"5\"}, was 'five'",
                report.firstRejections().get(0).toString());
        try (Statement st = ((DuckDbTenantStore) store).connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT event_id, local_date, properties FROM events ORDER BY event_id")) {
            // p1: 16:00Z is 00:00 on 05-02 in Shanghai; p2 has no offset, so it is Shanghai time;
            // r1: 23:30 at +08:00 is still 05-01 in Shanghai.
            rs.next();
            assertEquals("p1", rs.getString(1));
            assertEquals(LocalDate.of(2025, 5, 2), rs.getObject(2, LocalDate.class));
            rs.next();
            assertEquals(LocalDate.of(2025, 5, 2), rs.getObject(2, LocalDate.class));
            rs.next();
            assertEquals("r1", rs.getString(1));
            assertEquals(LocalDate.of(2025, 5, 1), rs.getObject(2, LocalDate.class));
            assertEquals("{\"rating\":\"5\"}", rs.getString(3));
        }
    }

    @Test
    void parquet_withTypedColumns_importsAndDeduplicates() throws Exception {
        Path file = dir.resolve("events.parquet");
        try (Statement st = ((DuckDbTenantStore) store).connection().createStatement()) {
            st.execute("COPY (SELECT 'e' || i AS event_id, 'c' || (i % 3) AS customer_id,"
                    + " TIMESTAMPTZ '2025-01-01 00:00:00+00' + to_hours(i) AS occurred_at, 'purchase' AS type,"
                    + " CAST(i AS DECIMAL(18,2)) AS amount FROM range(10) t(i)) TO '" + file + "' (FORMAT parquet)");
        }
        assertEquals(10, importFile("canonical", file).accepted());
        FileReport again = importFile("canonical", file);
        assertEquals(0, again.accepted());
        assertEquals(10, again.duplicates());
        // 0 + 1 + ... + 9 = 45
        assertEquals(new BigDecimal("45.0000"), store.summary(AsOf.of(LocalDate.of(2026, 1, 1))).revenue());
    }

    @Test
    void userMapping_yaml_mapsColumnsTypeValuesTimeFormatAndConstants() throws IOException {
        Path mapping = dir.resolve("pos.yaml");
        Files.writeString(mapping, String.join("\n",
                "name: pos-export",
                "delimiter: ';'",
                "time_formats: ['%Y/%m/%d %H:%M']",
                "columns:",
                "  customer_id: member",
                "  occurred_at: paid",
                "  type: action",
                "  order_id: ticket",
                "  amount: total",
                "type_values:",
                "  pay: purchase",
                "  back: refund",
                "constants:",
                "  channel: store"), StandardCharsets.UTF_8);
        Path file = dir.resolve("pos.csv");
        Files.writeString(file, "member;paid;action;ticket;total\nm1;2025/03/01 10:00;pay;t1;30\nm1;2025/03/02 11:00;back;t1;-30\n"
                + "m2;2025/03/02 12:00;gift;t2;0\n", StandardCharsets.UTF_8);
        FileReport report = importFile(mapping.toString(), file);
        assertEquals(2, report.accepted());
        // 'gift' is not in type_values and not a canonical type: the message names the source column.
        assertEquals(file + ": line 4: column 'action': 'gift' is not an event type the mapping knows (expected one of"
                + " register, visit, page_view, add_to_cart, checkout, purchase, refund, group_join, group_leave,"
                + " complaint, review, survey, message_sent, coupon_sent, coupon_redeemed)",
                report.firstRejections().get(0).toString());
        assertEquals(Map.of("purchase", 1L, "refund", 1L), store.summary(AsOf.of(LocalDate.of(2026, 1, 1))).eventsByType());
        // Without event ids the ids are derived, so importing the export again changes nothing.
        assertEquals(2, importFile(mapping.toString(), file).duplicates());
    }

    @Test
    void customers_latestRowWins_andAnUnchangedProfileIsADuplicate() throws IOException {
        Path first = dir.resolve("customers.csv");
        Files.writeString(first, "customer_id,registered_at,paid_member,member_tier\nc1,2025-01-01 10:00:00,false,\n"
                + "c2,2025-01-02 10:00:00,yes,gold\nc1,2025-01-01 10:00:00,true,silver\n", StandardCharsets.UTF_8);
        ImportReport report = store.importFiles(ImportRequest.of(Mappings.resolve("canonical-customers"), first),
                ImportListener.NONE);
        // c1's second row replaces its first within the file: 2 profiles stored, 1 superseded row.
        assertEquals(2, report.accepted());
        assertEquals(1, report.duplicates());
        Path second = dir.resolve("customers2.csv");
        Files.writeString(second, "customer_id,paid_member,member_tier,registered_at\nc1,true,silver,2025-01-01 10:00:00\n"
                + "c2,yes,platinum,2025-01-02 10:00:00\n", StandardCharsets.UTF_8);
        FileReport update = store.importFiles(ImportRequest.of(Mappings.resolve("canonical-customers"), second),
                ImportListener.NONE).files().get(0);
        assertEquals(1, update.accepted(), "c2 changed tier");
        assertEquals(1, update.duplicates(), "c1 is unchanged");
        assertEquals(2, store.summary(AsOf.of(LocalDate.of(2026, 1, 1))).profiles());
    }

    @Test
    void append_storesEventsAndCustomers_andResendingIsSafe() {
        Instant at = Instant.parse("2025-06-01T02:00:00Z");
        List<Event> events = List.of(
                Event.of("c1", at, EventType.PURCHASE).withEventId("a1").withOrder("o1", "tea", "drinks", 2L, new BigDecimal("36.00")),
                Event.of("c1", at.plusSeconds(60), EventType.REVIEW).withEventId("a2").withProperties(Map.of("rating", "4")),
                Event.of("c2", at, EventType.VISIT).withEventId("a3"));
        assertEquals(3, store.append("api", events).accepted());
        ImportReport resent = store.append("api", events);
        assertEquals(0, resent.accepted());
        assertEquals(3, resent.duplicates());
        assertEquals(1, store.appendCustomers("api", List.of(new Customer("c1", at, true, "gold", null, null, Map.of())))
                .accepted());
        List<CustomerFacts> facts = store.customerFacts(AsOf.of(LocalDate.of(2025, 6, 30)));
        assertEquals(2, facts.size());
        CustomerFacts c1 = facts.get(0);
        assertEquals(1, c1.orders());
        assertEquals(new BigDecimal("36.0000"), c1.revenue());
        assertEquals(Boolean.TRUE, c1.paidMember());
        assertNull(facts.get(1).paidMember());
        assertFalse(store.customerFacts(AsOf.of(LocalDate.of(2025, 5, 31))).iterator().hasNext(),
                "as of the day before, nothing had happened");
    }

    @Test
    void knownAt_leavesOutEventsIngestedLater() throws IOException {
        Path file = dir.resolve("a.csv");
        Files.writeString(file, "event_id,customer_id,occurred_at,type\ne1,c1,2025-01-01 10:00:00,visit\n", StandardCharsets.UTF_8);
        importFile("canonical", file);
        AsOf asOf = AsOf.of(LocalDate.of(2026, 1, 1));
        assertEquals(1, store.summary(asOf).events());
        assertEquals(0, store.summary(asOf.knownAt(NOW.minusSeconds(1))).events(), "ingested at NOW, not before");
        assertEquals(1, store.summary(asOf.knownAt(NOW)).events());
    }
}
