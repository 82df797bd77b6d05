package dev.reservoir.duckdb;

import dev.reservoir.duckdb.ChurnMetricsTest.MutableClock;
import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.Event;
import dev.reservoir.event.EventType;
import dev.reservoir.metric.PathQuery;
import dev.reservoir.metric.SessionScope;
import dev.reservoir.metric.SessionSummary;
import dev.reservoir.segment.Quadrants;
import dev.reservoir.time.AsOf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stored sessions (BehaviourSessions) against the two things they stand in for:
 * <ul>
 * <li>after every import of a shuffled, resent and late-arriving history, the tables the imports
 *     kept equal the ones built from scratch from the stored events (the rollup's test, for
 *     visitor_identities and behaviour_sessions), also after a store without them is opened;</li>
 * <li>every behaviour report read from them equals the same report computed from raw events
 *     (metric/sessions.sql, the computation the fixture tests check by hand), as of dates that cut
 *     sessions running past midnight and that come before visitors were identified, for which the
 *     stored sessions are not the sessions as of D and the people concerned are recomputed.</li>
 * </ul>
 * The shop is random but seeded: 40 customers and 120 visitors browsing in March and April 2024
 * (Asia/Shanghai), sessions of 1 to 6 events with gaps of 0 (same instant), under, exactly and
 * over 30 minutes, many starting late in the evening; most visitors register (an event with both
 * ids), some with a second customer later, and merchant messages in between.
 */
class BehaviourSessionsUpkeepTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate FIRST = LocalDate.of(2024, 3, 1);
    static final String[] PAGES = {"/", "/list", "/item", "/cart", "/checkout", null};

    @TempDir
    Path dir;
    MutableClock clock;
    DuckDbEngine engine;
    TenantStore store;

    @BeforeEach
    void open() {
        clock = new MutableClock(Instant.parse("2024-05-01T00:00:00Z"));
        engine = DuckDbEngine.open(EngineConfig.of(dir.resolve("data")).withClock(clock));
        engine.createTenant("shop", SHANGHAI, Currency.getInstance("CNY"));
        store = engine.store("shop");
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(SHANGHAI).toInstant();
    }

    /** One visit of 1 to 6 events by (customer, visitor) from {@code start}, with varied gaps. */
    private static void visit(List<Event> out, Random random, String customer, String visitor, Instant start, String prefix) {
        int n = 1 + random.nextInt(6);
        Instant t = start;
        for (int i = 0; i < n; i++) {
            EventType type = switch (random.nextInt(10)) {
                case 0 -> EventType.ADD_TO_CART;
                case 1 -> EventType.VISIT;
                case 2 -> EventType.MESSAGE_SENT;
                default -> EventType.PAGE_VIEW;
            };
            Event e = new Event(prefix + "-" + i, customer, visitor, t, type, null, null, null, null, null, null, null,
                    null, null, null, Map.of());
            if (type == EventType.PAGE_VIEW) {
                e = e.withPage(PAGES[random.nextInt(PAGES.length)], null);
            }
            if (i == 0 && random.nextInt(3) == 0) {
                e = e.withProperties(Map.of("referrer", random.nextBoolean() ? "https://www.google.com/?q=tea"
                        : "https://weibo.com/u/" + random.nextInt(9)));
            }
            out.add(e);
            int gap = switch (random.nextInt(8)) {
                case 0 -> 0;                      // the same instant
                case 1 -> 30;                     // exactly the timeout: a new session
                case 2 -> 31 + random.nextInt(60);
                default -> 1 + random.nextInt(29);
            };
            t = t.plusSeconds(gap * 60L);
        }
    }

    private static Event both(String id, String customer, String visitor, Instant at, EventType type, String page) {
        return new Event(id, customer, visitor, at, type, page, null, null, null, null, null, null, null, null, null,
                Map.of());
    }

    private static Instant randomStart(Random random) {
        LocalDate day = FIRST.plusDays(random.nextInt(61));
        // A third start between 23:00 and 23:59: sessions across midnight.
        int hour = random.nextInt(3) == 0 ? 23 : 8 + random.nextInt(15);
        return at(day, hour, random.nextInt(60));
    }

    private static List<Event> shop(Random random) {
        List<Event> events = new ArrayList<>();
        int ids = 0;
        for (int v = 0; v < 120; v++) {
            String visitor = "v" + v;
            for (int k = 0, visits = 1 + random.nextInt(4); k < visits; k++) {
                visit(events, random, null, visitor, randomStart(random), "a" + ids++);
            }
            if (random.nextInt(10) < 7) {
                String customer = "c" + random.nextInt(40);
                events.add(both("r" + ids++, customer, visitor, randomStart(random), EventType.REGISTER, null));
                if (random.nextInt(8) == 0) {
                    events.add(both("s" + ids++, "c" + random.nextInt(40), visitor, randomStart(random),
                            EventType.PAGE_VIEW, "/"));
                }
            }
        }
        for (int c = 0; c < 40; c++) {
            for (int k = 0, visits = random.nextInt(5); k < visits; k++) {
                visit(events, random, "c" + c, random.nextInt(4) == 0 ? "v" + random.nextInt(120) : null,
                        randomStart(random), "b" + ids++);
            }
        }
        return events;
    }

    @Test
    void storedSessions_afterShuffledResentAndLateImports_equalABuildFromScratch_andGiveTheRawReports()
            throws SQLException {
        Random random = new Random(20240501);
        List<Event> all = shop(random);
        Collections.shuffle(all, random);
        int n = all.size();
        List<List<Event>> batches = List.of(all.subList(0, n / 3), all.subList(n / 3, n / 2),
                all.subList(n / 2, 4 * n / 5), all.subList(4 * n / 5, n));
        // Appends (as HTTP ingestion makes) only note their import as pending: batches 0 and 1 and
        // a resend are caught up together, batch 2 alone, and batch 3 by the file import below.
        for (int b = 0; b < batches.size(); b++) {
            clock.set(Instant.parse("2024-05-0" + (2 + b) + "T00:00:00Z"));
            long sessionsBefore = count("SELECT count(*) FROM behaviour_sessions");
            assertEquals(batches.get(b).size(), store.append("api", batches.get(b)).accepted());
            assertEquals(sessionsBefore, count("SELECT count(*) FROM behaviour_sessions"), "nothing sessionized at the append");
            if (b == 1) {
                assertEquals(0, store.append("api", batches.get(0)).accepted(), "resent");
                assertEquals(3, count("SELECT count(*) FROM behaviour_pending"), "three appends pending");
                assertSameAsScratch("after batches 0 and 1 and a resent batch");
            } else if (b == 2) {
                assertSameAsScratch("after batch 2");
            }
        }
        assertEquals(1, count("SELECT count(*) FROM behaviour_pending"), "batch 3 pending");
        // Late: a visitor's earlier event with another customer (their anonymous events move to
        // that customer), an event filling the gap between two sessions (they merge), and one
        // splitting nothing but moving a session's start back.
        String moved = identified(0);
        Event firstClaim = all.stream().filter(e -> moved.equals(e.visitorId()) && e.customerId() != null)
                .min(java.util.Comparator.comparing(Event::occurredAt)).orElseThrow();
        List<Event> late = new ArrayList<>();
        late.add(both("late-claim", "c-late", moved, firstClaim.occurredAt().minusSeconds(86_400), EventType.REGISTER,
                null));
        Event some = all.stream().filter(e -> e.customerId() == null && e.type() == EventType.PAGE_VIEW)
                .findFirst().orElseThrow();
        late.add(new Event("late-bridge", null, some.visitorId(), some.occurredAt().minusSeconds(25 * 60),
                EventType.PAGE_VIEW, "/", null, null, null, null, null, null, null, null, null, Map.of()));
        late.add(new Event("late-before", null, some.visitorId(), some.occurredAt().minusSeconds(50 * 60),
                EventType.PAGE_VIEW, "/list", null, null, null, null, null, null, null, null, null, Map.of()));
        clock.set(Instant.parse("2024-05-09T00:00:00Z"));
        // A file import brings the tables up to date in its own transaction, pending appends included.
        Path lateFile = dir.resolve("late.csv");
        StringBuilder csv = new StringBuilder("event_id,customer_id,visitor_id,occurred_at,type,page\n");
        for (Event e : late) {
            csv.append(e.eventId()).append(',').append(e.customerId() == null ? "" : e.customerId()).append(',')
                    .append(e.visitorId()).append(',').append(e.occurredAt()).append(',').append(e.type().wireName())
                    .append(',').append(e.page() == null ? "" : e.page()).append('\n');
        }
        try {
            java.nio.file.Files.writeString(lateFile, csv);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals(3, store.importFiles(dev.reservoir.ingest.ImportRequest.of(
                dev.reservoir.ingest.Mappings.resolve("canonical"), lateFile), dev.reservoir.ingest.ImportListener.NONE)
                .accepted());
        assertEquals(0, count("SELECT count(*) FROM behaviour_pending"), "the import caught up the pending append");
        assertSameAsScratch("after late events");
        assertEquals("c-late", identityOf(moved));

        // Dates that cut stored sessions, and that come before identifications.
        List<LocalDate> dates = new ArrayList<>(List.of(LocalDate.of(2024, 3, 20), LocalDate.of(2024, 4, 10),
                LocalDate.of(2024, 4, 29), LocalDate.of(2024, 4, 30)));
        assertTrue(count("SELECT count(*) FROM behaviour_sessions WHERE start_date < end_date") > 10,
                "sessions across midnight");
        for (LocalDate d : dates.subList(0, 3)) {
            assertTrue(count("SELECT count(*) FROM visitor_identities WHERE identified_date > DATE '" + d + "'") > 0,
                    "visitors identified after " + d);
        }
        Map<String, Object> stored = new LinkedHashMap<>();
        for (LocalDate d : dates) {
            stored.putAll(reports(d));
        }
        assertTrue(stored.get("sessions " + dates.get(3)).toString().contains("sessions="), "a summary");

        // The same reports from raw events: a store whose sessions are not built reads raw events.
        try (Statement st = ((DuckDbTenantStore) store).connection().createStatement()) {
            st.execute("DELETE FROM behaviour_state");
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        for (LocalDate d : dates) {
            raw.putAll(reports(d));
        }
        assertEquals(raw.keySet(), stored.keySet());
        for (String key : raw.keySet()) {
            assertEquals(raw.get(key), stored.get(key), key);
        }

        // Opened again, the store builds them whole, equal to what the imports kept.
        engine.close();
        engine = DuckDbEngine.open(EngineConfig.of(dir.resolve("data")).withClock(clock));
        store = engine.store("shop");
        assertEquals(1, count("SELECT count(*) FROM behaviour_state"));
        assertSameAsScratch("built at open");
        for (LocalDate d : dates) {
            Map<String, Object> again = reports(d);
            for (String key : again.keySet()) {
                assertEquals(raw.get(key), again.get(key), key);
            }
        }
    }

    /** The i-th identified visitor (by id) that has anonymous events. */
    private String identified(int i) throws SQLException {
        try (Statement st = ((DuckDbTenantStore) store).connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT visitor_id FROM visitor_identities WHERE visitor_id IN"
                     + " (SELECT visitor_id FROM events WHERE customer_id IS NULL) ORDER BY visitor_id LIMIT 1 OFFSET " + i)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private String identityOf(String visitor) throws SQLException {
        try (Statement st = ((DuckDbTenantStore) store).connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT customer_id FROM visitor_identities WHERE visitor_id = '"
                     + visitor + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Every behaviour report read from sessions, as of {@code d}, as text (definitions included). */
    private Map<String, Object> reports(LocalDate d) {
        AsOf asOf = AsOf.of(d);
        SessionScope month = SessionScope.of(asOf);
        SessionScope week = SessionScope.of(asOf).from(d.minusDays(6));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("sessions " + d, store.behaviour().sessions(SessionSummary.of(month)).toString());
        r.put("sessions, week " + d, store.behaviour().sessions(SessionSummary.of(week)).toString());
        r.put("pages " + d, store.behaviour().pages(month).toString());
        r.put("paths from / " + d, store.behaviour().paths(PathQuery.next(month, "/", 3)).toString());
        r.put("paths from start " + d, store.behaviour().paths(
                new PathQuery(week, Optional.empty(), PathQuery.Direction.NEXT, 4, List.of())).toString());
        r.put("paths before cart " + d, store.behaviour().paths(
                new PathQuery(month, Optional.of("@add_to_cart"), PathQuery.Direction.PREVIOUS, 2, List.of())).toString());
        r.put("quadrants " + d, store.behaviour().quadrants(Quadrants.of(asOf)).toString());
        r.put("quadrants, visitors " + d, store.behaviour().quadrants(new Quadrants(asOf, SessionScope.DEFAULT_TIMEOUT,
                java.util.OptionalDouble.empty(), java.util.OptionalDouble.empty(), true)).toString());
        return r;
    }

    /** Both tables equal their build from every stored event, row for row. */
    private void assertSameAsScratch(String when) throws SQLException {
        BehaviourSessions.PENDING.catchUp(((DuckDbTenantStore) store).connection());
        assertEquals(0, count("SELECT count(*) FROM behaviour_pending"), "caught up " + when);
        assertEquals(0, differences("visitor_identities", BehaviourSessions.identities()), "identities " + when);
        // With the identities equal, the sessions from scratch may read them.
        String scratch = BehaviourSessions.sessions(Sql.statements("behaviour/person_events", Map.of()).get(0)
                .replace("{filter}", "TRUE"));
        assertEquals(0, differences("behaviour_sessions", scratch), "sessions " + when);
        assertTrue(count("SELECT count(*) FROM behaviour_sessions") > 0);
    }

    private long differences(String table, String query) throws SQLException {
        String q = "SELECT * FROM (" + query + ")";
        return count("SELECT count(*) FROM ((SELECT * FROM " + table + " EXCEPT ALL " + q + ")"
                + " UNION ALL (" + q + " EXCEPT ALL SELECT * FROM " + table + "))");
    }

    private long count(String sql) throws SQLException {
        try (Statement st = ((DuckDbTenantStore) store).connection().createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
