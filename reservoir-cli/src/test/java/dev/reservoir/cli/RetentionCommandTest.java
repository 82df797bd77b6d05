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

class RetentionCommandTest {
    /**
     * Tenant default (Asia/Shanghai), orders only. As of 2025-03-10, monthly by first purchase:
     * Jan {a, b} = 2: k0 none; k1 (Feb) {a} 50%; k2 (Mar, incomplete) {b} 50%*.
     * Feb {c} = 1: k0 {c} (C2 the day after C1) 100%; k1 (Mar, incomplete) 0%*.
     * Mar {} = 0: k0 undefined, incomplete.
     * 7-day: entries d with d + 7 <= Mar 10: a, b, c = 3; within 7 days: c (Feb 11) = 1; on day 7: 0.
     */
    static final String EVENTS = """
            event_id,customer_id,visitor_id,occurred_at,type,order_id,amount
            o1,a,,2025-01-05 10:00:00,purchase,A1,10
            o2,a,,2025-02-07 10:00:00,purchase,A2,10
            o3,b,,2025-01-20 10:00:00,purchase,B1,10
            o4,b,,2025-03-03 10:00:00,purchase,B2,10
            o5,c,,2025-02-10 10:00:00,purchase,C1,10
            o6,c,,2025-02-11 10:00:00,purchase,C2,10
            """;

    @TempDir
    Path root;
    private Cli cli;

    @BeforeEach
    void importFixture() throws Exception {
        cli = new Cli(root.resolve("data"));
        Path file = Files.writeString(root.resolve("events.csv"), EVENTS, StandardCharsets.UTF_8);
        Cli.Result imported = cli.run("import", file.toString());
        assertEquals(0, imported.exit(), imported::toString);
    }

    @Test
    void table_isATriangleWithSizesAndIncompleteCellsMarked() {
        Cli.Result r = cli.run("retention", "--as-of", "2025-03-10", "--cohorts", "3", "--offsets", "3", "--lang", "en");
        assertEquals(0, r.exit(), r::toString);
        String out = r.out();
        assertTrue(out.contains("Entry: first-purchase; returning: purchase; period: month; mode: on"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\s*2025-01\\s+2\\s+0\\.0%\\s+50\\.0%\\s+50\\.0%\\*\\s*")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\s*2025-02\\s+1\\s+100\\.0%\\s+0\\.0%\\*\\s*")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\s*2025-03\\*\\s+0\\s+—\\*\\s*")), out);
        assertTrue(out.contains("* incomplete"), out);
    }

    @Test
    void table_inChinese() {
        Cli.Result r = cli.run("retention", "--as-of", "2025-03-10", "--cohorts", "3", "--lang", "zh");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("同期群留存"), r.out());
        assertTrue(r.out().contains("进入事件：首购；回访行为：购买；周期：月；口径：当期"), r.out());
    }

    @Test
    void json_followsTheDocumentedSchema_withinIsNullAtZero() {
        JsonNode j = cli.run("retention", "--as-of", "2025-03-10", "--cohorts", "3", "--mode", "within",
                "--format", "json").json();
        assertEquals("cohort_retention", j.get("metric").asText());
        assertEquals("within", j.get("definition").get("mode").asText());
        assertEquals("purchase", j.get("definition").get("returning").get(0).asText());
        JsonNode jan = j.get("cohorts").get(0);
        assertEquals("2025-01-01", jan.get("start").asText());
        assertEquals(2, jan.get("size").asLong());
        assertTrue(jan.get("cells").get(0).get("retained").isNull());
        assertTrue(jan.get("cells").get(0).get("rate").isNull());
        // within 1..2: {a, b}; March is incomplete.
        assertEquals(2, jan.get("cells").get(2).get("retained").asLong());
        assertEquals(false, jan.get("cells").get(2).get("complete").asBoolean());
        assertEquals(3, jan.get("cells").size());
    }

    @Test
    void csv_hasOneRowPerCohortAndOffset() {
        Cli.Result r = cli.run("retention", "--as-of", "2025-03-10", "--cohorts", "3", "--format", "csv");
        assertEquals(0, r.exit(), r::toString);
        // header + Jan 3 cells + Feb 2 + Mar 1
        assertEquals(7, r.out().lines().count(), r.out());
        assertTrue(r.out().contains("2025-01-01,2025-01-31,true,2,1,2025-02-01,2025-02-28,true,1,0.5"), r.out());
    }

    @Test
    void nDay_reportsCountsAndRatesPerN() {
        JsonNode j = cli.run("retention", "--as-of", "2025-03-10", "--n-day", "7", "--format", "json").json();
        JsonNode row = j.get("rows").get(0);
        assertEquals(7, row.get("days").asInt());
        assertEquals(3, row.get("entered").asLong());
        assertEquals(1, row.get("returned_within").asLong());
        assertEquals(0, row.get("returned_on_day").asLong());
        Cli.Result table = cli.run("retention", "--as-of", "2025-03-10", "--n-day", "7,30", "--lang", "en");
        assertTrue(table.out().contains("33.3%"), table.out());
    }

    @Test
    void badOptions_areUsageErrorsNamingTheOption() {
        Cli.Result mode = cli.run("retention", "--mode", "sometimes");
        assertEquals(2, mode.exit());
        assertTrue(mode.err().contains("--mode") && mode.err().contains("expected on, on-or-after or within, was 'sometimes'"),
                mode.err());
        Cli.Result offsets = cli.run("retention", "--offsets", "-1");
        assertEquals(2, offsets.exit(), offsets::toString);
        assertTrue(offsets.err().contains("--offsets"), offsets.err());
        Cli.Result returning = cli.run("retention", "--returning", "purchase,sleep");
        assertEquals(2, returning.exit());
    }
}
