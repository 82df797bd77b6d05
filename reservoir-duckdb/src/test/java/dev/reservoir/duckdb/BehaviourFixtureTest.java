package dev.reservoir.duckdb;

import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.Event;
import dev.reservoir.event.EventType;
import dev.reservoir.metric.PageStatsResult;
import dev.reservoir.metric.PathQuery;
import dev.reservoir.metric.PathResult;
import dev.reservoir.segment.Quadrant;
import dev.reservoir.segment.Quadrants;
import dev.reservoir.segment.QuadrantsResult;
import dev.reservoir.metric.ReferrerChannel;
import dev.reservoir.metric.SessionScope;
import dev.reservoir.metric.SessionSummary;
import dev.reservoir.metric.SessionSummaryResult;
import dev.reservoir.time.AsOf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Sessions, pages, paths and quadrants on one hand-built Shanghai tenant (UTC+8). Times below
 * are Shanghai local times; the period is 2024-05-10..11, as of 2024-05-11, 30-minute sessions.
 *
 * <pre>
 * a (customer)  05-10 23:50 /  (referrer www.google.com), 05-11 00:10 /list, 00:30 /item
 *               -> A1: one session across midnight, dated 05-10: 3 views, 40 min = 2400 s
 *               05-11 10:00 /                       -> A2: 1 view, 0 s
 *               05-12 09:00 /  (after D: ignored)
 * b (customer)  05-01 09:00 /                       -> B0: before the period (b is returning)
 *               05-11 03:00 message_sent (merchant's: no session)
 *               two tabs interleaved: 09:00 /, 09:05 /item, 09:06 /, 09:10 /cart,
 *               09:11 add_to_cart, 09:12 /item      -> B1: 5 views, 6 events, 720 s
 * vc (visitor)  05-10 14:00 / (referrer weibo.com), 14:10 /item
 *               05-11 20:00 register carrying vc and customer c, 20:01 /cart as c
 *               -> all are c's: C1 (05-10, 2 views, 600 s), C2 (05-11, 1 view, 60 s)
 * vd (visitor)  05-11 08:00 /item, 08:40 visit     -> D1 (1 view), D2 (no view): one page
 *               view in two sessions
 * ve (visitor)  05-11 12:00 / (referrer shop.example.com), 13:00 /  -> E1, E2: 1 view each
 * vf (visitor)  05-11 15:00 / (referrer blog.example.org), 15:30 /item (exactly 30 min: a new
 *               session)                            -> F1, F2: 1 view each
 * </pre>
 * Sessions in the period: A1 A2 B1 C1 C2 D1 D2 E1 E2 F1 F2 = 11.
 */
class BehaviourFixtureTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final AsOf D = AsOf.of(LocalDate.of(2024, 5, 11));
    static final SessionScope SCOPE = SessionScope.of(D).from(LocalDate.of(2024, 5, 10));

    @TempDir
    Path dir;
    DuckDbEngine engine;
    TenantStore store;
    int ids;

    @BeforeEach
    void open() {
        engine = DuckDbEngine.open(EngineConfig.of(dir.resolve("data"))
                .withClock(Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC)));
        engine.createTenant("shop", SHANGHAI, Currency.getInstance("CNY"));
        store = engine.store("shop");
        List<Event> events = new ArrayList<>();
        events.add(view("a", null, "05-10 23:50", "/", "https://www.google.com/search?q=tea"));
        events.add(view("a", null, "05-11 00:10", "/list", null));
        events.add(view("a", null, "05-11 00:30", "/item", null));
        events.add(view("a", null, "05-11 10:00", "/", null));
        events.add(view("a", null, "05-12 09:00", "/", null));
        events.add(view("b", null, "05-01 09:00", "/", null));
        events.add(event("b", null, "05-11 03:00", EventType.MESSAGE_SENT));
        events.add(view("b", null, "05-11 09:00", "/", null));
        events.add(view("b", null, "05-11 09:05", "/item", null));
        events.add(view("b", null, "05-11 09:06", "/", null));
        events.add(view("b", null, "05-11 09:10", "/cart", null));
        events.add(event("b", null, "05-11 09:11", EventType.ADD_TO_CART));
        events.add(view("b", null, "05-11 09:12", "/item", null));
        events.add(view(null, "vc", "05-10 14:00", "/", "https://weibo.com/u/42"));
        events.add(view(null, "vc", "05-10 14:10", "/item", null));
        events.add(event("c", "vc", "05-11 20:00", EventType.REGISTER));
        events.add(view("c", null, "05-11 20:01", "/cart", null));
        events.add(view(null, "vd", "05-11 08:00", "/item", null));
        events.add(event(null, "vd", "05-11 08:40", EventType.VISIT));
        events.add(view(null, "ve", "05-11 12:00", "/", "http://shop.example.com/promo"));
        events.add(view(null, "ve", "05-11 13:00", "/", null));
        events.add(view(null, "vf", "05-11 15:00", "/", "https://blog.example.org/post"));
        events.add(view(null, "vf", "05-11 15:30", "/item", null));
        store.append("fixture", events);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private Event event(String customer, String visitor, String local, EventType type) {
        Instant at = LocalDateTime.parse("2024-" + local.replace(' ', 'T')).atZone(SHANGHAI).toInstant();
        return new Event("e" + ids++, customer, visitor, at, type, null, null, null, null, null, null, null, null,
                null, null, Map.of());
    }

    private Event view(String customer, String visitor, String local, String page, String referrer) {
        Event e = event(customer, visitor, local, EventType.PAGE_VIEW).withPage(page, null);
        return referrer == null ? e : e.withProperties(Map.of("referrer", referrer));
    }

    @Test
    void sessions_splitAfterTimeout_acrossMidnight_joinIdentifiedVisitors() {
        SessionSummaryResult r = store.behaviour().sessions(new SessionSummary(SCOPE, List.of("shop.example.com")));
        assertEquals(11, r.sessions());
        // a, b, c (vc joined to c by the register event), vd, ve, vf.
        assertEquals(6, r.visitors());
        // 3 + 1 + 5 + 2 + 1 + 1 + 0 + 1 + 1 + 1 + 1.
        assertEquals(17, r.pageViews());
        assertEquals(17.0 / 11, r.pagesPerSession());
        // A1 2400 + B1 720 + C1 600 + C2 60; all others are single-instant sessions (0 s).
        assertEquals(3780, r.sessionSeconds());
        assertEquals(3780.0 / 11, r.averageSessionSeconds());
        // Views per person: a 4, b 5, c 3, vd 1, ve 2, vf 2: only vd viewed exactly one page.
        assertEquals(6, r.pageVisitors());
        assertEquals(1, r.oneVisitPageVisitors());
        assertEquals(1.0 / 6, r.bounceRate());
        // b had a session on 05-01: returning; B1 is b's second session. First sessions: A1 C1 D1 E1 F1.
        assertEquals(5, r.newVisitors());
        assertEquals(1, r.returningVisitors());
        assertEquals(5, r.firstSessions());
        assertEquals(6, r.returningSessions());
        // Person-days: a 10th and 11th, b 11th, c 10th and 11th, vd, ve, vf 11th = 8; customers 5.
        assertEquals(8, r.onlineDays());
        assertEquals(3780.0 / 8, r.dailyOnlineSeconds());
        assertEquals(5, r.customerOnlineDays());
        assertEquals(3780.0 / 5, r.customerDailyOnlineSeconds());
        // A1 google: search; C1 weibo: social; E1 the site itself: internal; F1 another site: website.
        assertEquals(Map.of(ReferrerChannel.DIRECT, 7L, ReferrerChannel.SEARCH, 1L, ReferrerChannel.SOCIAL, 1L,
                ReferrerChannel.INTERNAL, 1L, ReferrerChannel.WEBSITE, 1L), r.channels());
    }

    @Test
    void sessions_belongToTheDateTheyBegan_andReadOnlyEventsUpToD() {
        // From 05-11: A1 began on 05-10 and is left out though two of its views are on the 11th.
        SessionSummaryResult eleventh = store.behaviour().sessions(SessionSummary.of(SCOPE.from(D.date())));
        assertEquals(9, eleventh.sessions());
        assertEquals(1 + 5 + 1 + 1 + 0 + 1 + 1 + 1 + 1, eleventh.pageViews());
        // As of 05-10: A1 is only its 23:50 view (0 s); C1. b's 05-01 session is before from.
        SessionScope tenth = new SessionScope(AsOf.of(LocalDate.of(2024, 5, 10)), LocalDate.of(2024, 5, 10),
                SessionScope.DEFAULT_TIMEOUT);
        SessionSummaryResult r = store.behaviour().sessions(SessionSummary.of(tenth));
        assertEquals(2, r.sessions());
        assertEquals(3, r.pageViews());
        assertEquals(600, r.sessionSeconds());
        // No referrer hosts given: E1's own-site referrer would be a website; not in this period.
        assertEquals(Map.of(ReferrerChannel.SEARCH, 1L, ReferrerChannel.SOCIAL, 1L), r.channels());
    }

    @Test
    void sessions_thatBeganBeforeThePeriod_stayOutEvenWhenTheyRunIntoIt() {
        // vg: 05-09 23:50 / and 05-10 00:05 /item: one session dated 05-09, before the period.
        store.append("late", List.of(view(null, "vg", "05-09 23:50", "/", null),
                view(null, "vg", "05-10 00:05", "/item", null)));
        SessionSummaryResult r = store.behaviour().sessions(SessionSummary.of(SCOPE));
        assertEquals(11, r.sessions());
        assertEquals(17, r.pageViews());
        // From 05-09 it is in: one more session, visitor and new visitor, 15 minutes longer.
        SessionSummaryResult wider = store.behaviour().sessions(SessionSummary.of(SCOPE.from(LocalDate.of(2024, 5, 9))));
        assertEquals(12, wider.sessions());
        assertEquals(7, wider.visitors());
        assertEquals(6, wider.newVisitors());
        assertEquals(3780 + 900, wider.sessionSeconds());
    }

    @Test
    void knownAt_reproducesTheReportFromBeforeTheVisitorIdentified() {
        Instant first = Instant.parse("2024-06-01T00:00:00Z");
        Instant second = Instant.parse("2024-06-02T00:00:00Z");
        RetentionFixtureTest.MovableClock clock = new RetentionFixtureTest.MovableClock(first);
        try (DuckDbEngine late = DuckDbEngine.open(EngineConfig.of(dir.resolve("late")).withClock(clock))) {
            late.createTenant("shop", SHANGHAI, Currency.getInstance("CNY"));
            TenantStore s = late.store("shop");
            // Batch 1: anonymous vz views / at 10:00 and 10:20 (one session of 1,200 s).
            s.append("b1", List.of(view(null, "vz", "05-11 10:00", "/", null), view(null, "vz", "05-11 10:20", "/item", null)));
            clock.set(second);
            // Batch 2, a day later: vz registers as customer z at 10:25 (same session).
            s.append("b2", List.of(event("z", "vz", "05-11 10:25", EventType.REGISTER)));
            Quadrants customersOnly = Quadrants.of(D);
            // Known at batch 1: vz is an anonymous visitor: no customer to place in a quadrant.
            assertEquals(List.of(), s.behaviour().quadrants(new Quadrants(new AsOf(D.date(), Optional.of(first)),
                    SessionScope.DEFAULT_TIMEOUT, OptionalDouble.empty(), OptionalDouble.empty(), false)).members());
            SessionSummaryResult before = s.behaviour().sessions(SessionSummary.of(
                    new SessionScope(new AsOf(D.date(), Optional.of(first)), SCOPE.from(), SessionScope.DEFAULT_TIMEOUT)));
            assertEquals(1, before.sessions());
            assertEquals(1200, before.sessionSeconds());
            assertEquals(0, before.customerOnlineDays());
            // Now: the whole session (1,500 s with the register) is customer z's.
            QuadrantsResult now = s.behaviour().quadrants(customersOnly);
            assertEquals(List.of(new QuadrantsResult.Member("z", true, 1, 1500.0,
                    Optional.of(Quadrant.LIGHT_ACTIVE), Optional.empty())), now.members());
            SessionSummaryResult after = s.behaviour().sessions(SessionSummary.of(SCOPE));
            assertEquals(1, after.sessions());
            assertEquals(1, after.customerOnlineDays());
            assertEquals(1500, after.customerSessionSeconds());
        }
    }

    @Test
    void sessions_longerTimeout_mergesSessions() {
        // 60 minutes: vf's 30-minute gap and vd's 40-minute gap no longer split; ve's 60 still does.
        SessionSummaryResult r = store.behaviour().sessions(SessionSummary.of(SCOPE.timeout(Duration.ofMinutes(60))));
        assertEquals(9, r.sessions());
        // vd: 1 view in 1 session; the visitor-level bounce is still vd alone.
        assertEquals(1, r.oneVisitPageVisitors());
    }

    @Test
    void pages_exitAndLandingBounceRates() {
        PageStatsResult r = store.behaviour().pages(SCOPE);
        assertEquals(11, r.sessions());
        assertEquals(List.of(
                // '/': views A1 A2 B1×2 C1 E1 E2 F1 = 8 in 7 sessions; last view in A2 E1 E2 F1;
                // landing of all 7; single-view among them A2 E1 E2 F1.
                new PageStatsResult.Page("/", 8, 7, 4, 7, 4),
                // '/item': A1 B1×2 C1 D1 F2 = 6 views in 5 sessions, the last view of all 5;
                // landing of D1 and F2, both single-view.
                new PageStatsResult.Page("/item", 6, 5, 5, 2, 2),
                // '/cart': B1 (then add_to_cart and /item) and C2 (its only view).
                new PageStatsResult.Page("/cart", 2, 2, 1, 1, 1),
                new PageStatsResult.Page("/list", 1, 1, 0, 0, 0)), r.pages());
        assertEquals(4.0 / 7, r.pages().get(0).exitRate());
        assertEquals(4.0 / 7, r.pages().get(0).bounceRate());
        assertEquals(0.0, r.pages().get(3).exitRate());
        assertNull(r.pages().get(3).bounceRate());
    }

    @Test
    void paths_nextStepsFromHome_transitions_andMainPath() {
        PathResult r = store.behaviour().paths(new PathQuery(SCOPE, Optional.of("/"), PathQuery.Direction.NEXT, 2,
                List.of("/", "/item", "/")));
        assertEquals(11, r.sessions());
        // Sessions with '/': A1 A2 B1 C1 E1 E2 F1.
        assertEquals(7, r.anchoredSessions());
        assertEquals(List.of(
                new PathResult.Sequence(List.of("/", "(exit)"), 4),          // A2 E1 E2 F1
                new PathResult.Sequence(List.of("/", "/item", "(exit)"), 1), // C1
                new PathResult.Sequence(List.of("/", "/item", "/"), 1),      // B1 (two tabs)
                new PathResult.Sequence(List.of("/", "/list", "/item"), 1)), // A1
                r.sequences());
        assertEquals(List.of(
                new PathResult.Transition(0, "/", "(exit)", 4),
                new PathResult.Transition(0, "/", "/item", 2),
                new PathResult.Transition(0, "/", "/list", 1),
                new PathResult.Transition(1, "/item", "(exit)", 1),
                new PathResult.Transition(1, "/item", "/", 1),
                new PathResult.Transition(1, "/list", "/item", 1)), r.transitions());
        PathResult.MainPath main = r.mainPath().orElseThrow();
        assertEquals(List.of(7L, 2L, 1L), main.reached());
        assertEquals(1.0 / 7, main.share());
        assertEquals(5, main.leftAt(1));
        assertEquals(1, main.leftAt(2));
    }

    @Test
    void paths_previousStepsBeforeAnEvent() {
        String cart = PathQuery.eventStep(EventType.ADD_TO_CART);
        PathResult two = store.behaviour().paths(new PathQuery(SCOPE, Optional.of(cart), PathQuery.Direction.PREVIOUS,
                2, List.of()));
        assertEquals(List.of(new PathResult.Sequence(List.of("/", "/cart", "@add_to_cart"), 1)), two.sequences());
        // B1 has only 4 steps before add_to_cart: the session's start is marked.
        PathResult five = store.behaviour().paths(new PathQuery(SCOPE, Optional.of(cart), PathQuery.Direction.PREVIOUS,
                5, List.of()));
        assertEquals(List.of(new PathResult.Sequence(List.of("(entry)", "/", "/item", "/", "/cart", "@add_to_cart"), 1)),
                five.sequences());
        // Without an anchor: the first two steps of every session (D2 starts with its visit).
        PathResult starts = store.behaviour().paths(new PathQuery(SCOPE, Optional.empty(), PathQuery.Direction.NEXT, 1,
                List.of()));
        assertEquals(11, starts.anchoredSessions());
        assertEquals(new PathResult.Sequence(List.of("/", "(exit)"), 4), starts.sequences().get(0));
    }

    @Test
    void quadrants_medianSplit_thresholds_andMovement() {
        // Week 05-05..11 (customers): a 2 sessions (2400 s: 1200 avg), b 1 (720), c 2 (660 s: 330).
        // Median count 2, median dwell 720; high = strictly above: nobody has a high count.
        QuadrantsResult r = store.behaviour().quadrants(Quadrants.of(D));
        assertEquals(new QuadrantsResult.Split(2.0, 720.0), r.thresholds());
        // Week 04-28..05-04 (as of 05-04): b's single 0-second session: medians 1 and 0.
        assertEquals(new QuadrantsResult.Split(1.0, 0.0), r.previousThresholds());
        assertEquals(List.of(
                new QuadrantsResult.Member("a", true, 2, 1200.0, Optional.of(Quadrant.LIGHT_DEPENDENT), Optional.empty()),
                new QuadrantsResult.Member("b", true, 1, 720.0, Optional.of(Quadrant.LIGHT_ACTIVE),
                        Optional.of(Quadrant.LIGHT_ACTIVE)),
                new QuadrantsResult.Member("c", true, 2, 330.0, Optional.of(Quadrant.LIGHT_ACTIVE), Optional.empty())),
                r.members());
        // Thresholds 1 session and 500 s: a both high, b dwell only, c count only.
        QuadrantsResult given = store.behaviour().quadrants(new Quadrants(D, SessionScope.DEFAULT_TIMEOUT,
                OptionalDouble.of(1), OptionalDouble.of(500), false));
        assertEquals(List.of(Optional.of(Quadrant.HEAVY_DEPENDENT), Optional.of(Quadrant.LIGHT_DEPENDENT),
                Optional.of(Quadrant.HEAVY_ACTIVE)), given.members().stream().map(QuadrantsResult.Member::current).toList());
        assertEquals(Map.of(Optional.of(Quadrant.LIGHT_DEPENDENT), 1L),
                given.movement().get(Optional.of(Quadrant.LIGHT_ACTIVE)));
        assertEquals(Map.of(Optional.of(Quadrant.HEAVY_DEPENDENT), 1L, Optional.of(Quadrant.HEAVY_ACTIVE), 1L),
                given.movement().get(Optional.<Quadrant>empty()));
        // With visitors: vd, ve, vf have 2 sessions of 0 s each. Counts 1,2,2,2,2,2: median 2;
        // dwell 0,0,0,330,720,1200: median 165. a, b, c dwell high; visitors low.
        QuadrantsResult all = store.behaviour().quadrants(new Quadrants(D, SessionScope.DEFAULT_TIMEOUT,
                OptionalDouble.empty(), OptionalDouble.empty(), true));
        assertEquals(new QuadrantsResult.Split(2.0, 165.0), all.thresholds());
        assertEquals(Map.of(Quadrant.HEAVY_DEPENDENT, 0L, Quadrant.HEAVY_ACTIVE, 0L, Quadrant.LIGHT_DEPENDENT, 3L,
                Quadrant.LIGHT_ACTIVE, 3L), all.counts());
    }
}
