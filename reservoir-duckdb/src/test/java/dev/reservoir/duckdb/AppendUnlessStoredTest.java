package dev.reservoir.duckdb;

import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.ingest.StagedAppend;
import dev.reservoir.event.Event;
import dev.reservoir.event.EventType;
import dev.reservoir.ingest.AppendOutcome;
import dev.reservoir.ingest.FileReport;
import dev.reservoir.ingest.ImportListener;
import dev.reservoir.ingest.ImportRequest;
import dev.reservoir.ingest.Mappings;
import dev.reservoir.time.AsOf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP ingestion's append (EventAppend): the file import's rows, and an answer for each event. */
class AppendUnlessStoredTest {
    static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");

    @TempDir
    Path dir;
    DuckDbEngine engine;

    @BeforeEach
    void open() {
        engine = DuckDbEngine.open(EngineConfig.of(dir.resolve("data")).withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
        engine.createTenant("http", ZoneId.of("Asia/Shanghai"), Currency.getInstance("CNY"));
        engine.createTenant("file", ZoneId.of("Asia/Shanghai"), Currency.getInstance("CNY"));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    /** Events touching what the import's checks change: spaces trimmed, an anonymous visitor, a refund, properties. */
    private static List<Event> events() {
        Instant at = Instant.parse("2025-05-01T15:59:59Z"); // 23:59:59 in Shanghai: the local date is the zone's
        return List.of(
                new Event("p1", " c1 ", null, at, EventType.PURCHASE, null, "tea ", "drinks", "o1", 2L,
                        new BigDecimal("36.5"), "CNY", "s1", "store", null, Map.of()),
                new Event("v1", null, "visitor-9", at.plusSeconds(2), EventType.PAGE_VIEW, "/menu", null, null, null,
                        null, null, null, null, "web", "sess-1", Map.of()),
                new Event("r1", "c1", null, at.plusSeconds(3600), EventType.REFUND, null, "tea ", null, "o1", 1L,
                        new BigDecimal("-18.25"), null, null, null, null, Map.of()),
                new Event("w1", "c2", null, at.plusSeconds(7200), EventType.REVIEW, null, null, null, null, null, null,
                        null, null, null, null, Map.of("rating", "5", "reason", "good, \"strong\" tea")));
    }

    /** The same events as JSON Lines, written by hand (not by the code under test). */
    private Path asJsonLines(List<Event> events) throws Exception {
        StringBuilder out = new StringBuilder();
        for (Event e : events) {
            Map<String, Object> fields = new TreeMap<>();
            fields.put("event_id", e.eventId());
            fields.put("customer_id", e.customerId());
            fields.put("visitor_id", e.visitorId());
            fields.put("occurred_at", e.occurredAt().toString());
            fields.put("type", e.type().wireName());
            fields.put("page", e.page());
            fields.put("item_id", e.itemId());
            fields.put("order_id", e.orderId());
            fields.put("category", e.category());
            fields.put("quantity", e.quantity());
            fields.put("amount", e.amount() == null ? null : e.amount().toPlainString());
            fields.put("currency", e.currency());
            fields.put("store_id", e.storeId());
            fields.put("channel", e.channel());
            fields.put("session_id", e.sessionId());
            fields.put("properties", e.properties().isEmpty() ? null : e.properties());
            out.append(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(fields)).append('\n');
        }
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, out, StandardCharsets.UTF_8);
        return file;
    }

    private static List<String> rows(TenantStore store, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement st = ((DuckDbTenantStore) store).connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= md.getColumnCount(); c++) {
                    row.append(md.getColumnName(c)).append('=').append(rs.getString(c)).append(' ');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    @Test
    void storesTheRowsAFileImportOfTheSameEventsStores() throws Exception {
        TenantStore http = engine.store("http");
        TenantStore file = engine.store("file");
        AppendOutcome outcome = http.appendUnlessStored("http", events());
        FileReport imported = file.importFiles(ImportRequest.of(Mappings.resolve("canonical"), asJsonLines(events())),
                ImportListener.NONE).files().get(0);
        assertEquals(4, imported.accepted());
        assertEquals(4, outcome.report().accepted());
        assertEquals(1, outcome.report().files().get(0).anonymous()); // v1, as the import counts it
        assertEquals(imported.anonymous(), outcome.report().files().get(0).anonymous());
        String all = "SELECT * EXCLUDE (ingested_at, import_id) FROM events ORDER BY event_id";
        List<String> stored = rows(http, all);
        assertEquals(rows(file, all), stored);
        // The import's trim applies: ' c1 ' is stored as c1, so p1 and r1 are one customer's.
        assertTrue(stored.get(0).contains("customer_id=c1 "), stored.get(0));
        // The rollup, caught up by its reader, is the same too.
        AsOf asOf = AsOf.of(LocalDate.of(2025, 6, 1));
        assertEquals(file.customerFacts(asOf), http.customerFacts(asOf));
    }

    @Test
    void textsTheTrimLeavesAsTheyAre_passUntrimmed_andStoreTheRowsAFileImportStores() throws Exception {
        // Every text already trimmed (Chinese ones too): the append reads the long texts as they
        // are (EventAppend.AS_IS); the stored rows and the rejections are still the import's.
        Instant at = Instant.parse("2025-05-01T15:59:59Z");
        List<Event> clean = List.of(
                new Event("p1", "c1", null, at, EventType.PURCHASE, null, "珍珠奶茶", "奶茶", "o1", 2L,
                        new BigDecimal("36.5"), "CNY", "门店-1", "store", null, Map.of()),
                new Event("v1", null, "visitor-9", at.plusSeconds(2), EventType.PAGE_VIEW, "/菜单", null, null, null,
                        null, null, null, null, "web", "sess-1", Map.of()),
                new Event("u1", "c2", null, at.plusSeconds(3), EventType.PURCHASE, null, "tea", null, "o2", 1L,
                        BigDecimal.TEN, "USD", null, null, null, Map.of()), // the tenant's currency is CNY
                Event.of("c3", NOW.plusSeconds(3 * 86_400), EventType.VISIT).withEventId("f1")); // 3 days ahead
        assertTrue(EventAppend.asIs(clean));
        assertFalse(EventAppend.asIs(events()), "'tea ' is trimmed by the import: the other statement");
        AppendOutcome outcome = engine.store("http").appendUnlessStored("http", clean);
        FileReport imported = engine.store("file").importFiles(ImportRequest.of(Mappings.resolve("canonical"),
                asJsonLines(clean)), ImportListener.NONE).files().get(0);
        assertEquals(2, outcome.report().accepted());
        assertEquals(imported.accepted(), outcome.report().accepted());
        assertEquals(ErrorCode.CURRENCY_MISMATCH, outcome.rejections().get(2).code());
        assertEquals(ErrorCode.FUTURE_TIME, outcome.rejections().get(3).code());
        String all = "SELECT * EXCLUDE (ingested_at, import_id) FROM events ORDER BY event_id";
        assertEquals(rows(engine.store("file"), all), rows(engine.store("http"), all));
    }

    @Test
    void theTrimLeavesAsIs_onlyTextsEndingInWhatItNeverRemoves() {
        for (String kept : List.of("a", "e-1", "奶茶", "/菜单", "x y", "(1)")) {
            assertTrue(EventAppend.trimLeavesAsIs(kept), kept);
        }
        // Ends the check does not vouch for: spaces, a no-break and an ideographic space (Unicode
        // space separators, which the trim removes), a tab (another blank: the trimming form decides),
        // and the empty text.
        for (String trimmed : List.of(" a", "a ", "a\u00A0", "\u3000奶茶", "\ta", "")) {
            assertFalse(EventAppend.trimLeavesAsIs(trimmed), trimmed);
        }
    }

    @Test
    void saysOfEachEvent_duplicateRejectedOrAccepted_andRecordsTheAppend() throws Exception {
        TenantStore http = engine.store("http");
        Instant at = Instant.parse("2025-05-01T10:00:00Z");
        http.appendUnlessStored("http", List.of(Event.of("c1", at, EventType.VISIT).withEventId("a1")));
        List<Event> second = List.of(
                Event.of("c1", at, EventType.VISIT).withEventId("a1"), // stored by the first append
                Event.of("c2", at, EventType.VISIT).withEventId(" b2"),
                Event.of("c3", at, EventType.VISIT).withEventId("b2 "), // b2 once trimmed: the first one counts
                new Event("c4", "c4", null, at, EventType.PURCHASE, null, null, null, "o4", 1L, BigDecimal.TEN,
                        "USD", null, null, null, Map.of()), // the tenant's currency is CNY
                Event.of("c5", NOW.plusSeconds(3 * 86_400), EventType.VISIT).withEventId("c5"), // 3 days ahead
                Event.of("c6", at, EventType.VISIT).withEventId("c6"));
        AppendOutcome outcome = http.appendUnlessStored("http", second);
        assertEquals(Set.of(0, 2), outcome.duplicates());
        assertEquals(Set.of(3, 4), outcome.rejections().keySet());
        assertEquals(ErrorCode.CURRENCY_MISMATCH, outcome.rejections().get(3).code());
        assertEquals(ErrorCode.FUTURE_TIME, outcome.rejections().get(4).code());
        FileReport report = outcome.report().files().get(0);
        assertEquals(2, report.accepted());
        assertEquals(2, report.duplicates());
        assertEquals(2, report.rejected());
        assertTrue(Files.readString(report.rejectsFile()).contains("CURRENCY_MISMATCH"));
        assertEquals(List.of("event_id=a1 customer_id=c1 ", "event_id=b2 customer_id=c2 ", "event_id=c6 customer_id=c6 "),
                rows(http, "SELECT event_id, customer_id FROM events ORDER BY event_id"));
        assertEquals(List.of("read=6 accepted=2 duplicates=2 rejected=2 "),
                rows(http, "SELECT rows_read AS read, accepted, duplicates, rejected FROM imports WHERE import_id = 2"));
        // Resent whole: every event a duplicate, a conflict or rejected again, nothing stored twice.
        // "b2 " is c3's event and b2 is stored as c2's: a conflict now, as in a file import.
        AppendOutcome again = http.appendUnlessStored("http", second);
        assertEquals(Set.of(0, 1, 5), again.duplicates());
        assertEquals(Set.of(2), again.conflicts());
        assertEquals(3, rows(http, "SELECT event_id FROM events").size());
    }

    @Test
    void theStoredKeysInMemory_followFileImportsBetweenAppends() throws Exception {
        TenantStore http = engine.store("http");
        Instant at = Instant.parse("2025-05-01T10:00:00Z");
        // The first append loads the stored keys (none); the file import then stores p1, v1, r1
        // and w1 behind the appends' back, as a second import number.
        assertEquals(1, http.appendUnlessStored("http",
                List.of(Event.of("c9", at, EventType.VISIT).withEventId("x1"))).report().accepted());
        assertEquals(4, http.importFiles(ImportRequest.of(Mappings.resolve("canonical"), asJsonLines(events())),
                ImportListener.NONE).accepted());
        // Appending them again finds every one stored: the keys caught up with the file's import.
        AppendOutcome again = http.appendUnlessStored("http", events());
        assertEquals(Set.of(0, 1, 2, 3), again.duplicates());
        assertEquals(0, again.report().accepted());
        // And an append that stored nothing leaves the next import number to the next import.
        assertEquals(List.of("n=2 "), rows(http, "SELECT count(*) AS n FROM imports"));
        assertEquals(1, http.appendUnlessStored("http",
                List.of(Event.of("c9", at.plusSeconds(1), EventType.VISIT).withEventId("x2"))).report().accepted());
        assertEquals(6, rows(http, "SELECT event_id FROM events").size());
    }

    @Test
    void stagedAppends_commitInTheirOrder_andAClosedOneStoresNothing() throws Exception {
        TenantStore http = engine.store("http");
        Instant at = Instant.parse("2025-05-01T10:00:00Z");
        Event first = Event.of("c1", at, EventType.VISIT).withEventId("s1");
        try (StagedAppend a = http.stageAppend("http", List.of(first));
             StagedAppend b = http.stageAppend("http", List.of(first,
                     Event.of("c2", at, EventType.VISIT).withEventId("s2")))) {
            // Both staged (on the store's two append connections) before either commits.
            assertEquals(1, a.commit().report().accepted());
            AppendOutcome second = b.commit();
            assertEquals(Set.of(0), second.duplicates(), "s1 was committed by the append staged first");
            assertEquals(1, second.report().accepted());
        }
        try (StagedAppend dropped = http.stageAppend("http", List.of(Event.of("c3", at, EventType.VISIT)
                .withEventId("s3")))) {
            assertEquals(2, rows(http, "SELECT event_id FROM events").size());
        }
        // The closed append's connection was freed and its rows dropped: the next append stores only its own.
        assertEquals(1, http.appendUnlessStored("http",
                List.of(Event.of("c4", at, EventType.VISIT).withEventId("s4"))).report().accepted());
        assertEquals(List.of("event_id=s1 ", "event_id=s2 ", "event_id=s4 "),
                rows(http, "SELECT event_id FROM events ORDER BY event_id"));
    }

    @Test
    void anIdStoredWithOtherContent_isAConflict_andTheStoredEventIsKept() throws Exception {
        TenantStore http = engine.store("http");
        Instant at = Instant.parse("2025-05-01T10:00:00Z");
        Event paid = new Event("p1", "c1", null, at, EventType.PURCHASE, null, null, null, "o1", 1L,
                new BigDecimal("10"), "CNY", null, null, null, Map.of("coupon", "A"));
        http.appendUnlessStored("http", List.of(paid));
        List<Event> resent = List.of(
                // The same, its amount written with more places: one amount, a duplicate.
                new Event("p1", "c1", null, at, EventType.PURCHASE, null, null, null, "o1", 1L,
                        new BigDecimal("10.00"), "CNY", null, null, null, Map.of("coupon", "A")),
                new Event("p1", "c1", null, at, EventType.PURCHASE, null, null, null, "o1", 1L,
                        new BigDecimal("12"), "CNY", null, null, null, Map.of("coupon", "A")), // another amount
                new Event("p1", "c1", null, at, EventType.PURCHASE, null, null, null, "o1", 1L,
                        new BigDecimal("10"), "CNY", null, null, null, Map.of("coupon", "B"))); // another property
        for (int i = 0; i < resent.size(); i++) {
            AppendOutcome outcome = http.appendUnlessStored("http", List.of(resent.get(i)));
            assertEquals(i == 0 ? Set.of(0) : Set.of(), outcome.duplicates(), "event " + i);
            assertEquals(i == 0 ? Set.of() : Set.of(0), outcome.conflicts(), "event " + i);
            assertEquals(0, outcome.report().accepted());
        }
        assertEquals(List.of("amount=10.0000 properties={\"coupon\":\"A\"} "),
                rows(http, "SELECT amount, properties FROM events"));
        // An append of duplicates only stores nothing and records nothing; each conflict is recorded.
        assertEquals(List.of("duplicates=0 conflicts=1 ", "duplicates=0 conflicts=1 "),
                rows(http, "SELECT duplicates, conflicts FROM imports WHERE import_id > 1 ORDER BY import_id"));
    }
}
