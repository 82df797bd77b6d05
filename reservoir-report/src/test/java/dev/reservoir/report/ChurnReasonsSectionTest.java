package dev.reservoir.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reservoir.duckdb.DuckDbEngine;
import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.Event;
import dev.reservoir.event.EventType;
import dev.reservoir.metric.ChurnPreset;
import dev.reservoir.metric.ChurnRate;
import dev.reservoir.metric.ChurnRule;
import dev.reservoir.time.AsOf;
import dev.reservoir.time.PeriodUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The churn-reasons section on a shop worked out by hand. Asia/Shanghai, orders only,
 * food-delivery rule (N = 14), D = Wednesday 2024-03-20. The weekly churn rate's 12 weeks run from
 * Monday 2024-01-01 (Mar 18 − 11 weeks) to D, so churned in the window = last order L with
 * L + 14 in [Jan 1, Mar 20], i.e. L in [Dec 18, Mar 6], and no order since; reasons count from
 * L − 90 days to D.
 * <pre>
 *   a  order Jan 10 (churns Jan 24); complaint Jan 8 "price", survey Feb 15 "price"   → price
 *   b  order Feb 1 (churns Feb 15); complaint Feb 1 "quality", survey Feb 20 "slow_delivery"
 *                                                                                     → quality, slow_delivery
 *   c  order Feb 20 (churns Mar 5); survey Mar 10 "price"                            → price
 *   e  order Dec 20 (churns Jan 3); complaint Sep 1 "service": before L − 90 = Sep 21 → none
 *   f  order Mar 1 (churns Mar 15); nothing said                                     → none
 *   g  order Mar 15 (churns Mar 29, after D: not churned); complaint Mar 16 "quality"
 *   h  order Nov 1 (churned Nov 15, before the window); survey Jan 5 "price"
 *   k  order Mar 18; complaint Mar 19 without a reason
 * </pre>
 * Churned in the window: a, b, c, e, f = 5; with a reason: a, b, c = 3 (60%). By reason:
 * price a, c = 2 (from complaints: a; from surveys: a, c), share 2/3; quality b = 1 (complaint),
 * 1/3; slow_delivery b = 1 (survey), 1/3. All complaints dated Jan 1 – Mar 20: a (price),
 * b (quality), g (quality), k (none) = 4 by 4 customers: quality 2 (50%), price 1, none 1.
 */
class ChurnReasonsSectionTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate D = LocalDate.of(2024, 3, 20);
    static final ChurnRule FOOD = ChurnRule.of(ChurnPreset.FOOD_DELIVERY);

    @TempDir
    Path dir;
    DuckDbEngine engine;

    @BeforeEach
    void open() {
        engine = DuckDbEngine.open(EngineConfig.of(dir.resolve("data"))
                .withClock(Clock.fixed(Instant.parse("2024-03-21T00:00:00Z"), ZoneOffset.UTC)));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private static Instant local(String at) {
        return LocalDateTime.parse(at).atZone(SHANGHAI).toInstant();
    }

    private static Event buy(String id, String customer, String at) {
        return Event.of(customer, local(at), EventType.PURCHASE).withEventId(id)
                .withOrder("o-" + id, "tea", null, 1L, new BigDecimal("10"));
    }

    private static Event said(String id, String customer, String at, EventType type, String reason) {
        return Event.of(customer, local(at), type).withEventId(id)
                .withProperties(reason == null ? Map.of() : Map.of("reason", reason));
    }

    private TenantStore shop(String tenant, boolean reasons) {
        engine.createTenant(tenant, SHANGHAI, Currency.getInstance("CNY"));
        TenantStore store = engine.store(tenant);
        List<Event> e = new ArrayList<>(List.of(
                buy("a1", "a", "2024-01-10T12:00"), buy("b1", "b", "2024-02-01T12:00"), buy("c1", "c", "2024-02-20T12:00"),
                buy("e1", "e", "2023-12-20T12:00"), buy("f1", "f", "2024-03-01T12:00"), buy("g1", "g", "2024-03-15T12:00"),
                buy("h1", "h", "2023-11-01T12:00"), buy("k1", "k", "2024-03-18T12:00")));
        if (reasons) {
            e.addAll(List.of(
                    said("a2", "a", "2024-01-08T09:00", EventType.COMPLAINT, "price"),
                    said("a3", "a", "2024-02-15T09:00", EventType.SURVEY, "price"),
                    said("b2", "b", "2024-02-01T13:00", EventType.COMPLAINT, "quality"),
                    said("b3", "b", "2024-02-20T09:00", EventType.SURVEY, "slow_delivery"),
                    said("c2", "c", "2024-03-10T09:00", EventType.SURVEY, "price"),
                    said("e2", "e", "2023-09-01T09:00", EventType.COMPLAINT, "service"),
                    said("g2", "g", "2024-03-16T09:00", EventType.COMPLAINT, "quality"),
                    said("h2", "h", "2024-01-05T09:00", EventType.SURVEY, "price"),
                    said("k2", "k", "2024-03-19T09:00", EventType.COMPLAINT, null)));
        }
        assertEquals(e.size(), store.append("test", e).accepted());
        return store;
    }

    private static ReportParameters parameters(Locale locale) {
        return new ReportParameters(AsOf.of(D), FOOD, Optional.of("food-delivery"), locale, 20, "docs/");
    }

    private static JsonNode figure(JsonNode report, String section, String figure) {
        for (JsonNode s : report.get("sections")) {
            if (s.get("id").asText().equals(section)) {
                for (JsonNode f : s.get("figures")) {
                    if (f.get("id").asText().equals(figure)) {
                        return f;
                    }
                }
            }
        }
        throw new AssertionError("no figure " + section + "/" + figure + " in " + report);
    }

    private static List<String> rows(JsonNode data, String... fields) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : data.get("reasons")) {
            List<String> cells = new ArrayList<>();
            for (String f : fields) {
                cells.add(r.get(f).isNull() ? "null" : r.get(f).asText());
            }
            out.add(String.join(" ", cells));
        }
        return out;
    }

    @Test
    void churnReasons_areTheCountsWorkedOutByHand() {
        TenantStore store = shop("s", true);
        HealthReport report = HealthReport.build(store, parameters(Locale.ENGLISH));
        assertEquals(List.of("customers", "churn", "churn_reasons"), report.sectionIds().subList(0, 3));
        JsonNode json = report.json();
        JsonNode reasons = figure(json, "churn_reasons", "churn_reasons").get("data");
        assertEquals("2024-01-01", reasons.get("window").get("start").asText());
        assertEquals(5, reasons.get("churned_customers").asInt());
        assertEquals(3, reasons.get("customers_with_reason").asInt());
        assertEquals(0.6, reasons.get("reason_rate").asDouble(), 1e-12);
        assertEquals(List.of("price 2 1 2", "quality 1 1 0", "slow_delivery 1 0 1"),
                rows(reasons, "reason", "customers", "from_complaints", "from_surveys"));
        assertEquals(2 / 3.0, reasons.get("reasons").get(0).get("share").asDouble(), 1e-12);
        assertEquals("Price too high", reasons.get("reasons").get(0).get("label").asText());

        JsonNode complaints = figure(json, "churn_reasons", "complaints").get("data");
        assertEquals(4, complaints.get("complaints").asInt());
        assertEquals(4, complaints.get("customers").asInt());
        assertEquals(List.of("quality 2 2 0.5", "price 1 1 0.25", "null 1 1 0.25"),
                rows(complaints, "reason", "complaints", "customers", "share"));

        JsonNode definition = figure(json, "churn_reasons", "churn_reasons").get("definition");
        assertTrue(definition.get("ref").asText().endsWith("metrics.md#report-churn-reasons"), definition::toString);
        assertEquals(90, definition.get("parameters").get("reason_look_back_days").asInt());
        assertEquals(14, definition.get("parameters").get("churn_days").asInt());
    }

    @Test
    void churnedCustomers_areTheWeeklyChurnRatesReachedTheStandard() {
        // Nobody here came back after churning, so the section's churned customers are every customer
        // the weekly churn rate counts as reaching the standard in its 12 weeks (base or joined).
        TenantStore store = shop("s", true);
        ChurnRate.Result weekly = store.churn().churnRate(new ChurnRate(FOOD, PeriodUnit.WEEK, 12, AsOf.of(D)));
        long reached = weekly.rows().stream().mapToLong(r -> r.churned() + r.joinedChurned()).sum();
        JsonNode reasons = figure(HealthReport.build(store, parameters(Locale.ENGLISH)).json(), "churn_reasons",
                "churn_reasons").get("data");
        assertEquals(reached, reasons.get("churned_customers").asLong());
        assertEquals(weekly.rows().get(0).period().start().toString(), reasons.get("window").get("start").asText());
    }

    @Test
    void chinese_labelsTheSectionAndTheReasons() {
        TenantStore store = shop("s", true);
        HealthReport report = HealthReport.build(store, parameters(Locale.CHINESE));
        JsonNode reasons = figure(report.json(), "churn_reasons", "churn_reasons");
        assertEquals("价格太高", reasons.get("data").get("reasons").get(0).get("label").asText());
        assertTrue(reasons.get("title").asText().contains("5 位流失客户中有 3 位给出了原因"), reasons::toString);
        String html = report.html();
        assertTrue(html.contains("主要流失原因"), "section heading");
        assertTrue(html.contains("（未说明原因）"), "complaints without a reason");
        String english = HealthReport.build(store, parameters(Locale.ENGLISH)).html();
        assertTrue(english.contains("Top churn reasons"));
        assertTrue(english.contains("(no reason given)"));
    }

    @Test
    void noComplaintOrSurvey_leavesTheSectionOut() {
        TenantStore store = shop("s", false);
        HealthReport report = HealthReport.build(store, parameters(Locale.ENGLISH));
        assertFalse(report.sectionIds().contains("churn_reasons"), report.sectionIds()::toString);
        assertFalse(report.html().contains("Top churn reasons"));
    }

    @Test
    void aReasonFromTheData_isEscapedInThePage() {
        TenantStore store = shop("s", true);
        String hostile = "<script>alert(1)</script>";
        assertEquals(1, store.append("test", List.of(said("f2", "f", "2024-03-02T09:00", EventType.SURVEY, hostile)))
                .accepted());
        HealthReport report = HealthReport.build(store, parameters(Locale.ENGLISH));
        JsonNode reasons = figure(report.json(), "churn_reasons", "churn_reasons").get("data");
        assertEquals(4, reasons.get("customers_with_reason").asInt(), "f now gave a reason");
        assertTrue(rows(reasons, "reason").contains(hostile), "kept as stated in the JSON");
        assertFalse(report.html().contains(hostile), "never raw in the page");
    }
}
