package dev.reservoir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InfoCommandTest {
    @TempDir
    Path root;

    private Cli cli;

    @BeforeEach
    void importFixture() throws Exception {
        cli = new Cli(root.resolve("data"));
        Cli.Result imported = cli.run("import", Fixtures.events(root).toString());
        assertEquals(0, imported.exit(), imported::toString);
    }

    @Test
    void infoJson_equalsTheCountsWorkedOutByHand() {
        JsonNode info = cli.run("info", "--format", "json").json();
        assertAll(
                () -> assertEquals("default", info.get("tenant").get("id").asText()),
                // Today by the fixed clock, in Shanghai.
                () -> assertEquals("2025-06-01", info.get("as_of").asText()),
                () -> assertTrue(info.get("known_at").isNull()),
                () -> assertEquals(2, info.get("customers").asLong()),
                () -> assertEquals(0, info.get("profiles").asLong()),
                () -> assertEquals(4, info.get("events").asLong()),
                () -> assertEquals(1, info.get("anonymous_events").asLong()),
                () -> assertEquals(2, info.get("orders").asLong()),
                () -> assertEquals("37.50", info.get("revenue").decimalValue().toPlainString()),
                () -> assertEquals("0.00", info.get("refunds").decimalValue().toPlainString()),
                () -> assertEquals("CNY", info.get("currency").asText()),
                () -> assertEquals("2025-03-01", info.get("first_date").asText()),
                () -> assertEquals("2025-03-03", info.get("last_date").asText()),
                () -> assertEquals(1, info.get("imports").asLong()),
                () -> assertEquals(Map.of("visit", 1L, "page_view", 1L, "purchase", 2L), byType(info)));
        // Canonical order: visit, page_view, purchase.
        assertEquals("visit", info.get("events_by_type").get(0).get("type").asText());
        assertEquals("purchase", info.get("events_by_type").get(2).get("type").asText());
    }

    @Test
    void asOf_countsOnlyEventsUpToTheEndOfThatDay() {
        // 2025-03-01 holds c1's visit and purchase only.
        JsonNode info = cli.run("info", "--as-of", "2025-03-01", "--format", "json").json();
        assertEquals(2, info.get("events").asLong());
        assertEquals(1, info.get("customers").asLong());
        assertEquals("25.50", info.get("revenue").decimalValue().toPlainString());
    }

    @Test
    void knownAt_beforeTheImport_countsNothing() {
        JsonNode info = cli.run("info", "--known-at", "2025-06-01T03:59:59Z", "--format", "json").json();
        assertEquals(0, info.get("events").asLong());
        assertEquals("2025-06-01T03:59:59Z", info.get("known_at").asText());
        assertTrue(info.get("first_date").isNull());
        JsonNode after = cli.run("info", "--known-at", "2025-06-01T12:00:00+08:00", "--format", "json").json();
        assertEquals(4, after.get("events").asLong());
    }

    @Test
    void info_table_inEnglish() {
        Cli.Result result = cli.run("info");
        String out = result.out();
        assertEquals(0, result.exit(), result::toString);
        assertTrue(out.startsWith("Tenant 'default' (Asia/Shanghai, CNY) as of 2025-06-01\n"), out);
        assertTrue(out.matches("(?s).*\\n  revenue\\s+37\\.50 CNY\\n.*"), out);
        assertTrue(out.matches("(?s).*\\n  purchase\\s+2\\s+50\\.0%\\n.*"), out);
    }

    @Test
    void info_inChinese_printsChineseLabels() {
        Cli.Result result = cli.run("info", "--lang", "zh");
        String out = result.out();
        assertAll(
                () -> assertTrue(out.startsWith("租户 'default' (Asia/Shanghai, CNY)，截至 2025-06-01\n"), out),
                () -> assertTrue(out.matches("(?s).*\\n  客户\\s+2\\n.*"), out),
                () -> assertTrue(out.matches("(?s).*\\n  收入\\s+37\\.50 CNY\\n.*"), out),
                () -> assertTrue(out.matches("(?s).*\\n  购买\\s+purchase\\s+2\\s+50\\.0%\\n.*"), out),
                () -> assertTrue(out.contains("各类事件"), out));
        JsonNode json = cli.run("info", "--lang", "zh", "--format", "json").json();
        assertEquals("购买", json.get("events_by_type").get(2).get("label").asText());
    }

    @Test
    void info_chineseLabelsLineUpWithTheNumbers() {
        // "客户" is four terminal columns wide, not two: every number ends in the same column.
        String[] lines = cli.run("info", "--lang", "zh").out().split("\n");
        int customers = Table.width(lines[1]);
        int events = Table.width(lines[3]);
        assertEquals(customers, events);
    }

    @Test
    void info_unknownTenant_saysHowToCreateIt() {
        Cli.Result result = cli.run("info", "--tenant", "nobody");
        assertEquals(1, result.exit());
        assertTrue(result.err().contains("tenant 'nobody' does not exist"), result::toString);
        assertTrue(result.err().contains("reservoir tenant create nobody"), result::toString);
    }

    @Test
    void asOf_badDate_isAUsageError() {
        Cli.Result result = cli.run("info", "--as-of", "31/03/2025");
        assertEquals(2, result.exit());
        assertTrue(result.err().startsWith("Invalid value for option '--as-of': expected a date such as 2025-03-31,"
                + " was '31/03/2025'"), result::toString);
    }

    private static Map<String, Long> byType(JsonNode info) {
        Map<String, Long> counts = new java.util.HashMap<>();
        info.get("events_by_type").forEach(t -> counts.put(t.get("type").asText(), t.get("events").asLong()));
        return counts;
    }
}
