package dev.reservoir.generate;

import dev.reservoir.event.Event;
import dev.reservoir.event.EventType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ground truth holds in the output: every check counts the generated events, never the
 * model's internals. One tea-chain shop of 5,000 customers over 2025 (about half a million events).
 */
class GroundTruthTest {

    private static final GeneratorSpec SPEC = GeneratorSpec.of(Profile.TEA_CHAIN, 5_000, 365, 20250101);
    private static final ZoneId ZONE = SPEC.zone();
    private static final Instant START = SPEC.start().atStartOfDay(ZONE).toInstant();
    private static final Instant END = SPEC.end().atStartOfDay(ZONE).toInstant();

    private static CollectingSink shop;
    private static Map<String, List<Event>> byCustomer;
    /** Order id to its purchase lines. */
    private static Map<String, List<Event>> orders;

    @BeforeAll
    static void generate() {
        shop = CollectingSink.of(SPEC);
        byCustomer = shop.events.stream().collect(Collectors.groupingBy(Event::customerId, TreeMap::new, Collectors.toList()));
        orders = shop.events.stream().filter(e -> e.type() == EventType.PURCHASE)
                .collect(Collectors.groupingBy(Event::orderId));
    }

    private static long orderCount(String customerId) {
        return byCustomer.getOrDefault(customerId, List.of()).stream()
                .filter(e -> e.type() == EventType.PURCHASE).map(Event::orderId).distinct().count();
    }

    private static List<Instant> orderTimes(String customerId) {
        return byCustomer.getOrDefault(customerId, List.of()).stream()
                .filter(e -> e.type() == EventType.PURCHASE)
                .collect(Collectors.toMap(Event::orderId, Event::occurredAt, (a, b) -> a.isBefore(b) ? a : b))
                .values().stream().sorted().toList();
    }

    @Test
    void paidMembers_repurchaseMoreOften() {
        // The seeds: paid members buy about 2.5 times as often. Membership multiplies λ by 2.5 and
        // cuts p by 40%, but dropout and the window's end cap counts, so require 1.8x in orders.
        double paid = shop.truths.values().stream().filter(CustomerTruth::paidMember)
                .mapToLong(t -> orderCount(t.customerId())).average().orElseThrow();
        double others = shop.truths.values().stream().filter(t -> !t.paidMember())
                .mapToLong(t -> orderCount(t.customerId())).average().orElseThrow();
        assertTrue(paid >= 1.8 * others, "paid " + paid + " vs others " + others);
        // And the attribute is on the customer record, with a paid tier.
        shop.customers.forEach(c -> assertEquals(shop.truths.get(c.customerId()).paidMember(), c.paidMember()));
        assertTrue(shop.customers.stream().filter(c -> c.paidMember())
                .allMatch(c -> Set.of("gold", "silver").contains(c.memberTier())));
    }

    @Test
    void customersWithADropoutDate_haveNoPurchaseAfterIt() {
        long leavers = 0;
        for (CustomerTruth t : shop.truths.values()) {
            if (t.dropoutDate() == null) {
                continue;
            }
            leavers++;
            for (Instant order : orderTimes(t.customerId())) {
                LocalDate day = LocalDate.ofInstant(order, ZONE);
                assertTrue(!day.isAfter(t.dropoutDate()), t.customerId() + " bought on " + day
                        + " after dropping out on " + t.dropoutDate());
            }
        }
        // With p averaging about 0.12 and a year to run, most buyers leave: require plenty of cases.
        assertTrue(leavers > 1_500, "leavers " + leavers);
    }

    @Test
    void purchaseCounts_trackTheTrueRate_forCustomersWhoStayed() {
        // Customers alive at the end who registered in the first quarter without a consumable habit
        // buy a Poisson number of orders with mean λ times 275 to 365 days, so their counts and λ
        // must rank alike: a Spearman correlation above 0.7 (noise alone would give about 0).
        List<CustomerTruth> stayed = shop.truths.values().stream()
                .filter(t -> t.aliveAtEnd() && t.purchaseRate() > 0 && t.habitItemId() == null)
                .filter(t -> t.registeredOn().isBefore(LocalDate.of(2025, 4, 1)))
                .toList();
        assertTrue(stayed.size() > 250, "customers " + stayed.size());
        double[] rate = stayed.stream().mapToDouble(CustomerTruth::purchaseRate).toArray();
        double[] count = stayed.stream().mapToDouble(t -> orderCount(t.customerId())).toArray();
        double rho = spearman(rate, count);
        assertTrue(rho > 0.7, "spearman " + rho);
    }

    @Test
    void consumableHabits_repurchaseAroundTheirUseUpCycle() {
        // Gaps between a habit customer's orders are gamma with shape 8 around their own cycle:
        // the median gap / cycle is near 1 and gaps vary far less than a Poisson buyer's (CV 1).
        List<Double> ratios = new ArrayList<>();
        for (CustomerTruth t : shop.truths.values()) {
            if (t.habitItemId() == null) {
                continue;
            }
            List<Instant> times = orderTimes(t.customerId());
            for (int i = 1; i < times.size(); i++) {
                double days = (times.get(i).getEpochSecond() - times.get(i - 1).getEpochSecond()) / 86_400.0;
                ratios.add(days / t.useUpCycleDays());
            }
            for (Event e : byCustomer.get(t.customerId())) {
                if (e.type() == EventType.PURCHASE && e.orderId() != null) {
                    assertTrue(orders.get(e.orderId()).stream().anyMatch(l -> l.itemId().equals(t.habitItemId())),
                            "every order of a habit customer holds the habit item: " + e.orderId());
                }
            }
        }
        assertTrue(ratios.size() > 300, "gaps " + ratios.size());
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted[sorted.length / 2];
        double mean = Arrays.stream(sorted).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(sorted).map(x -> (x - mean) * (x - mean)).average().orElseThrow());
        assertTrue(median > 0.85 && median < 1.15, "median gap / cycle " + median);
        assertTrue(sd / mean < 0.6, "coefficient of variation " + sd / mean);
    }

    @Test
    void everyOrder_sharesItsIdAcrossLines_andRefundsReferToAnExistingOrder() {
        for (List<Event> lines : orders.values()) {
            Event first = lines.get(0);
            Set<String> items = new HashSet<>();
            for (Event line : lines) {
                assertEquals(first.customerId(), line.customerId());
                assertEquals(first.occurredAt(), line.occurredAt(), "an order's lines share its time");
                assertNotNull(line.itemId());
                assertNotNull(line.category());
                assertTrue(line.quantity() >= 1);
                assertEquals(2, line.amount().scale());
                assertTrue(line.amount().signum() > 0);
                assertEquals("CNY", line.currency());
                assertTrue(items.add(line.itemId()), "one line per item in " + first.orderId());
            }
        }
        long refunds = 0;
        for (Event e : shop.events) {
            if (e.type() != EventType.REFUND) {
                continue;
            }
            refunds++;
            List<Event> order = orders.get(e.orderId());
            assertNotNull(order, "refund of unknown order " + e.orderId());
            assertEquals(order.get(0).customerId(), e.customerId());
            assertTrue(e.occurredAt().isAfter(order.get(0).occurredAt()));
            assertTrue(e.amount().signum() < 0, "refunds are negative");
            BigDecimal line = order.stream().filter(l -> l.itemId().equals(e.itemId())).findFirst().orElseThrow().amount();
            assertEquals(line.negate(), e.amount(), "a refund returns its line's amount");
        }
        assertTrue(refunds > 100, "refunds " + refunds);
        // An online order's checkout carries the order id and the order's total.
        for (Event e : shop.events) {
            if (e.type() == EventType.CHECKOUT && e.orderId() != null) {
                BigDecimal total = orders.get(e.orderId()).stream().map(Event::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                assertEquals(total, e.amount());
            }
        }
    }

    @Test
    void allEvents_haveACustomer_andFallInsideTheWindow_atPlausibleLocalTimes() {
        for (Event e : shop.events) {
            assertNotNull(e.customerId());
            assertNotNull(e.eventId());
            assertTrue(!e.occurredAt().isBefore(START) && e.occurredAt().isBefore(END), e.toString());
            if (e.sessionId() != null || e.type() == EventType.PURCHASE || e.type() == EventType.REGISTER) {
                // Stores and the mini-program serve 09:00-22:00; a session may run a few minutes over.
                LocalDateTime local = LocalDateTime.ofInstant(e.occurredAt(), ZONE);
                int minute = local.getHour() * 60 + local.getMinute();
                assertTrue(minute >= 9 * 60 && minute <= 22 * 60 + 30, "at " + local + ": " + e);
            }
        }
        assertEquals(Set.of(), shop.events.stream().map(Event::eventId).collect(Collectors.groupingBy(id -> id,
                Collectors.counting())).entrySet().stream().filter(x -> x.getValue() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet()), "event ids are unique");
    }

    @Test
    void properties_useTheCanonicalKeysAndCodes() {
        Set<String> reasons = Arrays.stream(ChurnReason.values()).map(ChurnReason::code).collect(Collectors.toSet());
        Map<EventType, Long> seen = new HashMap<>();
        for (Event e : shop.events) {
            seen.merge(e.type(), 1L, Long::sum);
            Map<String, String> p = e.properties();
            switch (e.type()) {
                case GROUP_JOIN, GROUP_LEAVE -> assertTrue(p.get("group_id").startsWith("G-"), e.toString());
                case COMPLAINT, SURVEY, REFUND -> assertTrue(reasons.contains(p.get("reason")), e.toString());
                case REVIEW -> {
                    int rating = Integer.parseInt(p.get("rating"));
                    assertTrue(rating >= 1 && rating <= 5);
                }
                case COUPON_SENT, COUPON_REDEEMED -> {
                    assertNotNull(p.get("coupon_id"));
                    assertNotNull(p.get("campaign_id"));
                }
                case MESSAGE_SENT -> assertNotNull(p.get("campaign_id"));
                case REGISTER, VISIT, PAGE_VIEW, ADD_TO_CART, CHECKOUT, PURCHASE -> assertEquals(Map.of(), p);
            }
            assertEquals(e.amount() == null ? null : "CNY", e.currency());
        }
        assertEquals(EventType.values().length, seen.size(), "every canonical type occurs: " + seen);
    }

    @Test
    void exitSurveys_giveTheTrueChurnReason() {
        long surveys = 0;
        for (Event e : shop.events) {
            if (e.type() == EventType.SURVEY) {
                surveys++;
                CustomerTruth t = shop.truths.get(e.customerId());
                assertEquals(t.churnReason(), e.properties().get("reason"));
                assertTrue(e.occurredAt().isAfter(t.dropoutDate().atStartOfDay(ZONE).toInstant()));
            }
        }
        assertTrue(surveys > 50, "surveys " + surveys);
    }

    @Test
    void hesitantCustomers_abandonMoreCartsThanDecisiveOnes() {
        // Decisive customers abandon 5-15% of cart sessions, hesitant ones 45-70%: the observed
        // shares must land in those ranges (pooled over each segment's sessions) and far apart.
        Map<String, long[]> bySegment = new HashMap<>();
        Map<String, boolean[]> sessions = new HashMap<>();
        Map<String, String> sessionCustomer = new HashMap<>();
        for (Event e : shop.events) {
            if (e.sessionId() == null) {
                continue;
            }
            boolean[] s = sessions.computeIfAbsent(e.sessionId(), k -> new boolean[2]);
            sessionCustomer.put(e.sessionId(), e.customerId());
            s[0] |= e.type() == EventType.ADD_TO_CART;
            s[1] |= e.type() == EventType.PURCHASE;
        }
        sessions.forEach((id, s) -> {
            if (s[0]) {
                long[] c = bySegment.computeIfAbsent(shop.truths.get(sessionCustomer.get(id)).segment(), k -> new long[2]);
                c[0]++;
                c[1] += s[1] ? 0 : 1;
            }
        });
        double decisive = (double) bySegment.get("decisive")[1] / bySegment.get("decisive")[0];
        double hesitant = (double) bySegment.get("hesitant")[1] / bySegment.get("hesitant")[0];
        assertTrue(decisive > 0.04 && decisive < 0.16, "decisive " + decisive);
        assertTrue(hesitant > 0.44 && hesitant < 0.71, "hesitant " + hesitant);
    }

    @Test
    void registrations_comeEarlierMoreOften_andWeekendsSellMore() {
        // Arrival density falls by e^1.2 ≈ 3.3 over the window: the first third gets far more.
        long firstThird = shop.truths.values().stream().filter(t -> t.registeredOn().getDayOfYear() <= 122).count();
        long lastThird = shop.truths.values().stream().filter(t -> t.registeredOn().getDayOfYear() > 243).count();
        assertTrue(firstThird > 1.8 * lastThird, firstThird + " vs " + lastThird);
        // Tea weekends are 1.25 and 1.15 against 0.85-1.10 on weekdays: orders per Saturday beat
        // orders per Monday.
        Map<DayOfWeek, Long> ordersByDay = orders.values().stream()
                .map(lines -> LocalDate.ofInstant(lines.get(0).occurredAt(), ZONE).getDayOfWeek())
                .collect(Collectors.groupingBy(d -> d, Collectors.counting()));
        assertTrue(ordersByDay.get(DayOfWeek.SATURDAY) > 1.2 * ordersByDay.get(DayOfWeek.MONDAY), ordersByDay.toString());
    }

    @Test
    void customerEvents_areInTimeOrder_andStartWithRegistration() {
        for (List<Event> events : byCustomer.values()) {
            assertEquals(EventType.REGISTER, events.get(0).type());
            List<Event> sorted = events.stream().sorted(Comparator.comparing(Event::occurredAt)).toList();
            assertEquals(sorted, events);
        }
    }

    private static double spearman(double[] x, double[] y) {
        return pearson(ranks(x), ranks(y));
    }

    private static double[] ranks(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble(i -> v[i]));
        double[] r = new double[v.length];
        int i = 0;
        while (i < v.length) {
            int j = i;
            while (j + 1 < v.length && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0;
            for (int k = i; k <= j; k++) {
                r[idx[k]] = rank;
            }
            i = j + 1;
        }
        return r;
    }

    private static double pearson(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    @Test
    void funnelStage_isTheFurthestStepOneSessionReachedInOrder() {
        // Counted from the events: per session, page_view → add_to_cart → checkout → purchase in
        // time order; the customer's stage is the best session's. Every stage occurs.
        EventType[] steps = {EventType.PAGE_VIEW, EventType.ADD_TO_CART, EventType.CHECKOUT, EventType.PURCHASE};
        long[] byStage = new long[5];
        for (CustomerTruth t : shop.truths.values()) {
            Map<String, Integer> sessions = new HashMap<>();
            for (Event e : byCustomer.getOrDefault(t.customerId(), List.of())) {
                if (e.sessionId() == null) {
                    continue;
                }
                int stage = sessions.getOrDefault(e.sessionId(), 0);
                if (stage < steps.length && e.type() == steps[stage]) {
                    sessions.put(e.sessionId(), stage + 1);
                }
            }
            int best = sessions.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            assertEquals(best, t.funnelStage(), t.customerId());
            byStage[best]++;
        }
        for (int k = 1; k <= 4; k++) {
            assertTrue(byStage[k] > 0, "stage " + k + ": " + Arrays.toString(byStage));
        }
    }
}
