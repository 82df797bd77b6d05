package dev.reservoir.generate;

import dev.reservoir.event.Event;
import dev.reservoir.event.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** writeTo's files, read back with DuckDB exactly as the canonical mapping would. */
class WriteToTest {

    private static final GeneratorSpec SPEC = GeneratorSpec.of(Profile.ECOMMERCE, 400, 90, 5);

    private static final List<String> EVENT_LAYOUT = List.of(
            "event_id VARCHAR", "customer_id VARCHAR", "visitor_id VARCHAR", "occurred_at TIMESTAMP WITH TIME ZONE",
            "type VARCHAR", "page VARCHAR", "item_id VARCHAR", "category VARCHAR", "order_id VARCHAR",
            "quantity BIGINT", "amount DECIMAL(18,2)", "currency VARCHAR", "store_id VARCHAR", "channel VARCHAR",
            "session_id VARCHAR", "properties VARCHAR");
    private static final List<String> CUSTOMER_LAYOUT = List.of(
            "customer_id VARCHAR", "registered_at TIMESTAMP WITH TIME ZONE", "paid_member BOOLEAN",
            "member_tier VARCHAR", "store_id VARCHAR", "channel VARCHAR", "attributes VARCHAR");

    @TempDir
    Path dir;

    @Test
    void parquet_hasTheCanonicalLayout_andTheReportedCounts() throws Exception {
        List<Double> progress = new ArrayList<>();
        GeneratedShop shop = new ShopGenerator(SPEC).writeTo(dir, progress::add);

        assertEquals(List.of(dir.resolve("events/part-00000.parquet")), shop.eventFiles());
        assertEquals(dir.resolve("customers.parquet"), shop.customersFile());
        assertEquals(dir.resolve("truth.parquet"), shop.truthFile());
        assertEquals(0.0, progress.get(0));
        assertEquals(1.0, progress.get(progress.size() - 1));
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1), "progress never goes back: " + progress);
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            String events = "read_parquet('" + dir.resolve("events") + "/*.parquet')";
            String customers = "read_parquet('" + shop.customersFile() + "')";
            assertEquals(EVENT_LAYOUT, layout(c, events));
            assertEquals(CUSTOMER_LAYOUT, layout(c, customers));
            assertCounts(c, shop, events, customers, "read_parquet('" + shop.truthFile() + "')");
        }
        String json = Files.readString(dir.resolve("shop.json"), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"profile\": \"ecommerce\""), json);
        assertTrue(json.contains("\"events\": " + shop.events()), json);
    }

    @Test
    void csv_hasTheCanonicalHeader_isoInstants_andTheReportedCounts() throws Exception {
        GeneratedShop shop = new ShopGenerator(SPEC.withFormat(OutputFormat.CSV)).writeTo(dir, f -> { });

        Path part = dir.resolve("events/part-00000.csv");
        assertEquals(List.of(part), shop.eventFiles());
        List<String> lines = Files.readAllLines(part, StandardCharsets.UTF_8);
        assertEquals("event_id,customer_id,visitor_id,occurred_at,type,page,item_id,category,order_id,quantity,"
                + "amount,currency,store_id,channel,session_id,properties", lines.get(0));
        assertTrue(lines.get(1).matches("ec-1-0,C000001,,2025-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ,register,.*"), lines.get(1));
        assertEquals("customer_id,registered_at,paid_member,member_tier,store_id,channel,attributes",
                Files.readAllLines(shop.customersFile(), StandardCharsets.UTF_8).get(0));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            // DuckDB's own sniffer (what an import without a schema sees) finds the same types.
            String events = "read_csv('" + dir.resolve("events") + "/*.csv')";
            String customers = "read_csv('" + shop.customersFile() + "')";
            assertEquals("occurred_at TIMESTAMP WITH TIME ZONE", layout(c, events).get(3));
            assertEquals("registered_at TIMESTAMP WITH TIME ZONE", layout(c, customers).get(1));
            assertCounts(c, shop, events, customers, "read_csv('" + shop.truthFile() + "')");
        }
    }

    @Test
    void files_holdExactlyTheEventsOfGenerate_whateverThePartSizeAndThreads() throws Exception {
        // 400 customers in parts of 37 (11 parts) on 3 threads against the pilot-sized single part
        // on 1 thread: the same rows, in the same order, as generate() gives.
        List<Event> expected = CollectingSink.of(SPEC).events;
        GeneratedShop many = new ShopGenerator(SPEC, 37, 3).writeTo(dir.resolve("many"), f -> { });
        GeneratedShop one = new ShopGenerator(SPEC, 0, 1).writeTo(dir.resolve("one"), f -> { });
        assertEquals(11, many.eventFiles().size());
        assertEquals(1, one.eventFiles().size());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            List<String> rowsMany = rows(c, many.eventFiles());
            List<String> rowsOne = rows(c, one.eventFiles());
            assertSameRows(rowsOne, rowsMany);
            assertSameRows(expected.stream().map(WriteToTest::row).toList(), rowsOne);
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void everyProfile_writesTheSameRowsAsGenerate(Profile profile) throws Exception {
        // The files are staged with numbered pages, items, stores and channels and rebuilt in SQL:
        // every profile's words must come back exactly.
        GeneratorSpec spec = GeneratorSpec.of(profile, 150, 365, 9);
        GeneratedShop shop = new ShopGenerator(spec).writeTo(dir, f -> { });
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            assertSameRows(CollectingSink.of(spec).events.stream().map(WriteToTest::row).toList(),
                    rows(c, shop.eventFiles()));
        }
    }

    @Test
    void idsBeyondAMillionCustomers_matchTheSimulator() throws Exception {
        // Customer 1,234,567 of a big shop: its id outgrows the six zero-padded digits.
        GeneratorSpec spec = GeneratorSpec.of(Profile.TEA_CHAIN, 1_234_567, 365, 2);
        CustomerSimulator simulator = new CustomerSimulator(spec);
        Files.createDirectories(dir.resolve("events"));
        try (ShopFiles files = new ShopFiles(dir, OutputFormat.PARQUET, simulator.model(), 1);
             Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            ShopFiles.Part part = files.writePart(0, 1_234_567, 1_234_567, simulator, new AtomicLong());
            List<String> rows = rows(c, List.of(part.file()));
            assertSameRows(simulator.simulate(1_234_567).events().stream().map(WriteToTest::row).toList(), rows);
            assertTrue(rows.get(0).startsWith("tc-1234567-0|C1234567|"), rows.get(0));
        }
    }

    @Test
    void sameSpec_writesByteIdenticalFiles_onAnyNumberOfThreads() throws Exception {
        GeneratedShop a = new ShopGenerator(SPEC, 100, 1).writeTo(dir.resolve("a"), f -> { });
        GeneratedShop b = new ShopGenerator(SPEC, 100, 4).writeTo(dir.resolve("b"), f -> { });
        assertEquals(4, a.eventFiles().size());
        for (int i = 0; i < a.eventFiles().size(); i++) {
            assertEquals(-1L, Files.mismatch(a.eventFiles().get(i), b.eventFiles().get(i)), a.eventFiles().get(i).toString());
        }
        assertEquals(-1L, Files.mismatch(a.customersFile(), b.customersFile()));
        assertEquals(-1L, Files.mismatch(a.truthFile(), b.truthFile()));
        assertEquals(-1L, Files.mismatch(dir.resolve("a/shop.json"), dir.resolve("b/shop.json")));
    }

    @Test
    void writingAgain_replacesTheOldParts() throws Exception {
        new ShopGenerator(SPEC, 37, 2).writeTo(dir, f -> { });
        Path stray = dir.resolve("events/notes.txt");
        Files.writeString(stray, "mine", StandardCharsets.UTF_8);
        GeneratedShop shop = new ShopGenerator(SPEC, 200, 2).writeTo(dir, f -> { });
        try (var files = Files.list(dir.resolve("events"))) {
            assertEquals(List.of("notes.txt", "part-00000.parquet", "part-00001.parquet"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(2, shop.eventFiles().size());
        assertFalse(Files.exists(dir.resolve(".duckdb-tmp")), "the spill directory is removed");
    }

    /** Equal lists, reported by their first difference rather than in full. */
    private static void assertSameRows(List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), "row " + i);
        }
        assertEquals(expected.size(), actual.size(), "rows");
    }

    private static void assertCounts(Connection c, GeneratedShop shop, String events, String customers, String truth)
            throws SQLException {
        assertEquals(shop.events(), single(c, "SELECT count(*) FROM " + events));
        assertEquals(shop.customers(), single(c, "SELECT count(*) FROM " + customers));
        assertEquals(shop.customers(), single(c, "SELECT count(*) FROM " + truth));
        assertEquals(SPEC.customers(), shop.customers());
        assertEquals(shop.orders(), single(c, "SELECT count(DISTINCT order_id) FROM " + events + " WHERE type = 'purchase'"));
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT sum(amount)::DECIMAL(18,2)::VARCHAR FROM " + events
                     + " WHERE type IN ('purchase', 'refund')")) {
            rs.next();
            assertEquals(shop.revenue(), new BigDecimal(rs.getString(1)));
        }
        Map<String, Long> byType = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT type, count(*) FROM " + events + " GROUP BY type")) {
            while (rs.next()) {
                byType.put(rs.getString(1), rs.getLong(2));
            }
        }
        Map<String, Long> reported = shop.eventsByType().entrySet().stream().filter(e -> e.getValue() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(reported, byType);
        assertEquals(EventType.values().length, shop.eventsByType().size());
        // Every event belongs to a customer of the customers file.
        assertEquals(0L, single(c, "SELECT count(*) FROM " + events + " e ANTI JOIN " + customers
                + " c USING (customer_id)"));
    }

    private static List<String> layout(Connection c, String relation) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM " + relation)) {
            while (rs.next()) {
                out.add(rs.getString("column_name") + " " + rs.getString("column_type"));
            }
        }
        return out;
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every row of the parts, in file order, as text. */
    private static List<String> rows(Connection c, List<Path> parts) throws SQLException, IOException {
        List<String> out = new ArrayList<>();
        for (Path part : parts) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT event_id, customer_id, epoch(occurred_at)::BIGINT, type, page, "
                         + "item_id, order_id, quantity, amount::VARCHAR, session_id, properties FROM read_parquet('"
                         + part + "')")) {
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= 11; i++) {
                        row.append(rs.getString(i)).append('|');
                    }
                    out.add(row.toString());
                }
            }
        }
        return out;
    }

    private static String row(Event e) {
        return e.eventId() + "|" + e.customerId() + "|" + e.occurredAt().getEpochSecond() + "|" + e.type().wireName()
                + "|" + e.page() + "|" + e.itemId() + "|" + e.orderId() + "|" + e.quantity() + "|" + e.amount()
                + "|" + e.sessionId() + "|" + Json.objectOrNull(e.properties()) + "|";
    }
}
