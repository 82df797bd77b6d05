package dev.reservoir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code reservoir customer ID} on a small shop, tenant 'default' (Asia/Shanghai), as of the
 * clock's day 2025-06-01, look-back 365 days, preset apparel (W 30, N 60):
 * <pre>
 *   a  orders o1 05-01 10:00 (100), o2 05-30 10:00 (200, cat-litter); 05-31: a page view 09:00 as
 *      visitor v-1, a complaint 10:00 (reason late), a 5-star review and a visit both at 11:00
 *   b  order 03-01 (50, dog-food)            c  orders 01-10, 01-20, 02-01 (400 each)
 *   d  a visit 05-31, no order
 * </pre>
 * Worked by hand for a: orders 2, money 300, R = 06-01 − 05-30 = 2 days, F 2, M 300; last
 * customer-initiated event 05-31: days_inactive 1; active days in [05-26, 06-01]: 05-30 and
 * 05-31, so 2 (usage exploring); tenure 06-01 − 05-01 = 31; one complaint, one review rated 5.
 * RFM median split over a, b, c (as SegmentCommandsTest): R median 92, F median 2, M median 300;
 * a is recent only: general-develop. Lifecycle (apparel): first order 31 days ago, no gap of 60
 * days: converted. Tags: active-30d (1 &lt; 30), cat-litter, complained, five-star; not big
 * (300 ≤ 1000). Timeline newest first: the visit a6 and the review a5 share 11:00, so event id
 * descending puts a6 first; then a4 (10:00), a3 (09:00), a2, a1: 6 events.
 */
class CustomerCommandTest {
    static final String EVENTS = """
            event_id,customer_id,visitor_id,occurred_at,type,order_id,amount,category,page,properties
            a1,a,,2025-05-01 10:00:00,purchase,o1,100,,,
            a2,a,,2025-05-30 10:00:00,purchase,o2,200,cat-litter,,
            a3,a,v-1,2025-05-31 09:00:00,page_view,,,,/cart,
            a4,a,,2025-05-31 10:00:00,complaint,,,,,"{""reason"": ""late""}"
            a5,a,,2025-05-31 11:00:00,review,,,,,"{""rating"": ""5""}"
            a6,a,,2025-05-31 11:00:00,visit,,,,,
            b1,b,,2025-03-01 10:00:00,purchase,o3,50,dog-food,,
            c1,c,,2025-01-10 10:00:00,purchase,o4,400,,,
            c2,c,,2025-01-20 10:00:00,purchase,o5,400,,,
            c3,c,,2025-02-01 10:00:00,purchase,o6,400,,,
            d1,d,,2025-05-31 10:00:00,visit,,,,,
            """;

    @TempDir
    Path root;
    private Cli cli;

    @BeforeEach
    void importShop() throws Exception {
        cli = new Cli(root.resolve("data"));
        Path file = Files.writeString(root.resolve("events.csv"), EVENTS, StandardCharsets.UTF_8);
        Cli.Result imported = cli.run("import", file.toString());
        assertEquals(0, imported.exit(), imported::toString);
        Files.writeString(root.resolve("data").resolve("default").resolve("tags.yaml"), SegmentCommandsTest.TAGS,
                StandardCharsets.UTF_8);
    }

    private JsonNode lookup(String... extra) {
        List<String> args = new ArrayList<>(List.of("customer", "--preset", "apparel", "--format", "json"));
        args.addAll(List.of(extra));
        Cli.Result r = cli.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r::toString);
        return r.json();
    }

    @Test
    void customer_factsSegmentsTagsAndTimeline_workedByHand() {
        JsonNode a = lookup("a");
        assertEquals("a", a.get("customer_id").asText());
        assertEquals("2025-06-01", a.get("as_of").asText());
        JsonNode facts = a.get("facts");
        assertEquals(2, facts.get("orders").asInt());
        assertEquals(300.0, facts.get("money").asDouble());
        assertEquals(300.0, facts.get("money_total").asDouble());
        assertEquals(2, facts.get("recency").asInt());
        assertEquals(2, facts.get("frequency").asInt());
        assertEquals(1, facts.get("days_inactive").asInt());
        assertEquals(2, facts.get("active_days_7").asInt());
        assertEquals(31, facts.get("tenure").asInt());
        assertEquals(1, facts.get("complaints").asInt());
        assertEquals(1, facts.get("five_star_reviews").asInt());
        assertEquals(0, facts.get("refunds").asInt());
        assertEquals("[\"cat-litter\"]", facts.get("categories").toString());
        assertEquals("converted", facts.get("stage").asText());

        JsonNode segments = a.get("segments");
        assertEquals("converted", segments.get("lifecycle_stage").get("code").asText());
        assertEquals("exploring", segments.get("usage_stage").get("code").asText());
        assertEquals("general-develop", segments.get("rfm_class").get("code").asText());
        assertEquals(2, segments.get("rfm_class").get("recency").asInt());
        assertEquals(300, segments.get("rfm_class").get("money").asInt());
        assertEquals("[\"active-30d\",\"cat-litter\",\"complained\",\"five-star\"]", a.get("tags").toString());
        assertFalse(a.has("predictions"), "no model given or saved");

        JsonNode profile = a.get("profile");
        assertEquals("2025-05-01T10:00:00+08:00", profile.get("first_seen").asText());
        assertEquals("2025-05-31T11:00:00+08:00", profile.get("last_seen").asText());
        assertEquals("[\"v-1\"]", profile.get("identified_visitors").toString());
        assertTrue(profile.get("registered_at").isNull());

        JsonNode timeline = a.get("timeline");
        assertEquals(6, timeline.get("total").asInt());
        assertEquals(6, timeline.get("shown").asInt());
        List<String> ids = new ArrayList<>();
        timeline.get("events").forEach(e -> ids.add(e.get("event_id").asText()));
        assertEquals(List.of("a6", "a5", "a4", "a3", "a2", "a1"), ids);
        JsonNode complaint = timeline.get("events").get(2);
        assertEquals("complaint", complaint.get("type").asText());
        assertEquals("2025-05-31T10:00:00+08:00", complaint.get("occurred_at").asText());
        assertEquals("2025-05-31", complaint.get("local_date").asText());
        assertEquals("late", complaint.get("properties").get("reason").asText());
        JsonNode order = timeline.get("events").get(4);
        assertEquals("o2", order.get("order_id").asText());
        assertEquals("200", order.get("amount").toString());
        assertEquals("cat-litter", order.get("category").asText());
        assertEquals("/cart", timeline.get("events").get(3).get("page").asText());
    }

    @Test
    void customer_asOfCutsTheFactsAndTheTimeline() {
        // As of 05-30 only a1 and a2 exist: R 0, days inactive 0, no complaint, no review, no visitor.
        JsonNode a = lookup("a", "--as-of", "2025-05-30", "--timeline", "1");
        assertEquals(2, a.get("facts").get("orders").asInt());
        assertEquals(0, a.get("facts").get("recency").asInt());
        assertEquals(0, a.get("facts").get("complaints").asInt());
        assertEquals("[\"active-30d\",\"cat-litter\"]", a.get("tags").toString());
        assertEquals(2, a.get("timeline").get("total").asInt());
        assertEquals(1, a.get("timeline").get("shown").asInt());
        assertEquals("a2", a.get("timeline").get("events").get(0).get("event_id").asText());
        assertFalse(a.get("profile").has("identified_visitors"));
        assertEquals("2025-05-30T10:00:00+08:00", a.get("profile").get("last_seen").asText());
    }

    @Test
    void customer_agreesWithTheTenantWideLists() {
        for (String id : List.of("a", "b", "c", "d")) {
            JsonNode one = lookup(id);
            JsonNode rfm = one.get("segments").get("rfm_class");
            if (!rfm.isNull()) {
                Cli.Result list = cli.run("customers", "--segment", rfm.get("code").asText(), "--format", "csv", "--limit", "0");
                assertTrue(list.out().lines().anyMatch(l -> l.startsWith(id + ",")), id + " in " + list.out());
            }
            String stage = one.get("segments").get("lifecycle_stage").get("code").asText();
            Cli.Result staged = cli.run("customers", "--stage", stage, "--preset", "apparel", "--format", "csv", "--limit", "0");
            assertTrue(staged.out().lines().anyMatch(l -> l.startsWith(id + ",")), id + " " + stage + " in " + staged.out());
            for (JsonNode tag : one.get("tags")) {
                Cli.Result tagged = cli.run("customers", "--tag", tag.asText(), "--format", "csv", "--limit", "0");
                assertTrue(tagged.out().lines().anyMatch(l -> l.startsWith(id + ",")), id + " tag " + tag);
            }
        }
        // b: one order 92 days before D, apparel N 60: churned; R 92 is not below the median 92
        JsonNode b = lookup("b");
        assertEquals("churned", b.get("segments").get("lifecycle_stage").get("code").asText());
        assertEquals("general-retain", b.get("segments").get("rfm_class").get("code").asText());
        // d: no order, never scored
        JsonNode d = lookup("d");
        assertTrue(d.get("segments").get("rfm_class").isNull());
        assertEquals("acquired", d.get("segments").get("lifecycle_stage").get("code").asText());
        assertEquals(99_999, d.get("facts").get("recency").asInt());
    }

    @Test
    void customer_quadrantIsTheQuadrantsCommands() {
        JsonNode quadrants = cli.run("quadrants", "--format", "json").json();
        for (String id : List.of("a", "d")) {
            JsonNode one = lookup(id);
            String expected = null;
            for (JsonNode m : quadrants.get("members")) {
                if (m.get("person").asText().equals(id) && m.get("customer").asBoolean()) {
                    expected = m.get("quadrant").isNull() ? null : m.get("quadrant").asText();
                }
            }
            JsonNode q = one.get("segments").get("quadrant");
            assertEquals(expected, q == null ? null : q.get("code").asText(), id);
        }
    }

    @Test
    void unknownCustomer_isAClearErrorInBothLanguages() {
        Cli.Result r = cli.run("customer", "zz");
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("CUSTOMER_NOT_FOUND"), r.err());
        assertTrue(r.err().contains("customer 'zz' is not known to tenant 'default' as of 2025-06-01"), r.err());
        Cli.Result early = cli.run("customer", "a", "--as-of", "2025-04-30", "--lang", "zh", "--format", "json");
        assertEquals(1, early.exit(), early::toString);
        assertEquals("CUSTOMER_NOT_FOUND", early.json().get("error").get("code").asText());
        assertTrue(early.json().get("error").get("message").asText().contains("客户 'a' 在租户 'default' 中截至 2025-04-30 不存在"),
                early.out());
    }

    @Test
    void tableAndCsv_showTheSameCustomer() {
        Cli.Result table = cli.run("customer", "a", "--preset", "apparel", "--timeline", "2");
        assertEquals(0, table.exit(), table::toString);
        assertTrue(table.out().startsWith("Customer a of tenant default as of 2025-06-01\n"), table.out());
        assertTrue(table.out().contains("general-develop"), table.out());
        assertTrue(table.out().contains("Timeline, newest first: 2 of 6 events"), table.out());
        Cli.Result zh = cli.run("customer", "a", "--preset", "apparel", "--lang", "zh");
        assertTrue(zh.out().contains("一般发展"), zh.out());
        Cli.Result csv = cli.run("customer", "a", "--format", "csv", "--timeline", "3");
        List<String> lines = csv.out().lines().toList();
        assertEquals(4, lines.size(), csv.out());
        assertTrue(lines.get(0).startsWith("customer_id,event_id,occurred_at,local_date,type"), lines.get(0));
        assertTrue(lines.get(1).startsWith("a,a6,2025-05-31T11:00:00+08:00,2025-05-31,visit"), lines.get(1));
        assertTrue(lines.get(3).contains("\"{\"\"reason\"\":\"\"late\"\"}\""), lines.get(3));
    }

    @Test
    void hostileId_isOneArgumentAndData() {
        for (String id : List.of("a' OR '1'='1", "--data=/", "<script>alert(1)</script>")) {
            Cli.Result r = cli.run("customer", "--format", "json", "--", id);
            assertEquals(1, r.exit(), r::toString);
            assertEquals("CUSTOMER_NOT_FOUND", r.json().get("error").get("code").asText(), r.out());
        }
    }

    @Test
    void knownAt_leavesOutLaterImports() throws Exception {
        // a late order of a, dated 05-31 but imported a day after the shop (clock 2025-06-02)
        Cli later = new Cli(root.resolve("data"), java.time.Clock.fixed(Cli.NOW.plusSeconds(86_400), java.time.ZoneOffset.UTC),
                java.util.Locale.ENGLISH);
        Path late = Files.writeString(root.resolve("late.csv"), """
                event_id,customer_id,occurred_at,type,order_id,amount
                a7,a,2025-05-31 12:00:00,purchase,o7,50
                """, StandardCharsets.UTF_8);
        assertEquals(0, later.run("import", late.toString()).exit());
        JsonNode now = lookup("a");
        assertEquals(3, now.get("facts").get("orders").asInt());
        assertEquals(7, now.get("timeline").get("total").asInt());
        assertEquals("a7", now.get("timeline").get("events").get(0).get("event_id").asText());
        // known at the first import's time (Cli.NOW): the shop as it was, before a7 arrived
        JsonNode then = lookup("a", "--known-at", Cli.NOW.toString());
        assertEquals(2, then.get("facts").get("orders").asInt());
        assertEquals(6, then.get("timeline").get("total").asInt());
        assertEquals("a6", then.get("timeline").get("events").get(0).get("event_id").asText());
        assertEquals(Cli.NOW.toString(), then.get("known_at").asText());
    }
}
