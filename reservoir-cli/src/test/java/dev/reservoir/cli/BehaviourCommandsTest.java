package dev.reservoir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code reservoir sessions | pages | paths | quadrants} in-process on tenant 'default'
 * (Asia/Shanghai). An access log (UTC times, 10:00–11:03 on 2025-05-20 in Shanghai):
 * <pre>
 *   v1 10.0.0.1  02:00 / (from google), 02:01 /shop, 02:03 /cart   one session, 3 views, 180 s
 *   v2 10.0.0.2  02:10 /, 03:00 / (50 minutes later)               two sessions of 1 view
 *   v3 10.0.0.3  02:20 /shop (from shop.example.com)               one session, 1 view
 *   an image and a Googlebot request: skipped
 * </pre>
 * Sessions on 05-20: 4; visitors 3; views 6; 180 s; one-page visitors: v3 only (v2 has two
 * views) = 1 of 3. Channels with site host shop.example.com: search 1, direct 2, internal 1.
 * Customers (canonical file, Shanghai times): x views on 05-18 10:00 and 10:10 and 05-19 09:00
 * (two sessions, 600 s: 300 s on average), y on 05-18 12:00 and 12:20 (one session, 1200 s).
 */
class BehaviourCommandsTest {
    static final String UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/120.0.0.0 Safari/537.36";

    static String line(String ip, String time, String path, String referrer, String agent) {
        return ip + " - - [20/May/2025:" + time + " +0000] \"GET " + path + " HTTP/1.1\" 200 512 \"" + referrer
                + "\" \"" + agent + "\"\n";
    }

    static final String LOG = line("10.0.0.1", "02:00:00", "/", "https://www.google.com/", UA)
            + line("10.0.0.1", "02:01:00", "/shop", "-", UA)
            + line("10.0.0.1", "02:01:01", "/img/logo.png", "-", UA)
            + line("10.0.0.1", "02:03:00", "/cart", "-", UA)
            + line("10.0.0.2", "02:10:00", "/", "-", UA)
            + line("10.0.0.3", "02:20:00", "/shop?ref=x", "http://shop.example.com/", UA)
            + line("66.249.73.135", "02:30:00", "/", "-", "Mozilla/5.0 (compatible; Googlebot/2.1;"
                    + " +http://www.google.com/bot.html)")
            + line("10.0.0.2", "03:00:00", "/", "-", UA);

    static final String CUSTOMERS = """
            event_id,customer_id,occurred_at,type,page
            q1,x,2025-05-18 10:00:00,page_view,/
            q2,x,2025-05-18 10:10:00,page_view,/shop
            q3,x,2025-05-19 09:00:00,page_view,/
            q4,y,2025-05-18 12:00:00,page_view,/
            q5,y,2025-05-18 12:20:00,page_view,/cart
            """;

    @TempDir
    Path root;
    private Cli cli;

    @BeforeEach
    void importShop() throws Exception {
        cli = new Cli(root.resolve("data"));
        Path log = Files.writeString(root.resolve("access.log"), LOG, StandardCharsets.UTF_8);
        Cli.Result imported = cli.run("import", log.toString(), "--mapping", "access-log", "--format", "json");
        assertEquals(0, imported.exit(), imported::toString);
        JsonNode file = imported.json().get("files").get(0);
        assertEquals(8, file.get("read").asLong());
        assertEquals(6, file.get("accepted").asLong());
        assertEquals(2, file.get("skipped").asLong());
        Path customers = Files.writeString(root.resolve("customers.csv"), CUSTOMERS, StandardCharsets.UTF_8);
        Cli.Result second = cli.run("import", customers.toString());
        assertEquals(0, second.exit(), second::toString);
    }

    @Test
    void import_table_saysHowManyLinesTheMappingSkipped() throws Exception {
        Path log = Files.writeString(root.resolve("again.log"), LOG, StandardCharsets.UTF_8);
        Cli.Result again = cli.run("import", log.toString(), "--mapping", "access-log");
        assertEquals(0, again.exit(), again::toString);
        assertTrue(again.out().contains("2 lines skipped by the mapping's rules"), again::toString);
    }

    @Test
    void import_includeCrawlersAndMaskIp_changeTheAccessLogMapping() throws Exception {
        Path log = Files.writeString(root.resolve("again.log"), LOG, StandardCharsets.UTF_8);
        // Googlebot's view is now stored (a new event); the others are the same events as before
        // only when the addresses are not masked, so masking stores them again under new visitors.
        Cli.Result crawlers = cli.run("import", log.toString(), "--mapping", "access-log", "--include-crawlers",
                "--format", "json");
        assertEquals(0, crawlers.exit(), crawlers::toString);
        assertEquals(1, crawlers.json().get("files").get(0).get("accepted").asLong());
        assertEquals(6, crawlers.json().get("files").get(0).get("duplicates").asLong());
        Cli.Result masked = cli.run("import", log.toString(), "--mapping", "access-log", "--mask-ip", "1",
                "--format", "json");
        assertEquals(0, masked.exit(), masked::toString);
        assertEquals(6, masked.json().get("files").get(0).get("accepted").asLong());
        Cli.Result wrong = cli.run("import", log.toString(), "--include-crawlers");
        assertEquals(2, wrong.exit(), wrong::toString);
        assertTrue(wrong.err().contains("settings of the access-log mapping"), wrong::toString);
    }

    @Test
    void sessionsJson_givesTheFiguresWorkedOutByHand() {
        Cli.Result r = cli.run("sessions", "--as-of", "2025-05-20", "--from", "2025-05-20", "--site-host",
                "shop.example.com", "--format", "json");
        assertEquals(0, r.exit(), r::toString);
        JsonNode j = r.json();
        assertEquals("2025-05-20", j.get("from").asText());
        assertEquals(1800, j.get("session_timeout_seconds").asLong());
        assertEquals(4, j.get("sessions").asLong());
        assertEquals(3, j.get("visitors").asLong());
        assertEquals(6, j.get("page_views").asLong());
        assertEquals(1.5, j.get("pages_per_session").asDouble());
        assertEquals(180, j.get("session_seconds").asLong());
        assertEquals(1, j.get("bounce").get("one_page_visitors").asLong());
        assertEquals(3, j.get("bounce").get("page_visitors").asLong());
        assertEquals(1, j.get("channels").get("search").asLong());
        assertEquals(2, j.get("channels").get("direct").asLong());
        assertEquals(1, j.get("channels").get("internal").asLong());
        assertEquals(3, j.get("new_visitors").asLong());
    }

    @Test
    void sessionsTable_inEnglishAndChinese_statesTheDefinition() {
        Cli.Result en = cli.run("sessions", "--as-of", "2025-05-20", "--from", "2025-05-20");
        assertEquals(0, en.exit(), en::toString);
        assertTrue(en.out().contains("Sessions that began 2025-05-20 … 2025-05-20, split after 30 min"), en::toString);
        assertTrue(en.out().contains("33.3%"), en::toString);
        assertTrue(en.out().contains("A session is a person's events"), en::toString);
        Cli.Result zh = cli.run("sessions", "--as-of", "2025-05-20", "--from", "2025-05-20", "--lang", "zh");
        assertEquals(0, zh.exit(), zh::toString);
        assertTrue(zh.out().contains("跳失率"), zh::toString);
        assertTrue(zh.out().contains("搜索引擎"), zh::toString);
    }

    @Test
    void pagesCsv_exitAndBounceRatesWithCounts() {
        Cli.Result r = cli.run("pages", "--as-of", "2025-05-20", "--from", "2025-05-20", "--format", "csv");
        assertEquals(0, r.exit(), r::toString);
        String[] lines = r.out().split("\r\n");
        assertEquals("page,views,sessions,exits,exit_rate,entrances,bounces,bounce_rate", lines[0]);
        // '/': v1, v2 twice: 3 views in 3 sessions, last view of v2's two; all 3 began there, 2 single-view.
        assertEquals("/,3,3,2,0.6666666666666666,3,2,0.6666666666666666", lines[1]);
        // '/shop': v1 (then /cart) and v3 (its only view, its landing page).
        assertEquals("/shop,2,2,1,0.5,1,1,1.0", lines[2]);
        // '/cart': v1's exit, never a landing page: its bounce rate is undefined (empty).
        assertEquals("/cart,1,1,1,1.0,0,0,", lines[3]);
    }

    @Test
    void pathsJson_fromTheHomePage_withAMainPath() {
        Cli.Result r = cli.run("paths", "--as-of", "2025-05-20", "--from", "2025-05-20", "--start", "/",
                "--steps", "2", "--main-path", "/,/shop,/cart", "--format", "json");
        assertEquals(0, r.exit(), r::toString);
        JsonNode j = r.json();
        assertEquals(3, j.get("anchored_sessions").asLong());
        assertEquals("[\"/\",\"(exit)\"]", j.get("paths").get(0).get("steps").toString());
        assertEquals(2, j.get("paths").get(0).get("sessions").asLong());
        assertEquals("[\"/\",\"/shop\",\"/cart\"]", j.get("paths").get(1).get("steps").toString());
        assertEquals("[3,1,1]", j.get("main_path").get("reached").toString());
        assertEquals("[2,0]", j.get("main_path").get("left_at_step").toString());
        Cli.Result table = cli.run("paths", "--as-of", "2025-05-20", "--from", "2025-05-20", "--start", "/",
                "--main-path", "/,/shop,/cart", "--lang", "zh");
        assertEquals(0, table.exit(), table::toString);
        assertTrue(table.out().contains("主路径 / → /shop → /cart：1 / 3 个会话走完（33.3%）"), table::toString);
    }

    @Test
    void quadrants_medianSplit_andMovementFromNoActivity() {
        // x: 2 sessions, 300 s average; y: 1 session, 1200 s. Medians 1.5 and 750:
        // x count high, dwell low (heavy-active); y the opposite (light-dependent).
        Cli.Result r = cli.run("quadrants", "--as-of", "2025-05-20", "--format", "json");
        assertEquals(0, r.exit(), r::toString);
        JsonNode j = r.json();
        assertEquals(1.5, j.get("thresholds").get("count").asDouble());
        assertEquals(750.0, j.get("thresholds").get("dwell_seconds").asDouble());
        assertEquals(1, j.get("counts").get("heavy-active").asLong());
        assertEquals(1, j.get("counts").get("light-dependent").asLong());
        assertEquals("x", j.get("members").get(0).get("person").asText());
        assertEquals("heavy-active", j.get("members").get(0).get("quadrant").asText());
        assertTrue(j.get("members").get(0).get("previous").isNull());
        Cli.Result zh = cli.run("quadrants", "--as-of", "2025-05-20", "--list", "--lang", "zh");
        assertEquals(0, zh.exit(), zh::toString);
        assertTrue(zh.out().contains("重度活跃"), zh::toString);
        assertTrue(zh.out().contains("一般依赖"), zh::toString);
        assertTrue(zh.out().contains("（未活跃）"), zh::toString);
    }

    @Test
    void badParameters_areNamed() {
        Cli.Result from = cli.run("sessions", "--as-of", "2025-05-20", "--from", "2025-05-21");
        assertEquals(1, from.exit(), from::toString);
        assertTrue(from.err().contains("INVALID_PARAMETER") && from.err().contains("--from"), from::toString);
        Cli.Result step = cli.run("paths", "--start", "@nosuch");
        assertEquals(1, step.exit(), step::toString);
        assertTrue(step.err().contains("--start") && step.err().contains("@nosuch"), step::toString);
    }
}
