package dev.reservoir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoAndGenerateTest {
    @TempDir
    Path root;

    @Test
    void demo_twice_secondRunAcceptsNothing() throws Exception {
        Path data = root.resolve("data");
        Cli cli = new Cli(data);
        Cli.Result first = cli.run("demo", "--customers", "200", "--days", "60", "--format", "json");
        assertEquals(0, first.exit(), first::toString);
        JsonNode one = first.json();
        long events = one.get("generated").get("events").asLong();
        assertAll(
                () -> assertTrue(events > 200, "a shop of 200 customers over 60 days has events: " + events),
                () -> assertTrue(one.get("tenant_created").asBoolean()),
                () -> assertEquals(200, one.get("imports").get("customers").get("total").get("accepted").asLong()),
                () -> assertEquals(events, one.get("imports").get("events").get("total").get("accepted").asLong()),
                () -> assertEquals(0, one.get("imports").get("events").get("total").get("rejected").asLong()),
                () -> assertEquals("demo", one.get("info").get("tenant").get("id").asText()),
                () -> assertEquals(events, one.get("info").get("events").asLong()),
                () -> assertEquals(200, one.get("info").get("profiles").asLong()),
                () -> assertTrue(Files.isDirectory(data.resolve("demo-source"))));
        // It ends by writing the customer-health report, as of the last Sunday of the shop's
        // 60 days from 2025-01-01 (Jan 1 - Mar 1): Feb 23.
        assertEquals(1, one.get("reports").size());
        Path report = Path.of(one.get("reports").get(0).asText());
        assertEquals(data.resolve("demo-report").resolve("customer-health-2025-02-23.html"), report);
        String html = Files.readString(report);
        assertTrue(html.contains("<h2>Customers this week</h2>"), "a section with data");
        assertTrue(html.contains("Tenant demo · as of 2025-02-23"), "as of a date inside the shop's data");

        JsonNode two = cli.run("demo", "--customers", "200", "--days", "60", "--format", "json").json();
        assertAll(
                () -> assertTrue(!two.get("tenant_created").asBoolean()),
                () -> assertEquals(0, two.get("imports").get("events").get("total").get("accepted").asLong()),
                () -> assertEquals(events, two.get("imports").get("events").get("total").get("duplicates").asLong()),
                () -> assertEquals(0, two.get("imports").get("customers").get("total").get("accepted").asLong()),
                () -> assertEquals(events, two.get("info").get("events").asLong()));

        // The table form says the same as info, and what to try next.
        Cli.Result table = cli.run("demo", "--customers", "200", "--days", "60");
        Cli.Result info = cli.run("info", "--tenant", "demo");
        assertEquals(0, table.exit(), table::toString);
        assertTrue(table.out().contains(info.out()), table + "\nshould contain\n" + info);
        assertTrue(table.out().contains("Try next:\n  reservoir info --tenant demo --format json"), table::toString);
        assertTrue(table.out().contains("Wrote " + data.resolve("demo-report").resolve("customer-health-2025-02-23.html")),
                table::toString);
    }

    @Test
    void demo_withDataOption_repeatsItInTheHint() {
        Path data = root.resolve("elsewhere");
        Cli.Result result = new Cli(root.resolve("unused")).run("demo", "--customers", "20", "--days", "10",
                "--data", data.toString(), "--lang", "zh");
        assertEquals(0, result.exit(), result::toString);
        assertTrue(result.out().contains("reservoir info --tenant demo --data " + data + " --format json"), result::toString);
        assertTrue(result.out().contains("接下来可以试试："), result::toString);
    }

    @Test
    void generate_writesTheShop_andItsCsvImports() {
        Path out = root.resolve("shop");
        Cli cli = new Cli(root.resolve("data"));
        Cli.Result result = cli.run("generate", "--profile", "ecommerce", "--customers", "50", "--days", "30",
                "--seed", "7", "--out", out.toString(), "--file-format", "csv", "--format", "json");
        assertEquals(0, result.exit(), result::toString);
        JsonNode shop = result.json();
        assertEquals("ecommerce", shop.get("profile").asText());
        assertEquals(50, shop.get("customers").asLong());
        List<String> args = new ArrayList<>(List.of("import"));
        shop.get("event_files").forEach(f -> {
            assertTrue(f.asText().endsWith(".csv"), f.asText());
            args.add(f.asText());
        });
        args.addAll(List.of("--format", "json"));
        JsonNode imported = cli.run(args.toArray(String[]::new)).json();
        assertEquals(shop.get("events").asLong(), imported.get("total").get("accepted").asLong());
    }

    @Test
    void generate_table_listsCountsAndFiles() {
        Cli.Result result = new Cli(root).run("generate", "--customers", "30", "--days", "20",
                "--out", root.resolve("shop").toString());
        assertEquals(0, result.exit(), result::toString);
        assertTrue(result.out().startsWith("Generated a tea-chain shop: 30 customers over 20 days from 2025-01-01,"
                + " seed 42, in "), result::toString);
        assertTrue(result.out().contains("customers.parquet"), result::toString);
    }

    @Test
    void generate_outOfRange_isAUsageError() {
        Cli cli = new Cli(root);
        Cli.Result zero = cli.run("generate", "--customers", "0", "--out", root.resolve("x").toString());
        Cli.Result profile = cli.run("generate", "--profile", "bakery", "--out", root.resolve("x").toString());
        Cli.Result noOut = cli.run("generate");
        assertEquals(2, zero.exit());
        assertTrue(zero.err().startsWith("customers must be between 1 and 100,000,000, was 0"), zero::toString);
        assertEquals(2, profile.exit());
        assertTrue(profile.err().startsWith("Invalid value for option '--profile': expected one of tea-chain,"
                + " ecommerce, education, was 'bakery'"), profile::toString);
        assertEquals(2, noOut.exit());
        assertTrue(noOut.err().startsWith("Missing required option: '--out=DIR'"), noOut::toString);
    }
}
