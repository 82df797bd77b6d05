package dev.reservoir.duckdb;

import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.Event;
import dev.reservoir.event.EventType;
import dev.reservoir.metric.Activity;
import dev.reservoir.metric.ChurnPreset;
import dev.reservoir.metric.ChurnRule;
import dev.reservoir.model.RiskFeature;
import dev.reservoir.model.RiskFeatures;
import dev.reservoir.model.RiskFeaturesResult;
import dev.reservoir.time.AsOf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import static dev.reservoir.duckdb.ChurnMetricsTest.LONDON;
import static dev.reservoir.duckdb.ChurnMetricsTest.buy;
import static dev.reservoir.duckdb.ChurnMetricsTest.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The churn-risk features (sql/metric/risk_features.sql) on a hand-built London shop (UTC+0 in
 * winter), as of F = 2024-02-10 with the food-delivery rule (W = 7, N = 14, activity = orders):
 * <pre>
 *   p  orders Jan 1 (10), Jan 11 (20), Jan 31 (two orders, 5 + 15); visit Feb 5; complaint and
 *      refund Feb 6; an order Feb 20, after F
 *        activity days Jan 1, 11, 31: gaps 10, 20 -> mean 15, last 20, trend 20/15,
 *        recency Feb 10 - Jan 31 = 10, overdue 10/15; tenure 40 (Jan 1); orders 4, money 50,
 *        mean order 12.5; (F-30, F] = Jan 12 .. Feb 10: active 1 (Jan 31), visit days 1,
 *        events 5 (2 purchases, visit, complaint, refund); not new (40 >= 14), silent (10 >= 7)
 *   q  one order Jan 20: recency 21 >= 14, already churned at F: not in the population
 *   r  one order Feb 9 (8): recency 1, tenure 1, no gaps (NaN), new, not silent
 *   s  only a visit Feb 8: never active by orders: not in the population
 * </pre>
 */
class RiskFeaturesFixtureTest {
    static final LocalDate F = LocalDate.of(2024, 2, 10);
    static final ChurnRule FOOD = ChurnRule.of(ChurnPreset.FOOD_DELIVERY);

    @TempDir
    Path dir;
    DuckDbEngine engine;

    @BeforeEach
    void open() {
        engine = DuckDbEngine.open(EngineConfig.of(dir.resolve("data"))
                .withClock(Clock.fixed(Instant.parse("2024-03-01T00:00:00Z"), ZoneOffset.UTC)));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private TenantStore shop(String id, boolean withLaterEvents) {
        engine.createTenant(id, LONDON, Currency.getInstance("GBP"));
        TenantStore store = engine.store(id);
        List<Event> e = new ArrayList<>();
        e.add(buy("p1", "p", local(LONDON, "2024-01-01T12:00"), "op1", "10"));
        e.add(buy("p2", "p", local(LONDON, "2024-01-11T12:00"), "op2", "20"));
        e.add(buy("p3", "p", local(LONDON, "2024-01-31T09:00"), "op3", "5"));
        e.add(buy("p4", "p", local(LONDON, "2024-01-31T19:00"), "op4", "15"));
        e.add(Event.of("p", local(LONDON, "2024-02-05T12:00"), EventType.VISIT).withEventId("p5"));
        e.add(Event.of("p", local(LONDON, "2024-02-06T12:00"), EventType.COMPLAINT).withEventId("p6"));
        e.add(Event.of("p", local(LONDON, "2024-02-06T13:00"), EventType.REFUND).withEventId("p7"));
        e.add(buy("q1", "q", local(LONDON, "2024-01-20T12:00"), "oq1", "10"));
        e.add(buy("r1", "r", local(LONDON, "2024-02-09T12:00"), "or1", "8"));
        e.add(Event.of("s", local(LONDON, "2024-02-08T12:00"), EventType.VISIT).withEventId("s1"));
        if (withLaterEvents) {
            e.add(buy("p8", "p", local(LONDON, "2024-02-20T12:00"), "op8", "30"));
            e.add(Event.of("r", local(LONDON, "2024-02-11T00:30"), EventType.COMPLAINT).withEventId("r2"));
        }
        assertEquals(e.size(), store.append("api", e).accepted());
        return store;
    }

    @Test
    void featuresAreTheHandWorkedOnes() {
        RiskFeaturesResult result = shop("full", true).modelInputs().riskFeatures(new RiskFeatures(AsOf.of(F), FOOD));
        assertEquals(List.of("p", "r"), result.rows().stream().map(RiskFeaturesResult.Row::customerId).toList());
        RiskFeaturesResult.Row p = result.rows().get(0);
        Map<RiskFeature, Double> expectedP = Map.ofEntries(
                Map.entry(RiskFeature.RECENCY_DAYS, 10.0), Map.entry(RiskFeature.TENURE_DAYS, 40.0),
                Map.entry(RiskFeature.ACTIVE_DAYS, 3.0), Map.entry(RiskFeature.ACTIVE_DAYS_30, 1.0),
                Map.entry(RiskFeature.ACTIVE_DAYS_90, 3.0), Map.entry(RiskFeature.ORDERS, 4.0),
                Map.entry(RiskFeature.ORDERS_90, 4.0), Map.entry(RiskFeature.MONEY, 50.0),
                Map.entry(RiskFeature.MONEY_90, 50.0), Map.entry(RiskFeature.AVG_ORDER_VALUE, 12.5),
                Map.entry(RiskFeature.DAYS_SINCE_ORDER, 10.0), Map.entry(RiskFeature.GAP_MEAN, 15.0),
                Map.entry(RiskFeature.GAP_LAST, 20.0), Map.entry(RiskFeature.GAP_TREND, 20.0 / 15),
                Map.entry(RiskFeature.OVERDUE, 10.0 / 15), Map.entry(RiskFeature.VISIT_DAYS_30, 1.0),
                Map.entry(RiskFeature.VISIT_DAYS_90, 1.0), Map.entry(RiskFeature.EVENTS_30, 5.0),
                Map.entry(RiskFeature.COMPLAINT_DAYS, 1.0), Map.entry(RiskFeature.COMPLAINT_DAYS_90, 1.0),
                Map.entry(RiskFeature.REFUNDS, 1.0), Map.entry(RiskFeature.IS_NEW, 0.0),
                Map.entry(RiskFeature.IS_SILENT, 1.0));
        assertEquals(RiskFeature.values().length, expectedP.size(), "every feature is checked");
        for (RiskFeature f : RiskFeature.values()) {
            assertEquals(expectedP.get(f), p.value(f), 1e-12, "p " + f.wireName());
        }
        RiskFeaturesResult.Row r = result.rows().get(1);
        assertEquals(1.0, r.value(RiskFeature.RECENCY_DAYS));
        assertEquals(1.0, r.value(RiskFeature.TENURE_DAYS));
        assertEquals(8.0, r.value(RiskFeature.AVG_ORDER_VALUE));
        assertTrue(Double.isNaN(r.value(RiskFeature.GAP_MEAN)));
        assertTrue(Double.isNaN(r.value(RiskFeature.GAP_TREND)));
        assertTrue(Double.isNaN(r.value(RiskFeature.OVERDUE)));
        assertEquals(1.0, r.value(RiskFeature.IS_NEW));
        assertEquals(0.0, r.value(RiskFeature.IS_SILENT));
        assertEquals(0.0, r.value(RiskFeature.COMPLAINT_DAYS), "the complaint on Feb 11 is after F");
    }

    @Test
    void eventsAfterTheFeatureDateChangeNoFeature() {
        RiskFeatures def = new RiskFeatures(AsOf.of(F), FOOD);
        assertEquals(shop("cut", false).modelInputs().riskFeatures(def).rows(),
                shop("full", true).modelInputs().riskFeatures(def).rows());
    }

    @Test
    void lastActivityIsTheLabelSource() {
        TenantStore store = shop("full", true);
        // As of Feb 24: p's last order Feb 20, q's Jan 20, r's Feb 9; s never ordered.
        assertEquals(Map.of("p", LocalDate.of(2024, 2, 20), "q", LocalDate.of(2024, 1, 20), "r", LocalDate.of(2024, 2, 9)),
                store.modelInputs().lastActivity(Activity.ORDERS, AsOf.of(LocalDate.of(2024, 2, 24))));
    }
}
