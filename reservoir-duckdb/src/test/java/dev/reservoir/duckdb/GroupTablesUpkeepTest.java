package dev.reservoir.duckdb;

import dev.reservoir.duckdb.ChurnMetricsTest.MutableClock;
import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.Event;
import dev.reservoir.event.EventType;
import dev.reservoir.ingest.ImportListener;
import dev.reservoir.ingest.ImportRequest;
import dev.reservoir.ingest.Mappings;
import dev.reservoir.metric.GroupChurn;
import dev.reservoir.time.AsOf;
import dev.reservoir.time.PeriodUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The groups metric's kept tables (GroupTables) against what they stand in for: after every import
 * of a shuffled, resent and late-arriving history, group_events and online_days equal their build
 * from scratch (the same queries over every stored event), also after a store without them is
 * opened; and every group churn report read from them equals the report computed from raw events
 * (group_churn.sql over sql/group's queries, the computation GroupFixtureTest checks by hand).
 * The club is random but seeded: 30 customers joining and leaving three groups over the first half
 * of 2024 (Asia/Shanghai), and visiting with gaps of 0 (same instant), under, exactly and over
 * 30 minutes, a third late in the evening (days split at midnight), merchant messages between.
 */
class GroupTablesUpkeepTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate FIRST = LocalDate.of(2024, 1, 1);

    @TempDir
    Path dir;
    MutableClock clock;
    DuckDbEngine engine;
    TenantStore store;
    int ids;

    @BeforeEach
    void open() {
        clock = new MutableClock(Instant.parse("2024-07-01T00:00:00Z"));
        engine = DuckDbEngine.open(EngineConfig.of(dir.resolve("data")).withClock(clock));
        engine.createTenant("club", SHANGHAI, Currency.getInstance("CNY"));
        store = engine.store("club");
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private Instant randomStart(Random random) {
        LocalDate day = FIRST.plusDays(random.nextInt(180));
        int hour = random.nextInt(3) == 0 ? 23 : 8 + random.nextInt(15);
        return day.atTime(hour, random.nextInt(60)).atZone(SHANGHAI).toInstant();
    }

    private Event event(String customer, Instant at, EventType type) {
        return Event.of(customer, at, type).withEventId("e" + ids++);
    }

    private List<Event> club(Random random) {
        List<Event> events = new ArrayList<>();
        for (int c = 0; c < 30; c++) {
            String customer = "c" + c;
            for (int k = 0, changes = random.nextInt(6); k < changes; k++) {
                EventType type = random.nextBoolean() ? EventType.GROUP_JOIN : EventType.GROUP_LEAVE;
                Event e = event(customer, randomStart(random), type);
                // One in eight without a group: ignored by the metric, so not kept.
                events.add(random.nextInt(8) == 0 ? e : e.withProperties(Map.of("group_id", "g" + random.nextInt(3))));
            }
            for (int k = 0, visits = random.nextInt(12); k < visits; k++) {
                Instant t = randomStart(random);
                for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
                    EventType type = switch (random.nextInt(8)) {
                        case 0 -> EventType.MESSAGE_SENT;
                        case 1 -> EventType.ADD_TO_CART;
                        case 2 -> EventType.VISIT;
                        default -> EventType.PAGE_VIEW;
                    };
                    events.add(event(customer, t, type));
                    int gap = switch (random.nextInt(8)) {
                        case 0 -> 0;
                        case 1 -> 30;
                        case 2 -> 31 + random.nextInt(60);
                        default -> 1 + random.nextInt(29);
                    };
                    t = t.plusSeconds(gap * 60L);
                }
            }
        }
        return events;
    }

    @Test
    void keptTables_afterShuffledResentAndLateImports_equalABuildFromScratch_andGiveTheRawReports()
            throws SQLException, IOException {
        Random random = new Random(20240701);
        List<Event> all = club(random);
        Collections.shuffle(all, random);
        int n = all.size();
        List<List<Event>> batches = List.of(all.subList(0, n / 3), all.subList(n / 3, n / 2),
                all.subList(n / 2, 4 * n / 5), all.subList(4 * n / 5, n));
        // Appends only note their import as pending: batches 0, 1 and a resend are caught up
        // together, batch 2 (sent as HTTP ingestion sends) alone, batch 3 by the file import below.
        for (int b = 0; b < batches.size(); b++) {
            clock.set(Instant.parse("2024-07-0" + (2 + b) + "T00:00:00Z"));
            long daysBefore = count("SELECT count(*) FROM online_days");
            // Batch 2 by the HTTP ingestion's append (EventAppend), the others by the plain append.
            long accepted = b == 2 ? store.appendUnlessStored("http", batches.get(b)).report().accepted()
                    : store.append("api", batches.get(b)).accepted();
            assertEquals(batches.get(b).size(), accepted);
            assertEquals(daysBefore, count("SELECT count(*) FROM online_days"), "nothing kept at the append");
            if (b == 1) {
                assertEquals(0, store.append("api", batches.get(0)).accepted(), "resent");
                assertEquals(3, count("SELECT count(*) FROM group_pending"), "three appends pending");
                assertSameAsScratch("after batches 0 and 1 and a resent batch");
            } else if (b == 2) {
                assertSameAsScratch("after batch 2");
            }
        }
        assertEquals(1, count("SELECT count(*) FROM group_pending"), "batch 3 pending");
        // Late, by a file import: an event between two of a stored day's events (its gaps change),
        // one on a day the customer had no activity yet, and one at the same instant as another.
        Event inside = all.stream().filter(e -> e.type() == EventType.PAGE_VIEW).findFirst().orElseThrow();
        Instant freshDay = FIRST.plusDays(181).atTime(12, 0).atZone(SHANGHAI).toInstant();
        List<String> lines = List.of(
                "late-inside," + inside.customerId() + "," + inside.occurredAt().minusSeconds(600) + ",page_view",
                "late-fresh," + inside.customerId() + "," + freshDay + ",visit",
                "late-same," + inside.customerId() + "," + inside.occurredAt() + ",add_to_cart");
        Path late = dir.resolve("late.csv");
        Files.writeString(late, "event_id,customer_id,occurred_at,type\n" + String.join("\n", lines) + "\n");
        clock.set(Instant.parse("2024-07-09T00:00:00Z"));
        var report = store.importFiles(ImportRequest.of(Mappings.resolve("canonical"), late), ImportListener.NONE);
        assertEquals(3, report.accepted(), report.toString());
        assertEquals(0, count("SELECT count(*) FROM group_pending"), "the import caught up the pending append");
        assertSameAsScratch("after late events");
        assertTrue(count("SELECT count(*) FROM group_events") > 40, "joins and leaves kept");
        assertTrue(count("SELECT count(*) FROM online_days WHERE online_us > 0") > 20, "days with online time");

        Map<String, String> kept = reports();
        // The same reports from raw events: a store whose tables are not built reads raw events.
        try (Statement st = ((DuckDbTenantStore) store).connection().createStatement()) {
            st.execute("DELETE FROM group_state");
        }
        Map<String, String> raw = reports();
        assertEquals(raw, kept);

        // Opened again, the store builds them whole, equal to what the imports kept.
        engine.close();
        engine = DuckDbEngine.open(EngineConfig.of(dir.resolve("data")).withClock(clock));
        store = engine.store("club");
        assertEquals(1, count("SELECT count(*) FROM group_state"));
        assertSameAsScratch("built at open");
        assertEquals(raw, reports());
        // Built in parts (a large store's days are windowed a part of the customers at a time).
        try (Statement st = ((DuckDbTenantStore) store).connection().createStatement()) {
            GroupTables.rebuild(st, clock.instant(), count("SELECT count(*) FROM events") / 5);
        }
        assertSameAsScratch("built in parts");
    }

    /** Group churn as of dates inside and at the end of the history, monthly and weekly, as text. */
    private Map<String, String> reports() {
        Map<String, String> r = new LinkedHashMap<>();
        for (LocalDate d : List.of(LocalDate.of(2024, 3, 14), LocalDate.of(2024, 6, 30), LocalDate.of(2024, 7, 31))) {
            r.put("monthly " + d, store.groups().churn(GroupChurn.monthly(6, AsOf.of(d))).toString());
            r.put("weekly " + d, store.groups().churn(new GroupChurn(PeriodUnit.WEEK, 8,
                    GroupChurn.DEFAULT_SESSION_GAP, AsOf.of(d))).toString());
        }
        // Another gap reads raw events for the days' online time whatever the tables hold.
        r.put("gap 10m", store.groups().churn(new GroupChurn(PeriodUnit.MONTH, 6, Duration.ofMinutes(10),
                AsOf.of(LocalDate.of(2024, 6, 30)))).toString());
        return r;
    }

    /** Both tables equal their build from every stored event, row for row. */
    private void assertSameAsScratch(String when) throws SQLException {
        GroupTables.PENDING.catchUp(((DuckDbTenantStore) store).connection());
        assertEquals(0, count("SELECT count(*) FROM group_pending"), "caught up " + when);
        assertEquals(0, differences("group_events", GroupTables.groupEvents("TRUE")), "group events " + when);
        assertEquals(0, differences("online_days", GroupTables.onlineDays("TRUE",
                Long.toString(GroupTables.GAP.toNanos() / 1000))), "online days " + when);
        assertTrue(count("SELECT count(*) FROM online_days") > 0);
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
