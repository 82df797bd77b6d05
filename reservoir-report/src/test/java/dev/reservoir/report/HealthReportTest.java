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
import dev.reservoir.metric.CohortRetention;
import dev.reservoir.metric.CohortRetentionResult;
import dev.reservoir.metric.InactiveCustomers;
import dev.reservoir.metric.RepurchaseInPeriod;
import dev.reservoir.metric.RepurchaseInPeriodResult;
import dev.reservoir.metric.SessionScope;
import dev.reservoir.metric.SessionSummary;
import dev.reservoir.metric.SessionSummaryResult;
import dev.reservoir.segment.Lifecycle;
import dev.reservoir.segment.LifecycleStage;
import dev.reservoir.segment.Rfm;
import dev.reservoir.segment.RfmClass;
import dev.reservoir.segment.RfmScoring;
import dev.reservoir.segment.SegmentFactsQuery;
import dev.reservoir.time.AsOf;
import dev.reservoir.time.PeriodUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The customer-health report on a small shop whose weekly figures are worked out by hand, and
 * whose every other figure is compared with the metric it comes from.
 *
 * <p>Asia/Shanghai, orders only, food-delivery rule (W = 7, N = 14), D = Wednesday 2024-03-20.
 * This week = Mon Mar 18 – Sun Mar 24 (counted to Mar 20, incomplete); last week = Mar 11–17;
 * four weeks ago = the week of Feb 21 = Feb 19–25.
 * <pre>
 *   a  orders Feb 20, Mar 19          new 4 weeks ago; active 4 weeks ago and this week
 *   b  orders Feb 21                  new 4 weeks ago; reaches the standard Mar 6
 *   c  orders Mar 1                   reaches Mar 15 (last week)
 *   d  orders Mar 12, Mar 13 (42.50)  new last week; silent at D (D − L = 7)
 *   e  orders Mar 5                   reaches Mar 19 (this week)
 *   f  orders Mar 18, Mar 20          new this week
 *   h  orders Mar 10 (100.00)         a hostile id; silent at D (D − L = 10)
 * </pre>
 * New (first order in the week): this week f = 1; last week d = 1; four weeks ago a, b = 2.
 * Active (an order in the week): this week a, f = 2; last week d = 1; four weeks ago a, b = 2.
 * Churned: this week base = active Mar 4–17 = d, e, h = 3, reached Mar 18–20: e = 1; last week
 * base = active Feb 26 – Mar 10 = c, e, h = 3, reached Mar 11–17: c = 1; four weeks ago base =
 * active Feb 5–18 = nobody, churned 0. Silent list (L in Mar 7–13): h (100.00), d (42.50).
 */
class HealthReportTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate D = LocalDate.of(2024, 3, 20);
    static final ChurnRule FOOD = ChurnRule.of(ChurnPreset.FOOD_DELIVERY);
    static final String HOSTILE = "h\"<img src=x onerror=alert(1)>";

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

    private TenantStore shop(String tenant, boolean pageViews) {
        engine.createTenant(tenant, SHANGHAI, Currency.getInstance("CNY"));
        TenantStore store = engine.store(tenant);
        List<Event> e = new ArrayList<>();
        e.add(buy("a1", "a", "2024-02-20T12:00", "oa1", "10"));
        e.add(buy("a2", "a", "2024-03-19T12:00", "oa2", "10"));
        e.add(buy("b1", "b", "2024-02-21T12:00", "ob1", "10"));
        e.add(buy("c1", "c", "2024-03-01T12:00", "oc1", "10"));
        e.add(buy("d1", "d", "2024-03-12T12:00", "od1", "30"));
        e.add(buy("d2", "d", "2024-03-13T12:00", "od2", "12.50"));
        e.add(buy("e1", "e", "2024-03-05T12:00", "oe1", "10"));
        e.add(buy("f1", "f", "2024-03-18T12:00", "of1", "10"));
        e.add(buy("f2", "f", "2024-03-20T12:00", "of2", "10"));
        e.add(buy("h1", HOSTILE, "2024-03-10T12:00", "oh1", "100"));
        if (pageViews) {
            // Visitor p: two page views 5 minutes apart on Mar 19 (one session, two pages);
            // visitor q: one page view on Mar 12 (one session, one page: a bounce).
            e.add(Event.of("p", local("2024-03-19T10:00"), EventType.PAGE_VIEW).withEventId("p1").withPage("/", null));
            e.add(Event.of("p", local("2024-03-19T10:05"), EventType.PAGE_VIEW).withEventId("p2").withPage("/tea", null));
            e.add(Event.of("q", local("2024-03-12T10:00"), EventType.PAGE_VIEW).withEventId("q1").withPage("/", null));
        }
        assertEquals(e.size(), store.append("test", e).accepted());
        return store;
    }

    private static Instant local(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    private static Event buy(String eventId, String customer, String at, String order, String amount) {
        return Event.of(customer, local(at), EventType.PURCHASE).withEventId(eventId)
                .withOrder(order, "tea", null, 1L, new BigDecimal(amount));
    }

    private static ReportParameters parameters(Locale locale) {
        return new ReportParameters(AsOf.of(D), FOOD, Optional.of("food-delivery"), locale, 20, "docs/");
    }

    private static JsonNode section(JsonNode report, String id) {
        for (JsonNode s : report.get("sections")) {
            if (s.get("id").asText().equals(id)) {
                return s;
            }
        }
        return null;
    }

    private static JsonNode figure(JsonNode report, String section, String figure) {
        for (JsonNode f : section(report, section).get("figures")) {
            if (f.get("id").asText().equals(figure)) {
                return f;
            }
        }
        throw new AssertionError("no figure " + figure + " in " + section);
    }

    @Test
    void customersThisWeek_areTheCountsWorkedOutByHand() {
        JsonNode json = HealthReport.build(shop("s", false), parameters(Locale.ENGLISH)).json();
        JsonNode weeks = figure(json, "customers", "customers_this_week").get("data").get("weeks");
        assertEquals("this_week", weeks.get(0).get("week").asText());
        assertEquals("2024-03-18", weeks.get(0).get("start").asText());
        assertFalse(weeks.get(0).get("complete").asBoolean(), "the week ends Mar 24, after D");
        assertEquals("2024-03-11", weeks.get(1).get("start").asText());
        assertEquals("2024-02-19", weeks.get(2).get("start").asText());
        long[][] expected = {{1, 2, 1, 3}, {1, 1, 1, 3}, {2, 2, 0, 0}}; // new, active, churned, base
        for (int i = 0; i < 3; i++) {
            JsonNode w = weeks.get(i);
            assertEquals(expected[i][0], w.get("new_customers").asLong(), w::toString);
            assertEquals(expected[i][1], w.get("active_customers").asLong(), w::toString);
            assertEquals(expected[i][2], w.get("churned_customers").asLong(), w::toString);
            assertEquals(expected[i][3], w.get("churn_base").asLong(), w::toString);
            assertEquals(0, w.get("joined_churned").asLong(), w::toString);
        }
    }

    @Test
    void jsonFigures_equalTheMetricResultsTheyComeFrom() {
        TenantStore store = shop("s", false);
        AsOf asOf = AsOf.of(D);
        JsonNode json = HealthReport.build(store, parameters(Locale.ENGLISH)).json();
        assertEquals("customer_health", json.get("report").asText());
        assertEquals(1, json.get("schema_version").asInt());
        assertEquals("2024-03-20", json.get("as_of").asText());
        assertTrue(json.get("known_at").isNull());

        for (PeriodUnit unit : List.of(PeriodUnit.WEEK, PeriodUnit.MONTH)) {
            ChurnRate.Result churn = store.churn().churnRate(new ChurnRate(FOOD, unit, 12, asOf));
            JsonNode f = figure(json, "churn", "churn_rate_" + (unit == PeriodUnit.WEEK ? "weekly" : "monthly"));
            JsonNode rows = f.get("data").get("rows");
            assertEquals(12, rows.size());
            for (int i = 0; i < 12; i++) {
                ChurnRate.Row r = churn.rows().get(i);
                JsonNode j = rows.get(i);
                assertEquals(r.period().start().toString(), j.get("start").asText());
                assertEquals(r.base(), j.get("base").asLong());
                assertEquals(r.churned(), j.get("churned").asLong());
                assertEquals(r.joinedChurned(), j.get("joined_churned").asLong());
                assertEquals(r.rate() == null, j.get("rate").isNull());
                if (r.rate() != null) {
                    assertEquals(r.rate(), j.get("rate").asDouble());
                }
            }
            assertEquals(14, f.get("definition").get("parameters").get("churn_days").asInt());
            assertEquals("docs/metrics.md#report-churn-rate", f.get("definition").get("ref").asText());
        }
        // March by hand: base = active Feb 16-29 = a, b = 2; both reach the standard in March
        // (b Mar 6, a Mar 5) -> 100%.
        JsonNode march = figure(json, "churn", "churn_rate_monthly").get("data").get("rows").get(11);
        assertEquals(2, march.get("base").asLong());
        assertEquals(2, march.get("churned").asLong());

        RepurchaseInPeriodResult repurchase = store.repurchase().inPeriod(
                new RepurchaseInPeriod(PeriodUnit.MONTH, 12, asOf, Optional.empty()));
        JsonNode rep = figure(json, "repurchase", "repurchase_monthly").get("data").get("rows");
        assertEquals(12, rep.size());
        for (int i = 0; i < 12; i++) {
            RepurchaseInPeriodResult.Row r = repurchase.rows().get(i);
            assertEquals(r.period().start().toString(), rep.get(i).get("start").asText());
            assertEquals(r.buyers(), rep.get(i).get("buyers").asLong());
            assertEquals(r.repeatBuyers(), rep.get(i).get("repeat_buyers").asLong());
        }
        // March by hand: buyers a, c, d, e, f, h = 6; two orders: d, f = 2.
        assertEquals(6, rep.get(11).get("buyers").asLong());
        assertEquals(2, rep.get(11).get("repeat_buyers").asLong());

        CohortRetentionResult cohorts = store.retention().cohorts(CohortRetention.defaults(asOf));
        JsonNode jc = figure(json, "retention", "cohort_retention").get("data").get("cohorts");
        assertEquals(cohorts.cohorts().size(), jc.size());
        for (int i = 0; i < jc.size(); i++) {
            CohortRetentionResult.Cohort c = cohorts.cohorts().get(i);
            assertEquals(c.size(), jc.get(i).get("size").asLong());
            assertEquals(c.cells().size(), jc.get(i).get("cells").size());
            for (int k = 0; k < c.cells().size(); k++) {
                CohortRetentionResult.Cell cell = c.cells().get(k);
                JsonNode jcell = jc.get(i).get("cells").get(k);
                assertEquals(cell.retained() == null, jcell.get("retained").isNull());
                if (cell.retained() != null) {
                    assertEquals(cell.retained().longValue(), jcell.get("retained").asLong());
                }
            }
        }
        // February's cohort (a, b) by hand: a ordered again in March -> offset 1 retained 1.
        JsonNode feb = jc.get(10);
        assertEquals("2024-02-01", feb.get("start").asText());
        assertEquals(2, feb.get("size").asLong());
        assertEquals(1, feb.get("cells").get(1).get("retained").asLong());

        InactiveCustomers.Result silent = store.churn().inactiveCustomers(InactiveCustomers.silent(FOOD, asOf));
        JsonNode risk = figure(json, "at_risk", "at_risk_customers").get("data");
        assertEquals(silent.customers().size(), risk.get("customers_total").asInt());
        assertEquals(2, risk.get("customers_total").asInt());
        assertEquals(0, new BigDecimal("142.50").compareTo(risk.get("money_total").decimalValue()));
        assertEquals(HOSTILE, risk.get("customers").get(0).get("customer_id").asText(), "highest money first");
        assertEquals("d", risk.get("customers").get(1).get("customer_id").asText());
        for (int i = 0; i < silent.customers().size(); i++) {
            InactiveCustomers.Customer c = silent.customers().get(i);
            JsonNode j = risk.get("customers").get(i);
            assertEquals(c.customerId(), j.get("customer_id").asText());
            assertEquals(c.daysSilent(), j.get("days_silent").asLong());
            assertEquals(c.orders(), j.get("orders").asLong());
            assertEquals(0, c.money().compareTo(j.get("money").decimalValue()));
        }
    }

    @Test
    void sectionWithoutData_isAbsent_fromJsonAndHtml() {
        HealthReport report = HealthReport.build(shop("s", false), parameters(Locale.ENGLISH));
        assertEquals(List.of("customers", "churn", "repurchase", "retention", "lifecycle", "rfm", "at_risk"),
                report.sectionIds(),
                "no page views: no behaviour section");
        assertEquals(null, section(report.json(), "behaviour"));
        String html = report.html();
        assertFalse(html.contains("Behaviour"), "no heading, no placeholder");
        assertFalse(html.contains("id=\"behaviour\""));

        engine.createTenant("empty", SHANGHAI, Currency.getInstance("CNY"));
        HealthReport empty = HealthReport.build(engine.store("empty"), parameters(Locale.ENGLISH));
        assertEquals(List.of(), empty.sectionIds());
        assertEquals(0, empty.json().get("sections").size());
        assertFalse(empty.html().contains("<h2>"), "an empty tenant's page has no section");
    }

    @Test
    void behaviour_isPresentWithPageViews_andEqualsTheSessionsMetric() {
        TenantStore store = shop("web", true);
        JsonNode json = HealthReport.build(store, parameters(Locale.ENGLISH)).json();
        JsonNode weeks = figure(json, "behaviour", "sessions_weekly").get("data").get("weeks");
        // This week: p's one session with two pages, no bounce; last week: q's single page, a bounce.
        SessionSummaryResult now = store.behaviour().sessions(SessionSummary.of(
                new SessionScope(AsOf.of(D), LocalDate.of(2024, 3, 18), SessionScope.DEFAULT_TIMEOUT)));
        SessionSummaryResult last = store.behaviour().sessions(SessionSummary.of(
                new SessionScope(AsOf.of(LocalDate.of(2024, 3, 17)), LocalDate.of(2024, 3, 11),
                        SessionScope.DEFAULT_TIMEOUT)));
        assertEquals(now.sessions(), weeks.get(0).get("sessions").asLong());
        assertEquals(now.pageViews(), weeks.get(0).get("page_views").asLong());
        assertEquals(now.bounceRate(), weeks.get(0).get("bounce_rate").asDouble());
        assertEquals(last.sessions(), weeks.get(1).get("sessions").asLong());
        assertEquals(last.bounceRate(), weeks.get(1).get("bounce_rate").asDouble());
        assertEquals(2, weeks.get(0).get("page_views").asLong());
        assertEquals(0.0, weeks.get(0).get("bounce_rate").asDouble());
        assertEquals(1.0, weeks.get(1).get("bounce_rate").asDouble());
        assertTrue(weeks.get(2).get("bounce_rate").isNull(), "no page viewer four weeks ago: undefined, not 0");
    }

    @Test
    void html_hasEverySectionHeadingInItsLanguage_andTheInlinedChartLibrary() throws IOException {
        String library = webjarScript();
        TenantStore store = shop("web", true);
        String zh = HealthReport.build(store, parameters(Locale.CHINESE)).html();
        for (String heading : List.of("本周客户", "流失率及趋势", "复购趋势", "留存热力图", "生命周期阶段", "RFM 客户分类",
                "高价值流失风险客户", "用户行为")) {
            assertTrue(zh.contains("<h2>" + heading + "</h2>"), heading);
        }
        String en = HealthReport.build(store, parameters(Locale.ENGLISH)).html();
        for (String heading : List.of("Customers this week", "Churn rate and its trend", "Repurchase trend",
                "Retention heatmap", "Lifecycle stages", "RFM classes", "High-value customers at risk", "Behaviour")) {
            assertTrue(en.contains("<h2>" + heading + "</h2>"), heading);
        }
        assertFalse(en.contains("本周客户"));
        for (String html : List.of(zh, en)) {
            assertTrue(html.contains("<script>\n" + library), "echarts.min.js inlined whole");
            assertFalse(html.contains("src=\"http"), "nothing fetched");
            assertFalse(html.contains("<link"), "no external style sheet");
            assertTrue(html.contains("@page { size: A4"), "print CSS");
            assertTrue(html.contains("href=\"docs/metrics.md#report-customers\""));
            assertTrue(html.contains("href=\"docs/segments.md#report-lifecycle\""));
            assertTrue(html.contains("href=\"docs/segments.md#report-rfm\""));
            // The hostile customer id is escaped, in the table and nowhere raw.
            assertTrue(html.contains("h&quot;&lt;img src=x onerror=alert(1)&gt;"));
            assertFalse(html.replace(library, "").contains("<img"), "raw only inside the chart library's own code");
        }
    }

    /**
     * Lifecycle stages with the food-delivery rule (W = 7, N = 14), d = days from the last order
     * to the week's end, by hand:
     * <pre>
     *   as of D = Mar 20: a last Mar 19 (d 1), first Feb 20 (29 days: not new), came back Mar 19
     *                     after 28 days (≥ N) -> reactivated; b d 28, c d 19, e d 15 -> churned;
     *                     d d 7, h d 10 -> silent; f d 0, first Mar 18 -> converted.       total 7
     *   as of Sun Mar 17: a d 26, b d 25, c d 16 -> churned; e d 12, h d 7 -> silent;
     *                     d d 4, first Mar 12 -> converted; f not seen yet.                 total 6
     *   as of Sun Feb 25: a (Feb 20), b (Feb 21) -> converted; nobody else seen yet.        total 2
     * </pre>
     */
    @Test
    void lifecycle_isTheStageCountsWorkedOutByHand_andEqualsTheSegmentApi() {
        TenantStore store = shop("s", false);
        JsonNode f = figure(HealthReport.build(store, parameters(Locale.ENGLISH)).json(), "lifecycle",
                "lifecycle_stages");
        JsonNode weeks = f.get("data").get("weeks");
        List<LocalDate> ends = List.of(D, LocalDate.of(2024, 3, 17), LocalDate.of(2024, 2, 25));
        // acquired, converted, active, reactivated, silent, churned
        long[][] byHand = {{0, 1, 0, 1, 2, 3}, {0, 1, 0, 0, 2, 3}, {0, 2, 0, 0, 0, 0}};
        long[] totals = {7, 6, 2};
        for (int i = 0; i < 3; i++) {
            JsonNode w = weeks.get(i);
            assertEquals(ends.get(i).toString(), w.get("as_of").asText());
            AsOf at = AsOf.of(ends.get(i));
            Lifecycle.Counts api = new Lifecycle(at, FOOD).count(
                    store.segments().facts(new SegmentFactsQuery(at, 365, FOOD)), true);
            assertEquals(totals[i], w.get("customers").asLong(), w::toString);
            assertEquals(api.customers(), w.get("customers").asLong());
            for (LifecycleStage s : LifecycleStage.values()) {
                long reported = w.get("stages").get(s.wireName()).asLong();
                assertEquals(byHand[i][s.ordinal()], reported, () -> s + " " + w);
                assertEquals(api.stage(s), reported, () -> s + " " + w);
            }
        }
        assertEquals(List.of("this_week", "last_week", "four_weeks_ago"),
                List.of(weeks.get(0).get("week").asText(), weeks.get(1).get("week").asText(),
                        weeks.get(2).get("week").asText()));
        JsonNode p = f.get("definition").get("parameters");
        assertEquals(7, p.get("warning_days").asInt());
        assertEquals(14, p.get("churn_days").asInt());
        assertEquals("docs/segments.md#report-lifecycle", f.get("definition").get("ref").asText());
    }

    /**
     * RFM, L = 365, median split, by hand. R (days to D) / F / M: a 1/2/20, b 28/1/10, c 19/1/10,
     * d 7/2/42.50, e 15/1/10, f 0/2/20, h 10/1/100. Medians of the 7: R 10, F 1, M 20; high is
     * R &lt; 10 (a, d, f), F &gt; 1 (a, d, f), M &gt; 20 (d, h; a and f on the median are low). So
     * d = important-value, h = important-retain, a, f = general-value, b, c, e = general-retain;
     * money 42.50 + 100 + 40 + 30 = 212.50, important-value's money share 42.50 / 212.50 = 0.2.
     */
    @Test
    void rfm_isTheClassesWorkedOutByHand_andEqualsTheSegmentApi() {
        TenantStore store = shop("s", false);
        JsonNode f = figure(HealthReport.build(store, parameters(Locale.CHINESE)).json(), "rfm", "rfm_classes");
        JsonNode data = f.get("data");
        Rfm.Result api = new Rfm(AsOf.of(D), 365, new RfmScoring.Split(RfmScoring.Split.Center.MEDIAN))
                .score(store.segments().facts(new SegmentFactsQuery(AsOf.of(D), 365, FOOD)));
        assertEquals(7, data.get("scored_customers").asLong());
        assertEquals(api.customers().size(), data.get("scored_customers").asLong());
        assertEquals(0, new BigDecimal("212.50").compareTo(data.get("money_total").decimalValue()));
        assertEquals(0, new BigDecimal("10").compareTo(data.get("thresholds").get("recency_days").decimalValue()));
        assertEquals(0, new BigDecimal("1").compareTo(data.get("thresholds").get("frequency").decimalValue()));
        assertEquals(0, new BigDecimal("20").compareTo(data.get("thresholds").get("money").decimalValue()));
        long[] byHand = {1, 0, 0, 1, 2, 0, 0, 3}; // in RfmClass order
        JsonNode classes = data.get("classes");
        assertEquals(8, classes.size());
        for (RfmClass c : RfmClass.values()) {
            JsonNode j = classes.get(c.ordinal());
            Rfm.ClassSummary s = api.summary(c);
            assertEquals(c.wireName(), j.get("class").asText());
            assertEquals(c.chinese(), j.get("name").asText(), "names in the report's language");
            assertEquals(byHand[c.ordinal()], j.get("customers").asLong(), c::toString);
            assertEquals(s.customers(), j.get("customers").asLong());
            assertEquals(s.customerShare(), j.get("customer_share").asDouble());
            assertEquals(0, s.money().compareTo(j.get("money").decimalValue()));
            assertEquals(s.moneyShare(), j.get("money_share").asDouble());
        }
        assertEquals(0.2, classes.get(RfmClass.IMPORTANT_VALUE.ordinal()).get("money_share").asDouble(), 1e-12);
        assertEquals(3.0 / 7, classes.get(RfmClass.GENERAL_RETAIN.ordinal()).get("customer_share").asDouble(), 1e-12);
        assertTrue(classes.get(RfmClass.GENERAL_KEEP.ordinal()).get("money_share").asDouble() == 0.0,
                "an empty class of a scored population: share 0, defined");
        JsonNode p = f.get("definition").get("parameters");
        assertEquals(365, p.get("look_back_days").asInt());
        assertEquals("median", p.get("scoring").asText());
        assertEquals("docs/segments.md#report-rfm", f.get("definition").get("ref").asText());
    }

    /** An order more than 365 days before D: the lifecycle counts it (churned), RFM scores nobody. */
    @Test
    void rfm_isAbsent_whenNobodyOrderedInTheLookBack() {
        engine.createTenant("old", SHANGHAI, Currency.getInstance("CNY"));
        TenantStore store = engine.store("old");
        store.append("test", List.of(buy("o1", "o", "2023-01-10T12:00", "oo1", "10")));
        HealthReport report = HealthReport.build(store, parameters(Locale.ENGLISH));
        assertTrue(report.sectionIds().contains("lifecycle"));
        assertFalse(report.sectionIds().contains("rfm"), report.sectionIds()::toString);
        assertEquals(1, figure(report.json(), "lifecycle", "lifecycle_stages").get("data").get("weeks").get(0)
                .get("stages").get("churned").asLong());
        assertFalse(report.html().contains("RFM classes"));
    }

    /** The library as the webjar ships it, read here without the report's own reader. */
    private static String webjarScript() throws IOException {
        try (InputStream in = HealthReportTest.class.getClassLoader()
                .getResourceAsStream("META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js")) {
            assertNotNull(in, "the echarts 5.3.1 webjar is on the class path");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.length() > 500_000, "the full build, not a stub");
            return text;
        }
    }
}
