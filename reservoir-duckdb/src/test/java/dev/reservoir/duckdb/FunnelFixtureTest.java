package dev.reservoir.duckdb;

import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.Customer;
import dev.reservoir.event.Event;
import dev.reservoir.event.EventType;
import dev.reservoir.metric.ConversionWindow;
import dev.reservoir.metric.Funnel;
import dev.reservoir.metric.FunnelDropOff;
import dev.reservoir.metric.FunnelOrder;
import dev.reservoir.metric.FunnelResult;
import dev.reservoir.metric.FunnelStep;
import dev.reservoir.metric.RepurchaseGroup;
import dev.reservoir.metric.RepurchaseSplit;
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
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Funnels on a hand-built shop (Asia/Shanghai, local times below), steps
 * {@code /item/* → add_to_cart → checkout → purchase}, entries from 2025-03-01, as of 2025-03-31,
 * window 1 day (a later step dated at most one day after the entry's date):
 * <pre>
 *   A  paid     03-02 10:00 /item/1, 10:05 cart, 10:10 checkout, 10:11 purchase           all four
 *   B  paid     03-03 09:00 cart (before any page), 09:10 /item/2, 09:20 checkout         step 1: the cart came first
 *   C  not paid 03-05 10:00 /item/3, 10:02 checkout, 10:05 cart, 10:07 purchase           ordered 2, any order 4
 *   E  no profile 03-10 23:00 /item/4, 03-11 09:00 cart, 03-12 10:00 checkout            checkout on d + 2: just outside
 *   F  not paid 03-15 10:00 /item/5, 10:01 /home, 10:02 cart, 10:03 checkout, 10:04 purchase   strict breaks at /home
 *   G  visitor v-9 (anonymous) 03-20 /item/6                                              step 1, group unknown
 *   H  paid     02-28 /item/7 (before from: no entry), 03-01 /item/7, 03-25 10:00 /item/8, 10:30 cart   second try: 2
 *   I  paid     03-31 20:00 /item/9, 04-01 purchase (after D)                              step 1
 *   J  no profile 03-20 /item/10, sent in a later batch (after known-at)                  step 1 unless known-at
 * </pre>
 */
class FunnelFixtureTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant FIRST_BATCH = Instant.parse("2025-04-02T00:00:00Z");
    static final Instant LATE_BATCH = Instant.parse("2025-04-03T00:00:00Z");
    static final LocalDate D = LocalDate.of(2025, 3, 31);
    static final LocalDate FROM = LocalDate.of(2025, 3, 1);
    static final List<FunnelStep> SHOP_STEPS = List.of(FunnelStep.page("/item/*"), FunnelStep.of(EventType.ADD_TO_CART),
            FunnelStep.of(EventType.CHECKOUT), FunnelStep.of(EventType.PURCHASE));

    @TempDir
    Path dir;
    DuckDbEngine engine;
    final Instant[] now = {FIRST_BATCH};
    int ids;

    @BeforeEach
    void open() {
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
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
        return Event.of(customer, LocalDateTime.parse(local).atZone(SHANGHAI).toInstant(), type).withEventId("e" + ids++);
    }

    private Event page(String customer, String local, String path) {
        return ev(customer, local, EventType.PAGE_VIEW).withPage(path, null);
    }

    private TenantStore shop() {
        engine.createTenant("shop", SHANGHAI, Currency.getInstance("CNY"));
        TenantStore store = engine.store("shop");
        List<Event> events = new ArrayList<>(List.of(
                page("A", "2025-03-02T10:00", "/item/1"), ev("A", "2025-03-02T10:05", EventType.ADD_TO_CART),
                ev("A", "2025-03-02T10:10", EventType.CHECKOUT), ev("A", "2025-03-02T10:11", EventType.PURCHASE),
                ev("B", "2025-03-03T09:00", EventType.ADD_TO_CART), page("B", "2025-03-03T09:10", "/item/2"),
                ev("B", "2025-03-03T09:20", EventType.CHECKOUT),
                page("C", "2025-03-05T10:00", "/item/3"), ev("C", "2025-03-05T10:02", EventType.CHECKOUT),
                ev("C", "2025-03-05T10:05", EventType.ADD_TO_CART), ev("C", "2025-03-05T10:07", EventType.PURCHASE),
                page("E", "2025-03-10T23:00", "/item/4"), ev("E", "2025-03-11T09:00", EventType.ADD_TO_CART),
                ev("E", "2025-03-12T10:00", EventType.CHECKOUT),
                page("F", "2025-03-15T10:00", "/item/5"), page("F", "2025-03-15T10:01", "/home"),
                ev("F", "2025-03-15T10:02", EventType.ADD_TO_CART), ev("F", "2025-03-15T10:03", EventType.CHECKOUT),
                ev("F", "2025-03-15T10:04", EventType.PURCHASE),
                new Event("e-g", null, "v-9", LocalDateTime.parse("2025-03-20T12:00").atZone(SHANGHAI).toInstant(),
                        EventType.PAGE_VIEW, "/item/6", null, null, null, null, null, null, null, null, null, Map.of()),
                page("H", "2025-02-28T10:00", "/item/7"), page("H", "2025-03-01T10:00", "/item/7"),
                page("H", "2025-03-25T10:00", "/item/8"), ev("H", "2025-03-25T10:30", EventType.ADD_TO_CART),
                page("I", "2025-03-31T20:00", "/item/9"), ev("I", "2025-04-01T09:00", EventType.PURCHASE)));
        store.append("shop", events);
        store.appendCustomers("profiles", List.of(
                new Customer("A", null, true, null, null, null, Map.of()),
                new Customer("B", null, true, null, null, null, Map.of()),
                new Customer("C", null, false, null, null, null, Map.of()),
                new Customer("F", null, false, null, null, null, Map.of()),
                new Customer("H", null, true, null, null, null, Map.of()),
                new Customer("I", null, true, null, null, null, Map.of())));
        now[0] = LATE_BATCH;
        store.append("late", List.of(page("J", "2025-03-20T15:00", "/item/10")));
        return store;
    }

    private static Funnel funnel(List<FunnelStep> steps, ConversionWindow window, FunnelOrder order, AsOf asOf,
                                 Optional<RepurchaseSplit> split) {
        return new Funnel(steps, window, order, FROM, asOf, split);
    }

    private static long[] reached(FunnelResult r, RepurchaseGroup g) {
        return r.rows(g).stream().mapToLong(FunnelResult.Row::reached).toArray();
    }

    @Test
    void ordered_countsEachPersonByFurthestStep_withinTheWindow() {
        TenantStore store = shop();
        FunnelResult r = store.funnels().funnel(funnel(SHOP_STEPS, new ConversionWindow.Days(1), FunnelOrder.ORDERED,
                AsOf.of(D), Optional.empty()));
        // Furthest steps: A 4, B 1, C 2, E 2, F 4, G 1, H 2, I 1, J 1.
        // Step 1: 9; step 2 (A, C, E, F, H): 5; steps 3 and 4 (A, F): 2.
        assertEquals(List.of(RepurchaseGroup.ALL), r.groups());
        List<FunnelResult.Row> rows = r.rows(RepurchaseGroup.ALL);
        assertEquals(9, rows.get(0).reached());
        assertEquals(5, rows.get(1).reached());
        assertEquals(2, rows.get(2).reached());
        assertEquals(2, rows.get(3).reached());
        assertEquals(5.0 / 9, rows.get(1).fromPrevious(), 1e-12);
        assertEquals(2.0 / 5, rows.get(2).fromPrevious(), 1e-12);
        assertEquals(1.0, rows.get(3).fromPrevious(), 1e-12);
        assertEquals(2.0 / 9, rows.get(3).fromFirst(), 1e-12);
        assertEquals(4, rows.get(1).dropOff());
        assertEquals(3, rows.get(2).dropOff());
        assertEquals(0, rows.get(3).dropOff());
        assertNull(rows.get(0).medianSeconds());
        // Page to cart: F 120 s, A 300, C 300 (10:00 -> 10:05), H 1,800, E 36,000 (23:00 -> 09:00).
        // Median 300; p90 at rank 0.9 * 4 = 3.6: 1,800 + 0.6 * (36,000 - 1,800) = 22,320.
        assertEquals(300.0, rows.get(1).medianSeconds());
        assertEquals(22_320.0, rows.get(1).p90Seconds(), 1e-9);
        // Cart to checkout: F 60, A 300 -> median 180, p90 60 + 0.9 * 240 = 276. Checkout to purchase: 60, 60.
        assertEquals(180.0, rows.get(2).medianSeconds());
        assertEquals(276.0, rows.get(2).p90Seconds(), 1e-9);
        assertEquals(60.0, rows.get(3).medianSeconds());
        assertEquals(60.0, rows.get(3).p90Seconds());
    }

    @Test
    void window_oneMoreDayLetsTheCheckoutJustOutsideCount() {
        TenantStore store = shop();
        // E's checkout on 03-12 is two dates after the entry on 03-10: outside 1 day, inside 2.
        FunnelResult r = store.funnels().funnel(funnel(SHOP_STEPS, new ConversionWindow.Days(2), FunnelOrder.ORDERED,
                AsOf.of(D), Optional.empty()));
        assertEquals(List.of(9L, 5L, 3L, 2L), List.of(reached(r, RepurchaseGroup.ALL)[0], reached(r, RepurchaseGroup.ALL)[1],
                reached(r, RepurchaseGroup.ALL)[2], reached(r, RepurchaseGroup.ALL)[3]));
        // An exact window of 12 hours: E's cart 10 h after the page counts, the checkout (35 h) does not.
        FunnelResult hours = store.funnels().funnel(funnel(SHOP_STEPS, new ConversionWindow.Span(Duration.ofHours(12)),
                FunnelOrder.ORDERED, AsOf.of(D), Optional.empty()));
        assertEquals(5, hours.rows(RepurchaseGroup.ALL).get(1).reached());
        assertEquals(2, hours.rows(RepurchaseGroup.ALL).get(2).reached());
    }

    @Test
    void strict_anotherEventBetweenTwoStepsEndsTheAttempt() {
        TenantStore store = shop();
        FunnelResult r = store.funnels().funnel(funnel(SHOP_STEPS, new ConversionWindow.Days(1), FunnelOrder.STRICT,
                AsOf.of(D), Optional.empty()));
        // A 4; B 1 (the page's next event is the checkout); C 1 (checkout right after the page);
        // E 2 (the cart is E's next event, the checkout is outside the window); F 1 (/home between);
        // H 2 (03-01 page, then the 03-25 page starts a new attempt, the cart follows it); G, I, J 1.
        FunnelResult.Row[] rows = r.rows(RepurchaseGroup.ALL).toArray(FunnelResult.Row[]::new);
        assertEquals(9, rows[0].reached());
        assertEquals(3, rows[1].reached());
        assertEquals(1, rows[2].reached());
        assertEquals(1, rows[3].reached());
    }

    @Test
    void anyOrder_stepsAfterTheEntryInAnyOrder_butNotBeforeIt() {
        TenantStore store = shop();
        FunnelResult r = store.funnels().funnel(funnel(SHOP_STEPS, new ConversionWindow.Days(1), FunnelOrder.ANY,
                AsOf.of(D), Optional.empty()));
        // C now reaches all four (checkout before cart is fine after the entry); B's cart came before
        // the entry, so B stays at step 1. Step 2: A, C, E, F, H; steps 3, 4: A, C, F.
        List<FunnelResult.Row> rows = r.rows(RepurchaseGroup.ALL);
        assertEquals(List.of(9L, 5L, 3L, 3L), rows.stream().map(FunnelResult.Row::reached).toList());
        // A step's time is when steps 1..k were all done: C's checkout (10:02) was done before its
        // cart (10:05), so cart -> checkout takes 0 s. Step 3: A 300, C 0, F 60 -> median 60.
        // Step 4: A 60, C 120 (10:05 -> 10:07), F 60 -> median 60, p90 60 + 0.8 * 60 = 108.
        assertEquals(60.0, rows.get(2).medianSeconds());
        assertEquals(60.0, rows.get(3).medianSeconds());
        assertEquals(108.0, rows.get(3).p90Seconds(), 1e-9);
    }

    @Test
    void split_byPaidMember_visitorsAndMissingProfilesAreUnknown() {
        TenantStore store = shop();
        FunnelResult r = store.funnels().funnel(funnel(SHOP_STEPS, new ConversionWindow.Days(1), FunnelOrder.ORDERED,
                AsOf.of(D), Optional.of(RepurchaseSplit.parse("paid_member"))));
        // false: C 2, F 4 -> 2, 2, 1, 1. true: A 4, B 1, H 2, I 1 -> 4, 2, 1, 1.
        // unknown: E 2 (no profile), G 1 (a visitor), J 1 (no profile) -> 3, 1, 0, 0.
        assertEquals(List.of(RepurchaseGroup.ALL, RepurchaseGroup.of("false"), RepurchaseGroup.of("true"),
                RepurchaseGroup.UNKNOWN), r.groups());
        assertEquals(List.of(2L, 2L, 1L, 1L), box(reached(r, RepurchaseGroup.of("false"))));
        assertEquals(List.of(4L, 2L, 1L, 1L), box(reached(r, RepurchaseGroup.of("true"))));
        assertEquals(List.of(3L, 1L, 0L, 0L), box(reached(r, RepurchaseGroup.UNKNOWN)));
        assertNull(r.rows(RepurchaseGroup.UNKNOWN).get(3).fromPrevious(), "0 of 0 is undefined, never 0");
    }

    @Test
    void dropOffs_listWhoStoppedWhere_andKnownAtLeavesLateEventsOut() {
        TenantStore store = shop();
        Funnel f = funnel(SHOP_STEPS, new ConversionWindow.Days(1), FunnelOrder.ORDERED, AsOf.of(D), Optional.empty());
        List<FunnelDropOff> all = store.funnels().dropOffs(f, OptionalInt.empty());
        // Last step 1: B, I, J (customers by id), then the visitor v-9; last step 2: C, E, H.
        assertEquals(List.of("B", "I", "J", "v-9", "C", "E", "H"), all.stream().map(FunnelDropOff::id).toList());
        assertEquals(List.of(false, false, false, true, false, false, false),
                all.stream().map(FunnelDropOff::anonymous).toList());
        // B's counted entry is the page at 09:10 on 03-03; H's cart at 10:30 on 03-25.
        assertEquals(LocalDateTime.parse("2025-03-03T09:10").atZone(SHANGHAI).toInstant(), all.get(0).at());
        assertEquals(LocalDateTime.parse("2025-03-25T10:30").atZone(SHANGHAI).toInstant(), all.get(6).at());
        assertEquals(List.of("C", "E", "H"), store.funnels().dropOffs(f, OptionalInt.of(3)).stream()
                .map(FunnelDropOff::id).toList());
        assertEquals(List.of(), store.funnels().dropOffs(f, OptionalInt.of(4)));
        // Known at the first batch: J's page (sent later) does not exist yet: 8 entries.
        FunnelResult known = store.funnels().funnel(funnel(SHOP_STEPS, new ConversionWindow.Days(1), FunnelOrder.ORDERED,
                AsOf.of(D).knownAt(FIRST_BATCH), Optional.empty()));
        assertEquals(8, known.rows(RepurchaseGroup.ALL).get(0).reached());
        // As of 03-20: I's entry (03-31) and H's second try (03-25) are after D. Entries A, B, C, E, F,
        // G, H (03-01), J (03-20): 8; step 2: A, C, E, F; steps 3, 4: A, F.
        FunnelResult early = store.funnels().funnel(new Funnel(SHOP_STEPS, new ConversionWindow.Days(1),
                FunnelOrder.ORDERED, FROM, AsOf.of(LocalDate.of(2025, 3, 20)), Optional.empty()));
        assertEquals(List.of(8L, 4L, 2L, 2L), box(reached(early, RepurchaseGroup.ALL)));
    }

    @Test
    void pageFunnel_threePagesOfAnonymousVisitors() {
        engine.createTenant("site", ZoneId.of("Europe/London"), Currency.getInstance("GBP"));
        TenantStore store = engine.store("site");
        // v1: / -> /item/1 -> /cart; v2: / -> /cart -> /item/2 (the cart came before the item: 2 steps);
        // v3: /item/3 -> / (entry at /, nothing after): 1; v4: only /about: no entry.
        String[][] views = {{"v1", "/", "10:00"}, {"v1", "/item/1", "10:01"}, {"v1", "/cart", "10:02"},
                {"v2", "/", "11:00"}, {"v2", "/cart", "11:01"}, {"v2", "/item/2", "11:03"},
                {"v3", "/item/3", "12:00"}, {"v3", "/", "12:05"}, {"v4", "/about", "13:00"}};
        List<Event> events = new ArrayList<>();
        for (String[] v : views) {
            events.add(new Event("p" + ids++, null, v[0], LocalDateTime.parse("2025-03-02T" + v[2])
                    .atZone(ZoneId.of("Europe/London")).toInstant(), EventType.PAGE_VIEW, v[1], null, null, null, null,
                    null, null, null, null, null, Map.of()));
        }
        store.append("log", events);
        List<FunnelStep> steps = List.of(FunnelStep.parse("/"), FunnelStep.parse("/item/*"), FunnelStep.parse("/cart"));
        FunnelResult r = store.funnels().funnel(new Funnel(steps, new ConversionWindow.Span(Duration.ofMinutes(30)),
                FunnelOrder.ORDERED, FROM, AsOf.of(D), Optional.empty()));
        assertEquals(List.of(3L, 2L, 1L), box(reached(r, RepurchaseGroup.ALL)));
        // / -> item: v1 60 s, v2 180 s -> median 120.
        assertEquals(120.0, r.rows(RepurchaseGroup.ALL).get(1).medianSeconds());
        assertEquals(List.of("v3", "v2"), store.funnels().dropOffs(new Funnel(steps,
                new ConversionWindow.Span(Duration.ofMinutes(30)), FunnelOrder.ORDERED, FROM, AsOf.of(D),
                Optional.empty()), OptionalInt.empty()).stream().map(FunnelDropOff::id).toList());
    }

    @Test
    void filters_onCategoryAndProperties_andTheFirstMatchingEventIsTaken() {
        engine.createTenant("filters", SHANGHAI, Currency.getInstance("CNY"));
        TenantStore store = engine.store("filters");
        // K: 10:00 /item/1; 10:01 cart (coffee); 10:05 cart (tea); 10:10 checkout with coupon W21.
        store.append("k", List.of(page("K", "2025-03-02T10:00", "/item/1"),
                ev("K", "2025-03-02T10:01", EventType.ADD_TO_CART).withOrder(null, "i1", "coffee", 1L, null),
                ev("K", "2025-03-02T10:05", EventType.ADD_TO_CART).withOrder(null, "i2", "tea", 1L, null),
                ev("K", "2025-03-02T10:10", EventType.CHECKOUT).withProperties(Map.of("coupon_id", "W21"))));
        // Any cart: the first (10:01) is taken, so cart -> checkout is 9 min = 540 s, not 300 s.
        FunnelResult any = store.funnels().funnel(funnel(List.of(FunnelStep.parse("/item/*"),
                FunnelStep.parse("add_to_cart"), FunnelStep.parse("checkout[properties.coupon_id=W21]")),
                new ConversionWindow.Days(0), FunnelOrder.ORDERED, AsOf.of(D), Optional.empty()));
        assertEquals(List.of(1L, 1L, 1L), box(reached(any, RepurchaseGroup.ALL)));
        assertEquals(60.0, any.rows(RepurchaseGroup.ALL).get(1).medianSeconds());
        assertEquals(540.0, any.rows(RepurchaseGroup.ALL).get(2).medianSeconds());
        // A tea cart: the 10:05 one (300 s after the page), then 300 s to the checkout.
        FunnelResult tea = store.funnels().funnel(funnel(List.of(FunnelStep.parse("/item/*"),
                FunnelStep.parse("add_to_cart[category=tea]"), FunnelStep.parse("checkout")),
                new ConversionWindow.Days(0), FunnelOrder.ORDERED, AsOf.of(D), Optional.empty()));
        assertEquals(300.0, tea.rows(RepurchaseGroup.ALL).get(1).medianSeconds());
        assertEquals(300.0, tea.rows(RepurchaseGroup.ALL).get(2).medianSeconds());
        // Another coupon, another category, another page: the steps do not match.
        FunnelResult other = store.funnels().funnel(funnel(List.of(FunnelStep.parse("page_view[page=/item/1]"),
                FunnelStep.parse("add_to_cart[category=cake]"), FunnelStep.parse("checkout[properties.coupon_id=X]")),
                new ConversionWindow.Days(0), FunnelOrder.ORDERED, AsOf.of(D), Optional.empty()));
        assertEquals(List.of(1L, 0L, 0L), box(reached(other, RepurchaseGroup.ALL)));
        FunnelResult none = store.funnels().funnel(funnel(List.of(FunnelStep.parse("/item/2"),
                FunnelStep.parse("add_to_cart")), new ConversionWindow.Days(0), FunnelOrder.ORDERED, AsOf.of(D),
                Optional.empty()));
        assertEquals(List.of(0L, 0L), box(reached(none, RepurchaseGroup.ALL)));
        assertNull(none.rows(RepurchaseGroup.ALL).get(1).fromFirst());
    }

    @Test
    void sameInstant_stepsAreTakenInStepOrder_whateverOrderTheyWereStored() {
        engine.createTenant("ties", SHANGHAI, Currency.getInstance("CNY"));
        TenantStore store = engine.store("ties");
        // L: the cart is stored before the page, both at 11:00:00; the checkout at 11:01. Taken in step
        // order, the page comes first: all three steps, the cart 0 s after the page. M: a visit at the
        // page's instant, stored first, is taken after the page (events matching no step come last).
        store.append("ties", List.of(ev("L", "2025-03-02T11:00", EventType.ADD_TO_CART),
                page("L", "2025-03-02T11:00", "/item/1"), ev("L", "2025-03-02T11:01", EventType.CHECKOUT),
                ev("M", "2025-03-02T12:00", EventType.VISIT), page("M", "2025-03-02T12:00", "/item/2"),
                ev("M", "2025-03-02T12:05", EventType.ADD_TO_CART)));
        List<FunnelStep> steps = List.of(FunnelStep.parse("/item/*"), FunnelStep.parse("add_to_cart"),
                FunnelStep.parse("checkout"));
        FunnelResult ordered = store.funnels().funnel(funnel(steps, new ConversionWindow.Days(0), FunnelOrder.ORDERED,
                AsOf.of(D), Optional.empty()));
        assertEquals(List.of(2L, 2L, 1L), box(reached(ordered, RepurchaseGroup.ALL)));
        // Page to cart: L 0 s, M 300 s.
        assertEquals(150.0, ordered.rows(RepurchaseGroup.ALL).get(1).medianSeconds());
        // Strict: L's page, cart, checkout are consecutive; M's visit sorts after its page: M's page
        // is followed by the visit, so M stops at step 1.
        FunnelResult strict = store.funnels().funnel(funnel(steps, new ConversionWindow.Days(0), FunnelOrder.STRICT,
                AsOf.of(D), Optional.empty()));
        assertEquals(List.of(2L, 1L, 1L), box(reached(strict, RepurchaseGroup.ALL)));
    }

    @Test
    void twoAttemptsReachingTheLastStepAtOneInstant_theLaterStartCounts() {
        engine.createTenant("reader", SHANGHAI, Currency.getInstance("CNY"));
        TenantStore store = engine.store("reader");
        // R reads four blog pages, 10:00, 10:01, 10:04 and 10:04 (the last two in the same second);
        // the funnel /blog/* -> /blog/* -> /blog/* (every view matches every step). From 10:00 the
        // steps are 10:00, 10:01, 10:04; from 10:01 they are 10:01, 10:04, 10:04. Both reach step 3
        // at 10:04: the later start counts (docs/metrics.md), so step 2 takes 180 s and step 3 0 s
        // (not 60 s and 180 s). The real access log has two such visitors (AccessLogFunnelTest).
        store.append("reader", List.of(page("R", "2025-03-02T10:00", "/blog/a"), page("R", "2025-03-02T10:01", "/blog/b"),
                page("R", "2025-03-02T10:04", "/blog/c"), page("R", "2025-03-02T10:04", "/blog/d")));
        List<FunnelStep> steps = List.of(FunnelStep.parse("/blog/*"), FunnelStep.parse("/blog/*"),
                FunnelStep.parse("/blog/*"));
        for (FunnelOrder order : List.of(FunnelOrder.ORDERED, FunnelOrder.STRICT)) {
            List<FunnelResult.Row> rows = store.funnels().funnel(funnel(steps,
                    new ConversionWindow.Span(Duration.ofMinutes(30)), order, AsOf.of(D), Optional.empty()))
                    .rows(RepurchaseGroup.ALL);
            assertEquals(List.of(1L, 1L, 1L), rows.stream().map(FunnelResult.Row::reached).toList(), order.wireName());
            assertEquals(180.0, rows.get(1).medianSeconds(), order.wireName());
            assertEquals(0.0, rows.get(2).medianSeconds(), order.wireName());
        }
    }

    private static List<Long> box(long[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }
}
