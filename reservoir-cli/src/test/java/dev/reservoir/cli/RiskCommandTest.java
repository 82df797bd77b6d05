package dev.reservoir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code reservoir risk} in-process on the demo shop (tea chain, 2,000 customers, 2025, seed
 * 42) as of 2025-12-31 with the apparel rule (W = 30, N = 60) and h = 60: the training windows
 * are features as of 2025-09-02 with labels as of 2025-11-01 and features as of 2025-11-01
 * with labels as of 2025-12-31. reservoir-risk's tests check the figures themselves (against
 * the raw Online Retail file, and the model beating recency on a generated shop); these check
 * the command: its outputs agree with each other, the saved model scores, the tiers add up and
 * the exported list is the listed one.
 */
class RiskCommandTest {
    @TempDir
    Path root;
    private Cli cli;

    @BeforeEach
    void demo() {
        cli = new Cli(root.resolve("data"), Clock.fixed(Instant.parse("2026-01-05T00:00:00Z"), ZoneOffset.UTC), Locale.ENGLISH);
        Cli.Result demo = cli.run("demo", "--customers", "2000", "--days", "365");
        assertEquals(0, demo.exit(), demo::toString);
    }

    @Test
    void trainsReportsAndSaves_thenScoresTiers() throws Exception {
        Path model = root.resolve("risk-model");
        Cli.Result table = cli.run("risk", "--tenant", "demo", "--as-of", "2025-12-31", "--preset", "apparel",
                "--out", model.toString());
        assertEquals(0, table.exit(), table::toString);
        String out = table.out();
        assertTrue(out.startsWith("Churn risk of tenant demo as of 2025-12-31, horizon 60 days"), out);
        assertTrue(out.contains("Train: features as of 2025-09-02, labels as of 2025-11-01"), out);
        assertTrue(out.contains("Test:  features as of 2025-11-01, labels as of 2025-12-31"), out);
        assertTrue(out.contains("gradient-boosted trees"), out);
        assertTrue(out.contains("recency (days since last activity)"), out);
        assertTrue(out.contains("Calibration on the test window"), out);
        assertTrue(Files.isRegularFile(model.resolve("model.ubj")));
        JsonNode sidecar = new ObjectMapper().readTree(Files.readString(model.resolve("risk.json"), StandardCharsets.UTF_8));
        assertEquals("reservoir-risk/1", sidecar.get("format").asText());
        assertEquals("2025-11-01", sidecar.get("training_window").get("features_as_of").asText());
        assertEquals("2025-12-31", sidecar.get("training_window").get("labels_as_of").asText());
        assertEquals(60, sidecar.get("horizon_days").asInt());
        assertEquals("p_alive", sidecar.get("features").get(sidecar.get("features").size() - 2).asText());
        assertEquals("2026-01-05T00:00:00Z", sidecar.get("trained_at").asText());
        assertEquals("xgboost4j 3.0.4", sidecar.get("library").asText());

        // The JSON report is the same run: the same test window and figures as the sidecar.
        JsonNode json = cli.run("risk", "--tenant", "demo", "--as-of", "2025-12-31", "--preset", "apparel",
                "--format", "json").json();
        JsonNode report = json.get("report");
        assertEquals("model", report.get("scorers").get(0).get("scorer").asText());
        assertEquals("recency", report.get("scorers").get(1).get("scorer").asText());
        assertEquals(sidecar.get("evaluation").get("scorers").get(0).get("auc").asDouble(),
                report.get("scorers").get(0).get("auc").asDouble(), 0, "a fixed seed and one thread: the same model");
        assertEquals(60, json.get("definition").get("churn_days").asInt());
        int testCustomers = report.get("test").get("customers").asInt();
        assertEquals((int) Math.ceil(0.1 * testCustomers), report.get("scorers").get(0).get("top").asInt());

        List<String> csv = cli.run("risk", "--tenant", "demo", "--as-of", "2025-12-31", "--preset", "apparel",
                "--format", "csv", "--top", "0.2").out().lines().toList();
        assertEquals("scorer,customers,churned,auc,top,precision_at_top,recall_at_top", csv.get(0));
        assertTrue(csv.get(1).startsWith("model," + testCustomers + ","), csv.get(1));

        Cli.Result zh = cli.run("risk", "--tenant", "demo", "--as-of", "2025-12-31", "--preset", "apparel", "--lang", "zh");
        assertTrue(zh.out().startsWith("租户 demo 截至 2025-12-31 的流失风险，预测期 60 天"), zh::toString);

        // Scoring: every customer is in one tier; the export holds the listed tier.
        JsonNode all = cli.run("risk", "--model", model.toString(), "--as-of", "2025-12-31", "--list", "--tier", "all",
                "--format", "json").json();
        JsonNode tiers = all.get("tiers");
        long sum = tiers.get("save").asLong() + tiers.get("keep").asLong() + tiers.get("win-back").asLong()
                + tiers.get("maintain").asLong();
        assertEquals(sum, all.get("customers").size());
        assertEquals("demo", all.get("definition").get("tenant").asText(), "the tenant comes from the model");
        for (JsonNode c : all.get("customers")) {
            boolean highRisk = c.get("churn_probability").asDouble() >= 0.5;
            String tier = c.get("tier").asText();
            assertEquals(highRisk, tier.equals("save") || tier.equals("win-back"), c.toString());
        }
        Path jsonl = root.resolve("save.jsonl");
        Cli.Result exported = cli.run("risk", "--model", model.toString(), "--as-of", "2025-12-31", "--list",
                "--export", jsonl.toString());
        assertEquals(0, exported.exit(), exported::toString);
        List<String> lines = Files.readAllLines(jsonl, StandardCharsets.UTF_8);
        assertEquals(tiers.get("save").asLong(), lines.size());
        for (String line : lines) {
            assertEquals("save", new ObjectMapper().readTree(line).get("tier").asText());
        }
        assertTrue(exported.out().contains("save (high value, high risk)"), exported::toString);
        Path csvFile = root.resolve("keep.csv");
        cli.run("risk", "--model", model.toString(), "--as-of", "2025-12-31", "--tier", "keep", "--export", csvFile.toString());
        List<String> csvLines = Files.readAllLines(csvFile, StandardCharsets.UTF_8);
        assertEquals("customer_id,tier,churn_probability,clv,value_at_risk,recency_days,p_alive", csvLines.get(0));
        assertEquals(tiers.get("keep").asLong() + 1, csvLines.size());

        Cli.Result zhTiers = cli.run("risk", "--model", model.toString(), "--as-of", "2025-12-31", "--lang", "zh");
        assertTrue(zhTiers.out().contains("save（重要挽留）") || zhTiers.out().contains("save (重要挽留)"), zhTiers::toString);
    }

    /**
     * The model's predictions as tag fields (issue 7: "usable as a tag field"): with
     * {@code --risk-model} a rule may name churn_risk, predicted_value and risk_tier. The tag sizes
     * must be the counts of the scored list the same model gives ({@code risk --model --list}):
     * the save tier, the high-risk customers (probability ≥ 0.5: save + win-back), and those
     * whose 12-month CLV is above 50; and the issue-6 example "no visit for 60 days but high
     * predicted value" can be written. Without the option those names are unknown fields.
     */
    @Test
    void predictionsAreTagFields_whenARiskModelIsGiven() throws Exception {
        Path model = root.resolve("risk-model");
        assertEquals(0, cli.run("risk", "--tenant", "demo", "--as-of", "2025-12-31", "--preset", "apparel",
                "--out", model.toString()).exit());
        Path tagFile = root.resolve("tags.yaml");
        Files.writeString(tagFile, String.join("\n", "tags:",
                "  - name: save-tier", "    rule: risk_tier == 'save'",
                "  - name: high-risk", "    rule: churn_risk >= 0.5",
                "  - name: valuable", "    rule: predicted_value > 50.0",
                "  - name: quiet-but-valuable", "    rule: days_inactive >= 60 && predicted_value > 50.0", ""),
                StandardCharsets.UTF_8);
        JsonNode tags = cli.run("tags", "--tenant", "demo", "--as-of", "2025-12-31", "--preset", "apparel",
                "--tags", tagFile.toString(), "--risk-model", model.toString(), "--format", "json").json();
        JsonNode scored = cli.run("risk", "--model", model.toString(), "--as-of", "2025-12-31", "--list",
                "--tier", "all", "--format", "json").json();
        long save = 0;
        long highRisk = 0;
        long valuable = 0;
        for (JsonNode c : scored.get("customers")) {
            save += c.get("tier").asText().equals("save") ? 1 : 0;
            highRisk += c.get("churn_probability").asDouble() >= 0.5 ? 1 : 0;
            valuable += c.get("clv").isNumber() && c.get("clv").asDouble() > 50.0 ? 1 : 0;
        }
        JsonNode sizes = tags.get("tags");
        assertEquals(save, sizes.get(0).get("customers").asLong());
        assertEquals(highRisk, sizes.get(1).get("customers").asLong());
        assertEquals(valuable, sizes.get(2).get("customers").asLong());
        assertTrue(valuable > 0 && save > 0, "the fixture has valuable and at-risk customers: " + valuable + ", " + save);
        long quiet = sizes.get(3).get("customers").asLong();
        assertTrue(quiet <= valuable, "a subset of the valuable ones: " + quiet);

        Cli.Result without = cli.run("tags", "--tenant", "demo", "--as-of", "2025-12-31", "--tags", tagFile.toString());
        assertEquals(1, without.exit(), without::toString);
        assertTrue(without.err().contains("unknown field 'risk_tier'"), without::toString);
    }

    @Test
    void badInputNamesTheOption() {
        Cli.Result noModel = cli.run("risk", "--tenant", "demo", "--list");
        assertNotEquals(0, noModel.exit());
        assertTrue(noModel.err().contains("--list"), noModel::toString);
        Cli.Result missing = cli.run("risk", "--model", root.resolve("nowhere").toString());
        assertNotEquals(0, missing.exit());
        assertTrue(missing.err().contains("not a churn-risk model directory"), missing::toString);
        Cli.Result top = cli.run("risk", "--tenant", "demo", "--top", "1.5");
        assertNotEquals(0, top.exit());
        assertTrue(top.err().contains("--top"), top::toString);
        Cli.Result early = cli.run("risk", "--tenant", "demo", "--as-of", "2025-03-01", "--preset", "apparel");
        assertNotEquals(0, early.exit());
        assertTrue(early.err().contains("churn risk cannot be fitted on this data"), early::toString);
    }
}
