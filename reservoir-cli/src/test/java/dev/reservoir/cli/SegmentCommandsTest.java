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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code rfm}, {@code lifecycle}, {@code tags} and {@code customers} in-process on tenant
 * 'default' (Asia/Shanghai) as of the clock's day 2025-06-01, look-back 365 days:
 * <pre>
 *   a  orders 05-01 (100), 05-30 (200, cat-litter); complaint and a 5-star review 05-31   R 2, F 2, M 300
 *   b  order 03-01 (50, dog-food)                                                          R 92, F 1, M 50
 *   c  orders 01-10, 01-20, 02-01 (400 each)                                               R 120, F 3, M 1200
 *   d  a visit 05-31, no order                                                             not scored
 * </pre>
 * Median split (n = 3): R median 92 (high R &lt; 92: a), F median 2 (high F &gt; 2: c), M median
 * 300 (high M &gt; 300: c): a general-develop, b general-retain, c important-keep.
 * Lifecycle, apparel (W 30, N 60): a converted (first order 31 days ago), b churned (92 days),
 * c churned (120), d acquired; usage: a (05-30, 05-31) and d (05-31) exploring.
 */
class SegmentCommandsTest {
    static final String EVENTS = """
            event_id,customer_id,occurred_at,type,order_id,amount,category,properties
            a1,a,2025-05-01 10:00:00,purchase,o1,100,,
            a2,a,2025-05-30 10:00:00,purchase,o2,200,cat-litter,
            a3,a,2025-05-31 10:00:00,complaint,,,,"{""reason"": ""late""}"
            a4,a,2025-05-31 11:00:00,review,,,,"{""rating"": ""5""}"
            b1,b,2025-03-01 10:00:00,purchase,o3,50,dog-food,
            c1,c,2025-01-10 10:00:00,purchase,o4,400,,
            c2,c,2025-01-20 10:00:00,purchase,o5,400,,
            c3,c,2025-02-01 10:00:00,purchase,o6,400,,
            d1,d,2025-05-31 10:00:00,visit,,,,
            """;
    static final String TAGS = """
            tags:
              - name: active-30d
                rule: days_inactive < 30
                en: Active in the last 30 days
                zh: 近 30 天活跃
              - name: cat-litter
                rule: "'cat-litter' in categories"
              - name: complained
                rule: complaints > 0
              - name: five-star
                rule: five_star_reviews > 0
              - name: big
                rule: money_total > 1000
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
        Files.writeString(root.resolve("data").resolve("default").resolve("tags.yaml"), TAGS, StandardCharsets.UTF_8);
    }

    @Test
    void rfmJson_medianClassesWorkedByHand() {
        Cli.Result r = cli.run("rfm", "--format", "json");
        assertEquals(0, r.exit(), r::toString);
        JsonNode json = r.json();
        assertEquals("median", json.get("definition").get("scoring").get("mode").asText());
        assertEquals("2024-06-02", json.get("definition").get("window_start").asText());
        assertEquals(92, json.get("thresholds").get("recency").asInt());
        assertEquals(3, json.get("scored").asInt());
        List<String> sizes = new ArrayList<>();
        json.get("classes").forEach(c -> sizes.add(c.get("class").asText() + "=" + c.get("customers").asInt()));
        assertEquals(List.of("important-value=0", "important-develop=0", "important-keep=1", "important-retain=0",
                "general-value=0", "general-develop=1", "general-keep=0", "general-retain=1"), sizes);
    }

    @Test
    void rfmTable_chineseNamesGridsAndMovement() {
        Cli.Result r = cli.run("rfm", "--lang", "zh", "--cuts", "r=30,f=2,m=300", "--compare", "2025-05-15");
        assertEquals(0, r.exit(), r::toString);
        // cut points: a R 2 <= 30, F 2 >= 2, M 300 >= 300: important-value
        assertTrue(r.out().contains("自定义切分点（R ≤ 30 天、F ≥ 2 单、M ≥ 300 为高）"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("  重要价值 important-value +R↑F↑M↑ +1 +33\\.3% +300\\.00 CNY.*")), r.out());
        // a was general-develop on 05-15 (one order, R 14, F 1 < 2) and is important-value now
        assertTrue(r.out().lines().anyMatch(l -> l.matches("  一般发展 +1( +0){8}")), r.out());
        assertTrue(r.out().contains("R × F 矩阵"), r.out());
        assertTrue(r.out().contains("从 2025-05-15 到 2025-06-01 的分类迁移"), r.out());
    }

    @Test
    void lifecycleJson_stagesAndUsage() {
        Cli.Result r = cli.run("lifecycle", "--preset", "apparel", "--weeks", "2", "--format", "json");
        assertEquals(0, r.exit(), r::toString);
        JsonNode stages = r.json().get("counts").get("stages");
        assertEquals(1, stages.get("acquired").asInt());
        assertEquals(1, stages.get("converted").asInt());
        assertEquals(2, stages.get("churned").asInt());
        assertEquals(0, stages.get("active").asInt());
        assertEquals(2, r.json().get("counts").get("usage").get("exploring").asInt());
        JsonNode weekly = r.json().get("weekly");
        assertEquals(2, weekly.size());
        // 2025-06-01 is a Sunday: both weeks complete; the week before ends 05-25
        assertEquals("2025-05-25", weekly.get(0).get("as_of").asText());
        assertEquals(true, weekly.get(1).get("complete").asBoolean());
    }

    @Test
    void tags_sizesFromTheTenantFile() {
        Cli.Result r = cli.run("tags", "--format", "json");
        assertEquals(0, r.exit(), r::toString);
        List<String> sizes = new ArrayList<>();
        r.json().get("tags").forEach(t -> sizes.add(t.get("name").asText() + "=" + t.get("customers").asInt()));
        assertEquals(List.of("active-30d=2", "cat-litter=1", "complained=1", "five-star=1", "big=1"), sizes);
    }

    @Test
    void customers_byTagSegmentAndStage_sortedByValue() throws Exception {
        Cli.Result tag = cli.run("customers", "--tag", "active-30d", "--format", "csv");
        assertEquals(0, tag.exit(), tag::toString);
        assertEquals("customer_id,days_inactive,money,orders,money_total,last_order,stage,rfm\r\n"
                + "a,1,300,2,300,2025-05-30,converted,general-develop\r\n"
                + "d,1,0,0,0,,acquired,\r\n", tag.out());
        Cli.Result churned = cli.run("customers", "--stage", "churned", "--preset", "apparel", "--format", "json");
        List<String> ids = new ArrayList<>();
        churned.json().get("customers").forEach(c -> ids.add(c.get("customer_id").asText()));
        assertEquals(List.of("c", "b"), ids);
        Path out = root.resolve("keep.jsonl");
        Cli.Result export = cli.run("customers", "--segment", "重要保持", "--export", out.toString());
        assertEquals(0, export.exit(), export::toString);
        assertEquals(List.of("{\"customer_id\":\"c\",\"recency\":120,\"frequency\":3,\"money\":1200,\"r_score\":1,"
                + "\"f_score\":2,\"m_score\":2,\"orders\":3,\"money_total\":1200,\"last_order\":\"2025-02-01\","
                + "\"stage\":\"churned\",\"rfm\":\"important-keep\"}"), Files.readAllLines(out));
    }

    /**
     * Who moved: with cut points r=30,f=2,m=300, a was general-develop on 05-15 (one order,
     * R 14) and is important-value on 06-01; c is important-keep on both dates.
     */
    @Test
    void customers_whoMovedFromAnotherClass() {
        Cli.Result r = cli.run("customers", "--segment", "important-value", "--was", "segment:general-develop",
                "--on", "2025-05-15", "--cuts", "r=30,f=2,m=300", "--format", "json");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("segment:important-value ← segment:general-develop @ 2025-05-15",
                r.json().get("definition").get("audience").asText());
        assertEquals(1, r.json().get("total").asInt());
        assertEquals("a", r.json().get("customers").get(0).get("customer_id").asText());
        Cli.Result none = cli.run("customers", "--segment", "important-keep", "--was", "segment:general-develop",
                "--on", "2025-05-15", "--cuts", "r=30,f=2,m=300", "--format", "json");
        assertEquals(0, none.json().get("total").asInt());
        Cli.Result bad = cli.run("customers", "--segment", "important-keep", "--was", "general-develop", "--on", "2025-05-15");
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("--was: expected segment:CLASS, stage:STAGE or tag:NAME"), bad.err());
    }

    @Test
    void tagsSave_checksEveryRule_thenReplacesTheTenantFile_andListsTheNewTags() throws Exception {
        Path tenantTags = root.resolve("data").resolve("default").resolve("tags.yaml");
        Path bad = Files.writeString(root.resolve("bad.yaml"), "tags:\n  - name: vip\n    rule: money > 'x'\n");
        Cli.Result refused = cli.run("tags", "--save", bad.toString());
        assertEquals(1, refused.exit(), refused::toString);
        assertTrue(refused.err().startsWith("error [TAG_RULE_TYPE]: " + bad + ": tag 'vip'"), refused.err());
        assertEquals(TAGS, Files.readString(tenantTags), "a file with a wrong rule replaces nothing");
        // Two of the fixture's tags: 'big' (c's 1,200 is the one total over 1,000) and 'complained'.
        String two = "tags:\n  - name: big\n    rule: money_total > 1000\n  - name: complained\n    rule: complaints > 0\n";
        Path good = Files.writeString(root.resolve("two.yaml"), two);
        Cli.Result saved = cli.run("tags", "--save", good.toString(), "--format", "json");
        assertEquals(0, saved.exit(), saved::toString);
        List<String> sizes = new ArrayList<>();
        saved.json().get("tags").forEach(t -> sizes.add(t.get("name").asText() + "=" + t.get("customers").asInt()));
        assertEquals(List.of("big=1", "complained=1"), sizes);
        assertEquals(two, Files.readString(tenantTags));
        assertEquals(2, cli.run("tags", "--save", good.toString(), "--tags", good.toString()).exit(), "--save with --tags");
    }

    @Test
    void badTagRule_isAnErrorPointingAtThePosition() throws Exception {
        Path bad = Files.writeString(root.resolve("bad.yaml"), """
                tags:
                  - name: vip
                    rule: money > 100 &&& recency < 30
                """, StandardCharsets.UTF_8);
        Cli.Result r = cli.run("tags", "--tags", bad.toString());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().startsWith("error [TAG_RULE_SYNTAX]: " + bad + ": tag 'vip': line 1, column"), r.err());
        Cli.Result zh = cli.run("tags", "--tags", bad.toString(), "--lang", "zh");
        assertTrue(zh.err().contains("标签 'vip'：第 1 行第"), zh.err());
        Cli.Result unknown = cli.run("customers", "--tag", "nope");
        assertEquals(1, unknown.exit(), unknown::toString);
        assertTrue(unknown.err().contains("[UNKNOWN_TAG]: tag 'nope' is not defined in"), unknown.err());
    }
}
