package dev.reservoir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The event funnel {@code page_view → add_to_cart → checkout → purchase} of a generated
 * e-commerce shop (2,000 customers, 120 days from 2025-01-01, seed 7), checked against the
 * generator's ground truth: {@code truth.parquet}'s {@code funnel_stage} is the furthest step one
 * of the customer's sessions reached, in order. Sessions last under 30 minutes and every purchase
 * of this shop is online (inside a session that went through all four steps), so an ordered funnel
 * with a 30-minute window over the whole shop must find exactly that step for every customer: per
 * step and per member status, and in the drop-off list. The truth file is read here with plain
 * JDBC, not through the engine.
 */
class FunnelGeneratedShopTest {
    @TempDir
    static Path dir;
    static Cli cli;
    /** customer id → (paid member, funnel stage), from the truth file. */
    static final Map<String, Object[]> TRUTH = new TreeMap<>();

    @BeforeAll
    static void shop() throws IOException, SQLException {
        cli = new Cli(dir.resolve("data"));
        Path out = dir.resolve("shop");
        Cli.Result g = cli.run("generate", "--profile", "ecommerce", "--customers", "2000", "--days", "120",
                "--seed", "7", "--out", out.toString());
        assertEquals(0, g.exit(), g::toString);
        assertEquals(0, cli.run("import", "--customers", out.resolve("customers.parquet").toString()).exit());
        List<String> args = new ArrayList<>(List.of("import"));
        try (Stream<Path> parts = Files.list(out.resolve("events"))) {
            parts.sorted().forEach(p -> args.add(p.toString()));
        }
        Cli.Result imported = cli.run(args.toArray(String[]::new));
        assertEquals(0, imported.exit(), imported::toString);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT customer_id, paid_member, funnel_stage FROM read_parquet('"
                     + out.resolve("truth.parquet").toString().replace("'", "''") + "')")) {
            while (rs.next()) {
                TRUTH.put(rs.getString(1), new Object[] {rs.getBoolean(2), rs.getInt(3)});
            }
        }
        assertEquals(2000, TRUTH.size());
    }

    private static Cli.Result funnel(String... extra) {
        List<String> args = new ArrayList<>(List.of("funnel", "--step", "page_view", "--step", "add_to_cart",
                "--step", "checkout", "--step", "purchase", "--from", "2025-01-01", "--as-of", "2025-04-30",
                "--window", "30m"));
        args.addAll(List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }

    /** Customers of the truth (optionally of one member status) whose stage is at least k. */
    private static long atLeast(int k, Boolean paid) {
        return TRUTH.values().stream().filter(t -> paid == null || t[0].equals(paid))
                .filter(t -> (int) t[1] >= k).count();
    }

    @Test
    void reachedPerStep_andPerMemberStatus_matchTheTruth() {
        Cli.Result r = funnel("--split", "paid_member", "--format", "json");
        assertEquals(0, r.exit(), r::toString);
        JsonNode groups = r.json().get("groups");
        // all, false, true: every generated customer has a profile with paid_member set.
        assertEquals(3, groups.size(), groups::toString);
        Boolean[] status = {null, false, true};
        for (int g = 0; g < 3; g++) {
            JsonNode steps = groups.get(g).get("steps");
            for (int k = 1; k <= 4; k++) {
                assertEquals(atLeast(k, status[g]), steps.get(k - 1).get("reached").asLong(),
                        "group " + groups.get(g).get("value") + ", step " + k);
            }
        }
        // A shop, not a toy: each step loses people, and paid members (who all buy) convert better.
        assertTrue(atLeast(1, null) > atLeast(2, null) && atLeast(2, null) > atLeast(3, null)
                && atLeast(3, null) > atLeast(4, null) && atLeast(4, null) > 0);
        assertTrue(groups.get(2).get("steps").get(3).get("from_first").asDouble()
                > groups.get(1).get("steps").get(3).get("from_first").asDouble());
    }

    @Test
    void dropOffList_isEveryCustomerWhoStoppedEarly_withTheirLastStep() {
        Cli.Result r = funnel("--drop-offs", "--format", "csv");
        assertEquals(0, r.exit(), r::toString);
        Map<String, Integer> listed = new TreeMap<>();
        String[] lines = r.out().split("\r\n");
        assertEquals("id,anonymous,last_step,last_step_name,at,group,value", lines[0]);
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            assertEquals("false", f[1], lines[i]);
            listed.put(f[0], Integer.parseInt(f[2]));
        }
        Map<String, Integer> expected = new TreeMap<>();
        TRUTH.forEach((id, t) -> {
            int stage = (int) t[1];
            if (stage >= 1 && stage < 4) {
                expected.put(id, stage);
            }
        });
        assertEquals(expected, listed);
        // Those who dropped at checkout (reached the cart, not the checkout) only.
        JsonNode atCheckout = funnel("--dropped-at", "3", "--format", "json").json();
        assertEquals(expected.values().stream().filter(s -> s == 2).count(), atCheckout.get("count").asLong());
    }
}
