package dev.reservoir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code reservoir customer} on the real Online Retail file (tenant Europe/London, GBP) as of its
 * last day 2011-12-09. Each customer's orders, money and last purchase are checked against this
 * test's own reader of the raw file (plain Java, no engine code: a line is a purchase unless its
 * invoice starts with 'C' or its quantity is negative, an order is an invoice, money is Σ quantity
 * × unit price of the purchase lines, the date is the InvoiceDate as written, which is UK local
 * time), and each customer's RFM class, lifecycle stage and predictions against the tenant-wide
 * commands ({@code customers --segment/--stage}, {@code predict}, {@code clv}, {@code risk
 * --model --list}). The file is found through the {@code reservoir.shared} property; missing, the
 * tests skip (fail on CI).
 */
class CustomerOnlineRetailTest {
    static final String D = "2011-12-09";
    private static Path root;
    private static Cli cli;
    private static Map<String, Truth> truth;

    /** What the raw file says about one customer up to D. */
    record Truth(Set<String> orders, BigDecimal money, LocalDate lastPurchase, long lines) {
    }

    @BeforeAll
    static void importRetail() throws IOException {
        String shared = System.getProperty("reservoir.shared");
        Path file = shared == null ? null : Path.of(shared, "datasets", "online_retail", "online_retail.csv.gz");
        if (file == null || !Files.isRegularFile(file)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("CI=true and the real data is required: " + file);
            }
            Assumptions.abort("dataset file not found: " + file);
        }
        root = Files.createTempDirectory("reservoir-customer-retail-");
        cli = new Cli(root.resolve("data"));
        Cli.Result created = cli.run("tenant", "create", "retail", "--time-zone", "Europe/London", "--currency", "GBP");
        assertEquals(0, created.exit(), created::toString);
        Cli.Result imported = cli.run("import", file.toString(), "--mapping", "online-retail", "--tenant", "retail");
        assertEquals(0, imported.exit(), imported::toString);
        truth = read(file);
    }

    @AfterAll
    static void delete() throws IOException {
        if (root != null) {
            try (Stream<Path> all = Files.walk(root)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The raw file, read here without any engine code. */
    static Map<String, Truth> read(Path gz) throws IOException {
        Map<String, Set<String>> orders = new HashMap<>();
        Map<String, BigDecimal> money = new HashMap<>();
        Map<String, LocalDate> last = new HashMap<>();
        Map<String, Long> lines = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
                StandardCharsets.UTF_8))) {
            in.readLine(); // InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
            for (String line; (line = in.readLine()) != null; ) {
                List<String> f = fields(line);
                String customer = f.get(6).endsWith(".0") ? f.get(6).substring(0, f.get(6).length() - 2) : f.get(6);
                if (customer.isEmpty()) {
                    continue;
                }
                lines.merge(customer, 1L, Long::sum);
                String invoice = f.get(0);
                int quantity = Integer.parseInt(f.get(3));
                if (invoice.startsWith("C") || quantity < 0) {
                    continue;
                }
                orders.computeIfAbsent(customer, k -> new HashSet<>()).add(invoice);
                money.merge(customer, new BigDecimal(f.get(5)).multiply(BigDecimal.valueOf(quantity)), BigDecimal::add);
                LocalDate date = LocalDate.parse(f.get(4).substring(0, 10));
                last.merge(customer, date, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        Map<String, Truth> out = new HashMap<>();
        for (String c : lines.keySet()) {
            out.put(c, new Truth(orders.getOrDefault(c, Set.of()), money.getOrDefault(c, BigDecimal.ZERO), last.get(c),
                    lines.get(c)));
        }
        return out;
    }

    /** RFC 4180 fields: a quoted field may hold commas and doubled quotes. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        out.add(cell.toString());
        return out;
    }

    static JsonNode lookup(String id, String... extra) {
        List<String> args = new ArrayList<>(List.of("customer", id, "--tenant", "retail", "--as-of", D, "--format", "json",
                "--timeline", "5"));
        args.addAll(List.of(extra));
        Cli.Result r = cli.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r::toString);
        return r.json();
    }

    static List<String> ids(Cli.Result csv) {
        return csv.out().lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList();
    }

    @Test
    void ordersMoneyAndLastPurchase_equalTheRawFile() {
        // 12346: one huge order, cancelled the same day; 14911 and 17841: the most orders; 17850 the
        // file's first customer; 12347 a steady buyer.
        for (String id : List.of("12346", "14911", "17841", "17850", "12347")) {
            Truth t = truth.get(id);
            JsonNode c = lookup(id);
            assertEquals(t.orders().size(), c.get("facts").get("orders").asLong(), id + " orders");
            assertEquals(0, t.money().compareTo(new BigDecimal(c.get("facts").get("money_total").asText())),
                    id + " money " + t.money() + " vs " + c.get("facts").get("money_total"));
            assertEquals(LocalDate.parse(D).toEpochDay() - t.lastPurchase().toEpochDay(),
                    c.get("facts").get("recency").asLong(), id + " recency");
            assertEquals(t.lines(), c.get("timeline").get("total").asLong(), id + " events");
            assertEquals(Math.min(5, t.lines()), c.get("timeline").get("shown").asLong());
            String newest = c.get("timeline").get("events").get(0).get("local_date").asText();
            assertTrue(newest.compareTo(t.lastPurchase().toString()) >= 0, id + " newest event first");
        }
        assertEquals("12346", lookup("12346").get("customer_id").asText());
    }

    @Test
    void rfmClassAndStage_equalTheTenantWideLists() {
        for (String segment : List.of("important-value", "important-retain", "general-retain", "general-develop")) {
            Cli.Result list = cli.run("customers", "--tenant", "retail", "--as-of", D, "--segment", segment, "--limit", "1",
                    "--format", "csv");
            assertEquals(0, list.exit(), list::toString);
            for (String id : ids(list)) {
                assertEquals(segment, lookup(id).get("segments").get("rfm_class").get("code").asText(), id);
            }
        }
        for (String stage : List.of("active", "silent", "churned", "reactivated")) {
            Cli.Result list = cli.run("customers", "--tenant", "retail", "--as-of", D, "--stage", stage, "--limit", "1",
                    "--format", "csv", "--window", "90");
            assertEquals(0, list.exit(), list::toString);
            for (String id : ids(list)) {
                assertEquals(stage, lookup(id, "--window", "90").get("segments").get("lifecycle_stage").get("code").asText(), id);
            }
        }
        // and the class counts of the lists add up to rfm's own
        JsonNode rfm = cli.run("rfm", "--tenant", "retail", "--as-of", D, "--format", "json").json();
        JsonNode first = rfm.get("classes").get(0);
        Cli.Result all = cli.run("customers", "--tenant", "retail", "--as-of", D, "--segment", first.get("class").asText(),
                "--limit", "0", "--format", "csv");
        assertEquals(first.get("customers").asLong(), ids(all).size());
    }

    @Test
    void predictions_areThePredictClvAndRiskCommands() throws IOException {
        try {
            checkPredictions();
        } finally {
            // the other tests look customers up without models (scoring every customer for each costs seconds)
            try (Stream<Path> all = Files.walk(root.resolve("data/retail/models"))) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private void checkPredictions() {
        Cli.Result fit = cli.run("fit", "--tenant", "retail", "--as-of", D, "--save");
        assertEquals(0, fit.exit(), fit::toString);
        Path saved = root.resolve("data/retail/models/purchase-model.json");
        assertTrue(Files.isRegularFile(saved));
        Cli.Result risk = cli.run("risk", "--tenant", "retail", "--as-of", D, "--window", "90", "--save");
        assertEquals(0, risk.exit(), risk::toString);
        JsonNode predicted = cli.run("predict", "--model-file", saved.toString(), "--tenant", "retail", "--as-of", D,
                "--limit", "0", "--format", "json").json();
        JsonNode clv = cli.run("clv", "--model-file", saved.toString(), "--tenant", "retail", "--as-of", D,
                "--limit", "0", "--format", "json").json();
        JsonNode tiers = cli.run("risk", "--model", root.resolve("data/retail/models/risk").toString(), "--tenant", "retail",
                "--as-of", D, "--list", "--tier", "all", "--limit", "0", "--format", "json").json();
        for (String id : List.of("14911", "17850", "12347")) {
            JsonNode p = lookup(id).get("predictions");
            JsonNode purchase = p.get("purchase");
            assertEquals("models/purchase-model.json", purchase.get("source").asText());
            JsonNode row = find(predicted.get("customers"), id);
            assertEquals(row.get("p_alive").asDouble(), purchase.get("p_alive").asDouble(), 1e-12, id);
            assertEquals(row.get("expected_purchases").asDouble(), purchase.get("expected_purchases").asDouble(), 1e-12, id);
            assertEquals(find(clv.get("customers"), id).get("clv").asDouble(), purchase.get("predicted_value").asDouble(),
                    1e-9, id);
            JsonNode scored = find(tiers.get("customers"), id);
            JsonNode r = p.get("risk");
            assertEquals(scored != null, r.get("scored").asBoolean(), id);
            if (scored != null) {
                assertEquals(scored.get("churn_probability").asDouble(), r.get("churn_risk").asDouble(), 1e-12, id);
                assertEquals(scored.get("tier").asText(), r.get("risk_tier").get("code").asText(), id);
            }
        }
    }

    private static JsonNode find(JsonNode rows, String id) {
        for (JsonNode r : rows) {
            if (r.get("customer_id").asText().equals(id)) {
                return r;
            }
        }
        return null;
    }
}
