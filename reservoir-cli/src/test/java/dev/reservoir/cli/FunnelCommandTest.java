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
 * {@code reservoir funnel | groups} in-process on a tiny shop (Asia/Shanghai):
 * <pre>
 *   c1  paid     2025-03-01 10:00 /item/1, 10:05 add_to_cart, 10:10 purchase; joins G1 02-01
 *   c2  not paid 2025-03-02 10:00 /item/2, 10:01 add_to_cart; joins G1 02-01, leaves 03-05
 *   c3           2025-03-03 10:00 /home (not a step: no entry)
 *   v9  visitor  2025-03-03 11:00 /item/3
 * </pre>
 * Funnel /item/* → add_to_cart → purchase, entries from 03-01, window 1 day, as of 03-10: entries
 * c1, c2, v9 = 3; cart c1, c2 = 2 (66.7%); purchase c1 = 1 (50.0% of 2, 33.3% of 3). Page to cart:
 * c1 300 s, c2 60 s -> median 180 s = 3 min 00 s; cart to purchase: c1 300 s.
 * Groups, March (incomplete): members at the start c1, c2; c2 left -> 1 of 2 = 50.0%; active
 * c1 (gaps 5 + 5 min = 600 s) and c2 (60 s) -> 330 s a day = 5 min 30 s.
 */
class FunnelCommandTest {
    @TempDir
    Path dir;
    Cli cli;

    @BeforeEach
    void shop() throws Exception {
        cli = new Cli(dir.resolve("data"));
        Path events = Files.writeString(dir.resolve("events.csv"), """
                event_id,customer_id,visitor_id,occurred_at,type,page,properties
                e1,c1,,2025-03-01 10:00:00,page_view,/item/1,
                e2,c1,,2025-03-01 10:05:00,add_to_cart,,
                e3,c1,,2025-03-01 10:10:00,purchase,,
                e4,c2,,2025-03-02 10:00:00,page_view,/item/2,
                e5,c2,,2025-03-02 10:01:00,add_to_cart,,
                e6,c3,,2025-03-03 10:00:00,page_view,/home,
                e7,,v9,2025-03-03 11:00:00,page_view,/item/3,
                g1,c1,,2025-02-01 09:00:00,group_join,,"{""group_id"":""G1""}"
                g2,c2,,2025-02-01 09:00:00,group_join,,"{""group_id"":""G1""}"
                g3,c2,,2025-03-05 09:00:00,group_leave,,"{""group_id"":""G1""}"
                """, StandardCharsets.UTF_8);
        Path customers = Files.writeString(dir.resolve("customers.csv"), """
                customer_id,paid_member
                c1,true
                c2,false
                """, StandardCharsets.UTF_8);
        Cli.Result imported = cli.run("import", events.toString());
        assertEquals(0, imported.exit(), imported::toString);
        assertEquals(0, cli.run("import", "--customers", customers.toString()).exit());
    }

    private Cli.Result funnel(String... extra) {
        String[] base = {"funnel", "--step", "/item/*", "--step", "add_to_cart", "--step", "purchase",
                "--from", "2025-03-01", "--as-of", "2025-03-10", "--window", "1d"};
        String[] all = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return cli.run(all);
    }

    @Test
    void funnel_table_showsEachStepAndTheDefinition() {
        Cli.Result r = funnel();
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("Funnel of tenant 'default' (Asia/Shanghai, CNY) as of 2025-03-10 (entries from 2025-03-01)"),
                r::toString);
        assertTrue(r.out().contains("Steps: /item/* → add_to_cart → purchase; order: ordered; window: 1 days (dates)"),
                r::toString);
        assertTrue(r.out().matches("(?s).*all\\s+2\\s+add_to_cart\\s+2\\s+66\\.7%\\s+66\\.7%\\s+1\\s+3 min 00 s\\s+.*"),
                r::toString);
        assertTrue(r.out().matches("(?s).*all\\s+3\\s+purchase\\s+1\\s+50\\.0%\\s+33\\.3%\\s+1\\s+5 min 00 s\\s+5 min 00 s\n.*"),
                r::toString);
        assertTrue(r.out().contains("Each person counts once, by the attempt that got furthest."), r::toString);
    }

    @Test
    void funnel_json_splitByPaidMember_andChinese() {
        JsonNode j = funnel("--split", "paid_member", "--format", "json").json();
        assertEquals("funnel", j.get("metric").asText());
        assertEquals(1, j.get("definition").get("window_days").asInt());
        assertEquals("/item/*", j.get("definition").get("steps").get(0).asText());
        JsonNode all = j.get("groups").get(0);
        assertEquals("all", all.get("group").asText());
        assertEquals(3, all.get("steps").get(0).get("reached").asLong());
        assertTrue(all.get("steps").get(0).get("from_previous").isNull());
        assertEquals(180.0, all.get("steps").get(1).get("median_seconds").asDouble());
        // Groups: false (c2) 1, 1, 0; true (c1) 1, 1, 1; unknown (v9) 1, 0, 0 with 0 of 0 undefined.
        assertEquals("false", j.get("groups").get(1).get("value").asText());
        assertEquals(0, j.get("groups").get(1).get("steps").get(2).get("reached").asLong());
        assertEquals("unknown", j.get("groups").get(3).get("group").asText());
        assertTrue(j.get("groups").get(3).get("steps").get(2).get("from_previous").isNull());

        Cli.Result zh = funnel("--lang", "zh");
        assertTrue(zh.out().contains("截至 2025-03-10 的漏斗"), zh::toString);
        assertTrue(zh.out().contains("3 分 00 秒"), zh::toString);
    }

    @Test
    void funnel_dropOffs_csvListsWhoStoppedWhere() {
        Cli.Result r = funnel("--drop-offs", "--format", "csv");
        assertEquals(0, r.exit(), r::toString);
        // v9 stopped after the page (step 1), c2 after the cart (step 2). Times are UTC instants.
        assertEquals("""
                id,anonymous,last_step,last_step_name,at,group,value\r
                v9,true,1,/item/*,2025-03-03T03:00:00Z,all,\r
                c2,false,2,add_to_cart,2025-03-02T02:01:00Z,all,\r
                """, r.out());
        Cli.Result at3 = funnel("--dropped-at", "3");
        assertTrue(at3.out().contains("People who dropped at step 3 (purchase): reached the step before it, not it: 1, showing 1"),
                at3::toString);
        assertTrue(at3.out().matches("(?s).*c2\\s+all\\s+2\\s+add_to_cart\\s+2025-03-02T10:01\n.*"), at3::toString);
    }

    @Test
    void funnel_badStepOrWindow_isAClearError() {
        Cli.Result r = funnel("--step", "buy");
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("error [INVALID_PARAMETER]: step: expected an event type"), r::toString);
        Cli.Result w = cli.run("funnel", "--step", "/", "--step", "purchase", "--window", "soon");
        assertEquals(1, w.exit(), w::toString);
        assertTrue(w.err().contains("--window: expected days such as 14d, or a duration"), w::toString);
        Cli.Result one = cli.run("funnel", "--step", "purchase", "--as-of", "2025-03-10");
        assertEquals(1, one.exit(), one::toString);
        assertTrue(one.err().contains("steps: expected 2 to 20 steps, was '1'"), one::toString);
    }

    @Test
    void groups_table_json_csv() {
        Cli.Result t = cli.run("groups", "--as-of", "2025-03-10", "--periods", "2");
        assertEquals(0, t.exit(), t::toString);
        assertTrue(t.out().contains("Groups (community) of tenant 'default' (Asia/Shanghai, CNY) as of 2025-03-10"),
                t::toString);
        assertTrue(t.out().matches("(?s).*2025-03-01\\*\\s+all groups\\s+2\\s+1\\s+50\\.0%\\s+0\\s+2\\s+5 min 30 s\n.*"),
                t::toString);
        assertTrue(t.out().matches("(?s).*2025-02-01\\s+all groups\\s+0\\s+0\\s+—\\s+0\\s+0\\s+—\n.*"), t::toString);
        JsonNode j = cli.run("groups", "--as-of", "2025-03-10", "--periods", "2", "--format", "json").json();
        JsonNode march = j.get("rows").get(2);
        assertEquals("2025-03-01", march.get("period_start").asText());
        assertTrue(march.get("group").isNull());
        assertEquals(0.5, march.get("churn_rate").asDouble());
        assertEquals(330.0, march.get("average_daily_online_seconds").asDouble());
        assertEquals("G1", j.get("rows").get(3).get("group").asText());
        Cli.Result csv = cli.run("groups", "--as-of", "2025-03-10", "--periods", "1", "--format", "csv");
        assertEquals("""
                period_start,period_end,complete,group,members_at_start,left,rejoined,churn_rate,active_members,active_days,online_seconds,average_daily_online_seconds\r
                2025-03-01,2025-03-31,false,,2,1,0,0.5,2,2,660.0,330.0\r
                2025-03-01,2025-03-31,false,G1,2,1,0,0.5,2,2,660.0,330.0\r
                """, csv.out());
        Cli.Result zh = cli.run("groups", "--as-of", "2025-03-10", "--periods", "1", "--lang", "zh");
        assertTrue(zh.out().contains("社群流失率"), zh::toString);
    }
}
