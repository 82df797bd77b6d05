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
 * {@code reservoir churn} and {@code warn} in-process, on a tenant 'default' (Asia/Shanghai),
 * as of the fixed clock's day 2025-06-01:
 * <pre>
 *   c1 buys Jan 5 and Mar 10 (30 each)   last activity Mar 10: 83 days silent
 *   c2 buys Feb 1 (100)                  120 days silent
 *   c3 buys Apr 20 (10)                  42 days silent
 * </pre>
 * Apparel (W 30, N 60), months April to June:
 * April: base = active Jan 31 - Mar 31 = c1, c2; c2 reaches Feb 1 + 60 = Apr 2 -> 1 of 2.
 * May: base = active Mar 2 - Apr 30 = c1, c3; c1 reaches Mar 10 + 60 = May 9 -> 1 of 2.
 * June (incomplete, only Jun 1 known): base = c3; c3 reaches Jun 19, after D -> 0 of 1.
 */
class ChurnCommandTest {
    static final String EVENTS = """
            event_id,customer_id,occurred_at,type,order_id,amount
            p1,c1,2025-01-05 10:00:00,purchase,o1,30
            p2,c1,2025-03-10 10:00:00,purchase,o2,30
            p3,c2,2025-02-01 10:00:00,purchase,o3,100
            p4,c3,2025-04-20 10:00:00,purchase,o4,10
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
    }

    @Test
    void churnJson_statesTheDefinition_andGivesTheRatesWorkedOutByHand() {
        Cli.Result result = cli.run("churn", "--preset", "apparel", "--periods", "3", "--format", "json");
        assertEquals(0, result.exit(), result::toString);
        JsonNode json = result.json();
        JsonNode d = json.get("definition");
        assertEquals(60, d.get("churn_days").asInt());
        assertEquals(30, d.get("warning_days").asInt());
        assertEquals("apparel", d.get("preset").asText());
        assertEquals("purchase", d.get("activity").get(0).asText());
        assertEquals("2025-06-01", d.get("as_of").asText());
        JsonNode rows = json.get("rows");
        assertEquals("2025-04-01", rows.get(0).get("start").asText());
        assertEquals(2, rows.get(0).get("base").asLong());
        assertEquals(1, rows.get(0).get("churned").asLong());
        assertEquals(0.5, rows.get(1).get("rate").asDouble());
        assertEquals(1, rows.get(2).get("base").asLong());
        assertEquals(0, rows.get(2).get("churned").asLong());
        assertEquals(false, rows.get(2).get("complete").asBoolean());
    }

    @Test
    void churnTable_hasAHeaderLineWithTheParameters_andMarksTheIncompletePeriod() {
        Cli.Result result = cli.run("churn", "--window", "60", "--periods", "3");
        assertEquals(0, result.exit(), result::toString);
        assertTrue(result.out().startsWith("Churn as of 2025-06-01: activity purchase, churn window N = 60 days,"
                + " warning W = 30 days (preset: custom)"), result::toString);
        assertTrue(result.out().contains("2025-06-30 *"), result::toString);
        assertTrue(result.out().contains("50.0%"), result::toString);
        Cli.Result zh = cli.run("churn", "--window", "60", "--periods", "3", "--lang", "zh");
        assertTrue(zh.out().startsWith("流失统计，截至 2025-06-01"), zh::toString);
    }

    @Test
    void churnPeriodOverPeriod_csv() {
        // Pairs (Mar -> Apr), (Apr -> May), (May -> Jun): Mar active c1, not in Apr -> 100%;
        // Apr active c3, not in May -> 100%; May nobody -> undefined (empty in CSV).
        Cli.Result result = cli.run("churn", "--period-over-period", "--periods", "3", "--format", "csv");
        assertEquals(0, result.exit(), result::toString);
        String[] lines = result.out().split("\r?\n");
        assertEquals("start,end,next_start,next_end,complete,active,retained,lost,rate", lines[0]);
        assertEquals("2025-03-01,2025-03-31,2025-04-01,2025-04-30,true,1,0,1,1.0", lines[1]);
        assertEquals("2025-05-01,2025-05-31,2025-06-01,2025-06-30,false,0,0,0,", lines[3]);
    }

    @Test
    void warn_listsSilentCustomers_andChurnedOnes() {
        Cli.Result silent = cli.run("warn", "--preset", "apparel", "--format", "json");
        assertEquals(0, silent.exit(), silent::toString);
        JsonNode s = silent.json();
        assertEquals(1, s.get("total").asInt());
        assertEquals("c3", s.get("customers").get(0).get("customer_id").asText());
        assertEquals(42, s.get("customers").get(0).get("days_silent").asInt());
        // Churned within a look-back of 60 days: D - L in 60..119 -> c1 (83), not c2 (120).
        Cli.Result churned = cli.run("warn", "--preset", "apparel", "--churned", "--format", "csv");
        assertEquals(0, churned.exit(), churned::toString);
        String[] lines = churned.out().split("\r?\n");
        assertEquals("customer_id,last_activity,days_silent,orders,money", lines[0]);
        assertEquals("c1,2025-03-10,83,2,60", lines[1]);
        assertEquals(2, lines.length);
    }

    @Test
    void autoPreset_printsTheCurveAndUsesItsWindow() {
        // One gap: c1 Jan 5 -> Mar 10 = 64 days; the recommended N is 64.
        Cli.Result result = cli.run("churn", "--preset", "auto", "--periods", "1", "--format", "json");
        assertEquals(0, result.exit(), result::toString);
        assertEquals(64, result.json().get("auto").get("recommended_days").asInt());
        assertEquals(64, result.json().get("definition").get("churn_days").asInt());
    }

    @Test
    void unknownActivity_isAnErrorNamingTheOption() {
        Cli.Result result = cli.run("churn", "--activity", "purchase,buy");
        assertEquals(1, result.exit(), result::toString);
        assertTrue(result.err().contains("INVALID_PARAMETER") && result.err().contains("--activity")
                && result.err().contains("'buy'"), result::toString);
    }
}
