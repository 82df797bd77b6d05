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
 * {@code reservoir repurchase | annual | activity} in-process on a tiny shop (Asia/Shanghai):
 * <pre>
 *   c1  orders o1, o2 on 2025-03-01 (two orders one day); o3 2025-04-02; a visit 2025-04-03
 *   c2  order o4 2025-03-02; order o5 2024-06-01 (so c2 is a 2024 customer)
 *   c3  order o6 2025-04-01
 *   profiles: c1 paid member, c2 not; c3 none
 * </pre>
 * As of 2025-04-03: March buyers c1 (2 orders), c2 (1) -> 1 of 2 = 50.0%; April (incomplete)
 * c1, c3 with one order each -> 0.0%.
 */
class RepurchaseCommandTest {
    @TempDir
    Path dir;
    Cli cli;

    @BeforeEach
    void shop() throws Exception {
        cli = new Cli(dir.resolve("data"));
        Path events = Files.writeString(dir.resolve("events.csv"), """
                event_id,customer_id,occurred_at,type,order_id,amount
                e1,c1,2025-03-01 10:00:00,purchase,o1,10
                e2,c1,2025-03-01 18:00:00,purchase,o2,10
                e3,c1,2025-04-02 10:00:00,purchase,o3,10
                e4,c1,2025-04-03 10:00:00,visit,,
                e5,c2,2025-03-02 10:00:00,purchase,o4,10
                e6,c2,2024-06-01 10:00:00,purchase,o5,10
                e7,c3,2025-04-01 10:00:00,purchase,o6,10
                """, StandardCharsets.UTF_8);
        Path customers = Files.writeString(dir.resolve("customers.csv"), """
                customer_id,paid_member
                c1,true
                c2,false
                """, StandardCharsets.UTF_8);
        assertEquals(0, cli.run("import", events.toString()).exit());
        assertEquals(0, cli.run("import", "--customers", customers.toString()).exit());
    }

    @Test
    void repurchase_table_statesDefinitionAndMarksTheIncompletePeriod() {
        Cli.Result r = cli.run("repurchase", "--as-of", "2025-04-03", "--periods", "2", "--ladder", "2");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("Repurchase of tenant 'default' (Asia/Shanghai, CNY) as of 2025-04-03"), r::toString);
        assertTrue(r.out().contains("  2025-03               all         2          1  50.0%\n"), r::toString);
        assertTrue(r.out().contains("2025-04 (incomplete)"), r::toString);
        assertTrue(r.out().contains("An order is a customer's purchases with one order id"), r::toString);
    }

    @Test
    void repurchase_json_splitByPaidMember_withRatio() {
        Cli.Result r = cli.run("repurchase", "--as-of", "2025-04-03", "--periods", "2", "--within", "30",
                "--split", "paid_member", "--format", "json");
        assertEquals(0, r.exit(), r::toString);
        JsonNode json = r.json();
        assertEquals("paid_member", json.get("split").asText());
        JsonNode rows = json.get("in_period").get("rows");
        // March: all 1/2; false (c2) 0/1; true (c1) 1/1; unknown: nobody (rate null).
        assertEquals("all", rows.get(0).get("group").asText());
        assertEquals(0.5, rows.get(0).get("rate").asDouble());
        assertEquals("true", rows.get(2).get("value").asText());
        assertEquals(1.0, rows.get(2).get("rate").asDouble());
        assertTrue(rows.get(3).get("rate").isNull());
        // First-time buyers of March: c1 only (c2 first bought in 2024); window Mar 1 + 30 = Mar 31
        // has ended; o2 the same day counts: 1 returned of 1.
        JsonNode march = json.get("after_first").get("rows").get(0);
        assertEquals(1, march.get("first_time_buyers").asLong());
        assertEquals(1, march.get("returned").asLong());
        // Ladder: c1 3 orders, c2 2, c3 1 -> >= 1: 3, >= 2: 2.
        assertEquals(3, json.get("ladder").get("steps").get(0).get("customers").asLong());
        assertEquals(2, json.get("ladder").get("steps").get(0).get("next_customers").asLong());
    }

    @Test
    void annual_csv_andChineseTable() {
        // 2024 customers: c2; in 2025: c2 again -> 1/1. 2025 customers: c1, c3 new; c2 retained.
        Cli.Result csv = cli.run("annual", "--as-of", "2025-04-03", "--format", "csv");
        assertEquals(0, csv.exit(), csv::toString);
        assertEquals("year,complete,last_year_customers,retained,retention_rate,this_year_customers,new,reactivated\n"
                + "2025,false,1,1,1.0,3,2,0\n", csv.out().replace("\r\n", "\n"));
        Cli.Result zh = cli.run("annual", "--as-of", "2025-04-03", "--lang", "zh");
        assertTrue(zh.out().contains("年度客户留存率"), zh::toString);
        assertTrue(zh.out().contains("2025 年尚未结束"), zh::toString);
    }

    @Test
    void activity_defaultActivityCountsVisits_andPurchasesOnlyOnRequest() {
        // Apr 3: c1 visits -> DAU 1; 7 days Mar 28-Apr 3: c1, c3 -> 2; 30 days Mar 5-Apr 3: same 2.
        Cli.Result r = cli.run("activity", "--as-of", "2025-04-03", "--format", "json");
        assertEquals(0, r.exit(), r::toString);
        assertEquals(1, r.json().get("dau").asLong());
        assertEquals(2, r.json().get("wau").get("customers").asLong());
        assertEquals(30, r.json().get("daily").size());
        Cli.Result orders = cli.run("activity", "--as-of", "2025-04-03", "--activity", "purchase", "--format", "json");
        assertEquals(0, orders.json().get("dau").asLong());
        Cli.Result bad = cli.run("activity", "--activity", "shopping");
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("error [INVALID_PARAMETER]: --activity: expected event types among"), bad::toString);
    }
}
