package dev.reservoir.generate;

import dev.reservoir.event.Event;
import dev.reservoir.event.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfilesTest {

    /** Every page a profile's sessions may show, from its model. */
    private static Set<String> pageMap(ProfileModel m) {
        Set<String> pages = new HashSet<>(List.of(m.registerPage, m.landingPage, m.catalogPage, m.cartPage,
                m.checkoutPage, m.successPage));
        pages.addAll(List.of(m.extraPages));
        m.categories().forEach(c -> pages.add(m.categoryPagePrefix + c));
        m.items.forEach(i -> pages.add(i.page()));
        if (m.trialPage != null) {
            pages.add(m.trialPage);
            m.items.forEach(i -> pages.add(m.learnPagePrefix + i.id()));
        }
        return pages;
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void everyProfile_producesEveryCanonicalType_onItsOwnPageMap(Profile profile) {
        CollectingSink shop = CollectingSink.of(GeneratorSpec.of(profile, 600, 365, 11));
        ProfileModel model = ProfileModel.of(profile);
        Set<String> pages = pageMap(model);
        Set<EventType> types = shop.events.stream().map(Event::type).collect(Collectors.toSet());
        assertEquals(Set.of(EventType.values()), types);
        Set<String> seen = new HashSet<>();
        for (Event e : shop.events) {
            if (e.page() != null) {
                assertTrue(pages.contains(e.page()), e.page() + " is not on the " + profile + " page map");
                seen.add(e.page());
            }
            assertTrue(e.eventId().startsWith(model.prefix + "-"));
            if (e.itemId() != null) {
                assertTrue(model.items.stream().anyMatch(i -> i.id().equals(e.itemId())), e.itemId());
            }
        }
        Map<Profile, List<String>> examples = Map.of(
                Profile.TEA_CHAIN, List.of("/home", "/menu", "/menu/milk-tea", "/item/MT01", "/cart", "/checkout",
                        "/member", "/coupons"),
                Profile.ECOMMERCE, List.of("/", "/search", "/category/cat-supplies", "/item/CL01", "/cart", "/checkout",
                        "/order/success"),
                Profile.EDUCATION, List.of("/courses", "/course/PY101", "/trial", "/pay", "/learn/PY101"));
        assertTrue(seen.containsAll(examples.get(profile)), "pages seen: " + seen);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void everyProfile_paidMembersBuyMore_andBuyersLeaveOverTime(Profile profile) {
        CollectingSink shop = CollectingSink.of(GeneratorSpec.of(profile, 1_500, 365, 12));
        Map<String, Long> orders = shop.events.stream().filter(e -> e.type() == EventType.PURCHASE)
                .collect(Collectors.groupingBy(Event::customerId, Collectors.mapping(Event::orderId,
                        Collectors.collectingAndThen(Collectors.toSet(), s -> (long) s.size()))));
        double paid = shop.truths.values().stream().filter(CustomerTruth::paidMember)
                .mapToLong(t -> orders.getOrDefault(t.customerId(), 0L)).average().orElseThrow();
        double others = shop.truths.values().stream().filter(t -> !t.paidMember())
                .mapToLong(t -> orders.getOrDefault(t.customerId(), 0L)).average().orElseThrow();
        // λ x 2.5 and p x 0.6 for members, and every member buys: at least 1.8 times the orders.
        assertTrue(paid >= 1.8 * others, profile + ": paid " + paid + " vs " + others);
        long leavers = shop.truths.values().stream().filter(t -> t.dropoutDate() != null && t.purchaseRate() > 0).count();
        long alive = shop.truths.values().stream().filter(t -> t.aliveAtEnd() && t.purchaseRate() > 0).count();
        assertTrue(leavers > 0 && alive > 0, profile + ": leavers " + leavers + ", alive " + alive);
    }

    @Test
    void aZoneWithDaylightSaving_keepsLocalOpeningHours() {
        // Berlin moves its clocks on 2025-03-30; lessons still run 07:00-22:00 local time on both sides.
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        GeneratorSpec spec = new GeneratorSpec(Profile.EDUCATION, 400, 61, 3, LocalDate.of(2025, 3, 1), berlin,
                OutputFormat.PARQUET);
        CollectingSink shop = new CollectingSink();
        new ShopGenerator(spec).generate(shop);
        Instant start = spec.start().atStartOfDay(berlin).toInstant();
        Instant end = spec.end().atStartOfDay(berlin).toInstant();
        long afterChange = 0;
        for (Event e : shop.events) {
            assertTrue(!e.occurredAt().isBefore(start) && e.occurredAt().isBefore(end), e.toString());
            if (e.sessionId() != null) {
                LocalDateTime local = LocalDateTime.ofInstant(e.occurredAt(), berlin);
                assertTrue(local.getHour() >= 7 && local.getHour() <= 22, "at " + local);
                afterChange += local.toLocalDate().isAfter(LocalDate.of(2025, 3, 30)) ? 1 : 0;
            }
        }
        assertTrue(afterChange > 1_000, "sessions after the change " + afterChange);
    }
}
