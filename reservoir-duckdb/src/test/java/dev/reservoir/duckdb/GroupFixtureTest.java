package dev.reservoir.duckdb;

import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.Event;
import dev.reservoir.event.EventType;
import dev.reservoir.metric.GroupChurn;
import dev.reservoir.metric.GroupChurnResult;
import dev.reservoir.time.AsOf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Groups (社群) on a hand-built tenant (Asia/Shanghai; local times), monthly, as of 2025-03-15
 * (March incomplete):
 * <pre>
 *   A  joins G1 2024-12-20, leaves 2025-02-10, rejoins 02-20
 *   B  joins G1 2025-01-15, leaves 03-05
 *   C  joins G2 2024-12-01, leaves 2025-01-31 23:30; joins G1 02-01 (on February's first day:
 *      not a member at its start)
 *   E  joins G2 2025-01-01 00:10
 *   F  joins G2 at 2024-12-31T16:30Z = 2025-01-01 00:30 in Shanghai: not a member at January's start
 *   Z  never joins
 * </pre>
 * Members at the start / left: January A (G1), C (G2) / C. February A, B (G1), E, F (G2) / A, who
 * rejoined. March A, B, C (G1), E, F (G2) / B.
 */
class GroupFixtureTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate D = LocalDate.of(2025, 3, 15);

    @TempDir
    Path dir;
    DuckDbEngine engine;
    int ids;

    static final Instant FIRST_BATCH = Instant.parse("2025-04-01T00:00:00Z");
    final Instant[] now = {FIRST_BATCH};

    @BeforeEach
    void open() {
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        engine = DuckDbEngine.open(EngineConfig.of(dir.resolve("data")).withClock(clock));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private Event ev(String customer, String local, EventType type) {
        return Event.of(customer, LocalDateTime.parse(local).atZone(SHANGHAI).toInstant(), type).withEventId("g" + ids++);
    }

    private Event group(String customer, String local, EventType type, String groupId) {
        return ev(customer, local, type).withProperties(Map.of("group_id", groupId));
    }

    private TenantStore tenant() {
        engine.createTenant("club", SHANGHAI, Currency.getInstance("CNY"));
        TenantStore store = engine.store("club");
        List<Event> events = new ArrayList<>(List.of(
                group("A", "2024-12-20T10:00", EventType.GROUP_JOIN, "G1"),
                group("A", "2025-02-10T10:00", EventType.GROUP_LEAVE, "G1"),
                group("A", "2025-02-20T10:00", EventType.GROUP_JOIN, "G1"),
                group("B", "2025-01-15T10:00", EventType.GROUP_JOIN, "G1"),
                group("B", "2025-03-05T10:00", EventType.GROUP_LEAVE, "G1"),
                group("C", "2024-12-01T10:00", EventType.GROUP_JOIN, "G2"),
                group("C", "2025-01-31T23:30", EventType.GROUP_LEAVE, "G2"),
                group("C", "2025-02-01T08:00", EventType.GROUP_JOIN, "G1"),
                group("E", "2025-01-01T00:10", EventType.GROUP_JOIN, "G2"),
                Event.of("F", Instant.parse("2024-12-31T16:30:00Z"), EventType.GROUP_JOIN).withEventId("f-join")
                        .withProperties(Map.of("group_id", "G2")),
                // February activity. A: 10:00, 10:10, 10:25 (gaps 10 + 15 min), 11:30 (65 min: a new
                // session, not counted) -> 25 min = 1,500 s; the message to A is the shop's, not A's.
                ev("A", "2025-02-03T10:00", EventType.VISIT), ev("A", "2025-02-03T10:10", EventType.PAGE_VIEW),
                ev("A", "2025-02-03T10:25", EventType.PAGE_VIEW), ev("A", "2025-02-03T11:30", EventType.PAGE_VIEW),
                ev("A", "2025-02-03T10:20", EventType.MESSAGE_SENT),
                // B: 02-04 20:00 -> 20:20 = 1,200 s; 02-05 one event = 0 s (an activity day all the same).
                ev("B", "2025-02-04T20:00", EventType.VISIT), ev("B", "2025-02-04T20:20", EventType.PURCHASE),
                ev("B", "2025-02-05T09:00", EventType.VISIT),
                // C: a gap of exactly 30 minutes counts: 1,800 s.
                ev("C", "2025-02-02T10:00", EventType.PAGE_VIEW), ev("C", "2025-02-02T10:30", EventType.PAGE_VIEW),
                // F: 23:50 and 00:05 are on two days: 0 s each; 03-01 is March's activity.
                ev("F", "2025-02-28T23:50", EventType.VISIT), ev("F", "2025-03-01T00:05", EventType.PAGE_VIEW),
                // Z is in no group: never counted.
                ev("Z", "2025-02-03T10:00", EventType.VISIT), ev("Z", "2025-02-03T10:05", EventType.VISIT)));
        store.append("club", events);
        return store;
    }

    private static GroupChurnResult.Row row(GroupChurnResult r, int month, String group) {
        return r.rows().stream().filter(x -> x.period().start().getMonthValue() == month
                && java.util.Objects.equals(x.groupId(), group)).findFirst().orElseThrow();
    }

    @Test
    void churn_membersAtStartWhoLeft_rejoinersReportedBeside() {
        GroupChurnResult r = tenant().groups().churn(GroupChurn.monthly(3, AsOf.of(D)));
        // January: A (G1) and C (G2) at the start; C left on 01-31 -> 1 of 2. E and F joined on Jan 1 (local).
        assertEquals(2, row(r, 1, null).membersAtStart());
        assertEquals(1, row(r, 1, null).left());
        assertEquals(0.5, row(r, 1, null).churnRate());
        assertEquals(0.0, row(r, 1, "G1").churnRate());
        assertEquals(1.0, row(r, 1, "G2").churnRate());
        // February: A, B (G1), E, F (G2) = 4; A left and rejoined -> 1 of 4, rejoined 1.
        assertEquals(4, row(r, 2, null).membersAtStart());
        assertEquals(1, row(r, 2, null).left());
        assertEquals(1, row(r, 2, null).rejoined());
        assertEquals(0.5, row(r, 2, "G1").churnRate());
        assertEquals(0, row(r, 2, "G2").left());
        // March (incomplete, up to 03-15): A, B, C (G1), E, F (G2) = 5; B left -> 1 of 5.
        assertFalse(row(r, 3, null).period().complete());
        assertTrue(row(r, 2, null).period().complete());
        assertEquals(5, row(r, 3, null).membersAtStart());
        assertEquals(1, row(r, 3, null).left());
        assertEquals(3, row(r, 3, "G1").membersAtStart());
    }

    @Test
    void activeMembersAndDailyOnlineTime() {
        GroupChurnResult r = tenant().groups().churn(GroupChurn.monthly(3, AsOf.of(D)));
        // February members: G1 A, B, C (C joined 02-01); G2 E, F. Active: G1 A, B, C; G2 F; all 4.
        assertEquals(3, row(r, 2, "G1").activeMembers());
        assertEquals(1, row(r, 2, "G2").activeMembers());
        assertEquals(4, row(r, 2, null).activeMembers());
        // G1 days: A 1 (1,500 s), B 2 (1,200 + 0), C 1 (1,800) -> 4 days, 4,500 s, 1,125 s a day.
        assertEquals(4, row(r, 2, "G1").activeDays());
        assertEquals(1125.0, row(r, 2, "G1").averageDailyOnlineSeconds(), 1e-9);
        // G2: F's one day (0 s). All: 5 days, 4,500 s -> 900 s a day.
        assertEquals(0.0, row(r, 2, "G2").averageDailyOnlineSeconds(), 1e-9);
        assertEquals(900.0, row(r, 2, null).averageDailyOnlineSeconds(), 1e-9);
        // January: no activity at all -> undefined, never 0.
        assertEquals(0, row(r, 1, null).activeMembers());
        assertNull(row(r, 1, null).averageDailyOnlineSeconds());
        // March: F's page on 03-01.
        assertEquals(1, row(r, 3, null).activeMembers());
    }

    @Test
    void knownAt_leavesOutEventsImportedLater() {
        TenantStore store = tenant();
        // Sent a day later: E's leave on 02-15 and an E visit on 02-16 (10:00 and 10:10: 600 s).
        now[0] = FIRST_BATCH.plus(java.time.Duration.ofDays(1));
        store.append("late", List.of(group("E", "2025-02-15T10:00", EventType.GROUP_LEAVE, "G2"),
                ev("E", "2025-02-16T10:00", EventType.VISIT), ev("E", "2025-02-16T10:10", EventType.VISIT)));
        GroupChurnResult late = store.groups().churn(GroupChurn.monthly(3, AsOf.of(D)));
        // February with them: G2 E left (1 of 2); E active on 02-16 -> G2 2 active, 600 s over 2 days.
        assertEquals(1, row(late, 2, "G2").left());
        assertEquals(2, row(late, 2, "G2").activeMembers());
        assertEquals(300.0, row(late, 2, "G2").averageDailyOnlineSeconds(), 1e-9);
        // As known at the first batch: the figures of the test above.
        GroupChurnResult then = store.groups().churn(GroupChurn.monthly(3, AsOf.of(D).knownAt(FIRST_BATCH)));
        assertEquals(0, row(then, 2, "G2").left());
        assertEquals(1, row(then, 2, "G2").activeMembers());
        assertEquals(1, row(then, 2, null).left());
    }
}
