package dev.reservoir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code reservoir report} in-process on the shop of {@link ChurnCommandTest} (c1 buys Jan 5 and
 * Mar 10, c2 Feb 1, c3 Apr 20; Asia/Shanghai), as of the fixed clock's day Sunday 2025-06-01
 * with the apparel rule (W 30, N 60). Its figures are the ones {@code churn} and {@code warn}
 * print for the same parameters.
 */
class ReportCommandTest {
    @TempDir
    Path root;
    private Cli cli;

    @BeforeEach
    void importShop() throws Exception {
        cli = new Cli(root.resolve("data"));
        Path file = Files.writeString(root.resolve("events.csv"), ChurnCommandTest.EVENTS, StandardCharsets.UTF_8);
        Cli.Result imported = cli.run("import", file.toString());
        assertEquals(0, imported.exit(), imported::toString);
    }

    @Test
    void reportJson_figuresEqualWhatChurnAndWarnPrint() {
        Cli.Result result = cli.run("report", "--preset", "apparel", "--format", "json");
        assertEquals(0, result.exit(), result::toString);
        JsonNode report = result.json();
        assertEquals("2025-06-01", report.get("as_of").asText());
        assertEquals("default", report.get("tenant").get("id").asText());

        JsonNode churn = cli.run("churn", "--preset", "apparel", "--period", "month", "--periods", "12",
                "--format", "json").json().get("rows");
        JsonNode monthly = figure(report, "churn", "churn_rate_monthly");
        assertEquals("apparel", monthly.get("definition").get("parameters").get("preset").asText());
        for (int i = 0; i < 12; i++) {
            JsonNode a = churn.get(i);
            JsonNode b = monthly.get("data").get("rows").get(i);
            for (String field : new String[] {"start", "end", "complete", "base", "churned", "rate", "joined_churned"}) {
                assertEquals(a.get(field), b.get(field), field + " of row " + i);
            }
        }
        // May by hand (ChurnCommandTest): base c1, c3; c1 reaches May 9 -> 1 of 2.
        assertEquals(0.5, monthly.get("data").get("rows").get(10).get("rate").asDouble());

        // The at-risk list is warn's silent list: W 30 <= D - L <= 59: c3 (42 days), c1 (83) is churned.
        JsonNode warn = cli.run("warn", "--preset", "apparel", "--format", "json").json();
        JsonNode atRisk = figure(report, "at_risk", "at_risk_customers").get("data");
        assertEquals(1, atRisk.get("customers_total").asInt());
        assertEquals("c3", atRisk.get("customers").get(0).get("customer_id").asText());
        assertEquals(warn.get("customers").get(0).get("customer_id").asText(),
                atRisk.get("customers").get(0).get("customer_id").asText());
        assertEquals(42, atRisk.get("customers").get(0).get("days_silent").asLong());

        // No page views: no behaviour section.
        for (JsonNode s : report.get("sections")) {
            assertFalse(s.get("id").asText().equals("behaviour"));
        }
    }

    @Test
    void reportHtml_inChinese_isWrittenToTheFile() throws Exception {
        Path out = root.resolve("out/health.html");
        Cli.Result result = cli.run("report", "--as-of", "2025-05-31", "--lang", "zh", "--out", out.toString());
        assertEquals(0, result.exit(), result::toString);
        assertTrue(result.out().startsWith("已写出客户健康度报告：" + out), result::toString);
        String html = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
        for (String heading : new String[] {"本周客户", "流失率及趋势", "复购趋势", "留存热力图", "高价值流失风险客户"}) {
            assertTrue(html.contains("<h2>" + heading + "</h2>"), heading);
        }
        assertFalse(html.contains("<h2>用户行为</h2>"), "no page views");
        assertTrue(html.contains("echarts"), "the chart library is inlined");
    }

    @Test
    void reportFormats_onlyHtmlAndJson_andHtmlOnlyForReport() {
        Cli.Result csv = cli.run("report", "--format", "csv");
        assertEquals(1, csv.exit(), csv::toString);
        assertTrue(csv.err().contains("--format: expected html or json, was 'csv'"), csv::toString);
        Cli.Result info = cli.run("info", "--format", "html");
        assertEquals(1, info.exit(), info::toString);
        assertTrue(info.err().contains("--format: expected table, json or csv (html is the form of reservoir report), was 'html'"),
                info::toString);
        Cli.Result html = cli.run("report");
        assertEquals(0, html.exit(), html::toString);
        assertTrue(html.out().startsWith("<!DOCTYPE html>\n<html lang=\"en\">"), "html to standard output by default");
    }

    private static JsonNode figure(JsonNode report, String section, String id) {
        for (JsonNode s : report.get("sections")) {
            if (s.get("id").asText().equals(section)) {
                for (JsonNode f : s.get("figures")) {
                    if (f.get("id").asText().equals(id)) {
                        return f;
                    }
                }
            }
        }
        throw new AssertionError("no figure " + section + "/" + id);
    }
}
