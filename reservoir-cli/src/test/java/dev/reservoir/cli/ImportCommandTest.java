package dev.reservoir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImportCommandTest {
    @TempDir
    Path root;

    private Path data;
    private Path events;
    private Cli cli;

    @BeforeEach
    void fixture() throws Exception {
        data = root.resolve("data");
        events = Fixtures.events(root.resolve("in"));
        cli = new Cli(data);
    }

    @Test
    void import_countsEveryRow_andNamesTheRejectedLine() {
        Cli.Result result = cli.run("import", events.toString());
        assertEquals(0, result.exit(), result::toString);
        String out = result.out();
        assertAll(
                () -> assertTrue(out.startsWith("Imported into tenant 'default' with mapping 'canonical':\n"), out),
                // read, accepted, duplicates, conflicts, rejected, anonymous
                () -> assertTrue(out.matches("(?s).*" + events + "\\s+5\\s+4\\s+0\\s+0\\s+1\\s+1\\s.*"), out),
                () -> assertTrue(out.contains("First 1 of 1 rejected rows:\n  " + events + ": line 6: column"
                        + " 'occurred_at': expected a date-time"), out),
                () -> assertTrue(out.contains("was 'yesterday'"), out),
                () -> assertTrue(out.contains("Every rejected row is listed in " + data.resolve("default")), out),
                () -> assertEquals("", result.err()));
    }

    @Test
    void import_json_hasTheCountsAndTheRejection() {
        JsonNode report = cli.run("import", events.toString(), "--format", "json").json();
        JsonNode file = report.get("files").get(0);
        JsonNode total = report.get("total");
        JsonNode rejection = file.get("rejections").get(0);
        assertAll(
                () -> assertEquals("default", report.get("tenant").asText()),
                () -> assertEquals("canonical", report.get("mapping").asText()),
                () -> assertEquals(events.toString(), file.get("file").asText()),
                () -> assertEquals(Fixtures.READ, file.get("read").asLong()),
                () -> assertEquals(Fixtures.ACCEPTED, file.get("accepted").asLong()),
                () -> assertEquals(0, file.get("duplicates").asLong()),
                () -> assertEquals(0, file.get("conflicts").asLong()),
                () -> assertEquals(Fixtures.REJECTED, file.get("rejected").asLong()),
                () -> assertEquals(Fixtures.ANONYMOUS, file.get("anonymous").asLong()),
                () -> assertTrue(file.get("took_ms").isIntegralNumber()),
                () -> assertTrue(Files.isRegularFile(Path.of(file.get("rejects_file").asText()))),
                () -> assertTrue(file.get("conflicts_file").isNull()),
                () -> assertEquals(Fixtures.ACCEPTED, total.get("accepted").asLong()),
                () -> assertEquals(events.toString(), rejection.get("file").asText()),
                () -> assertEquals(Fixtures.BAD_LINE, rejection.get("line").asLong()),
                () -> assertEquals("occurred_at", rejection.get("column").asText()),
                () -> assertEquals("yesterday", rejection.get("value").asText()),
                () -> assertEquals("BAD_VALUE", rejection.get("code").asText()),
                () -> assertTrue(rejection.get("message").asText().startsWith(events + ": line 6: column 'occurred_at'")));
    }

    @Test
    void importAgain_countsDuplicates_andStoresNothingTwice() {
        cli.run("import", events.toString());
        JsonNode again = cli.run("import", events.toString(), "--format", "json").json().get("total");
        assertEquals(0, again.get("accepted").asLong());
        assertEquals(Fixtures.ACCEPTED, again.get("duplicates").asLong());
        assertEquals(Fixtures.REJECTED, again.get("rejected").asLong());
        JsonNode info = cli.run("info", "--format", "json").json();
        assertEquals(Fixtures.ACCEPTED, info.get("events").asLong());
        assertEquals(2, info.get("imports").asLong());
    }

    @Test
    void import_inChinese_givesTheRejectionInChinese() {
        Cli.Result result = cli.run("import", events.toString(), "--lang", "zh");
        assertEquals(0, result.exit(), result::toString);
        assertTrue(result.out().contains("已导入租户 'default'，映射 'canonical'："), result::toString);
        assertTrue(result.out().contains(events + "：第 6 行：列 'occurred_at'：应为日期时间"), result::toString);
    }

    @Test
    void importStrict_rejectsTheWholeFile() {
        Cli.Result result = cli.run("import", events.toString(), "--strict");
        assertEquals(1, result.exit(), result::toString);
        assertTrue(result.err().startsWith("error [STRICT_REJECTED]: " + events + ": --strict: the whole file was"
                + " rejected at its first bad row: " + events + ": line 6:"), result::toString);
        assertEquals(0, cli.run("info", "--format", "json").json().get("events").asLong());
    }

    @Test
    void importCustomers_usesTheCanonicalCustomersLayout() throws Exception {
        Path customers = Files.writeString(root.resolve("customers.csv"), """
                customer_id,registered_at,paid_member
                c1,2025-02-01 09:00:00,true
                c2,2025-02-02 09:00:00,false
                """);
        JsonNode report = cli.run("import", customers.toString(), "--customers", "--format", "json").json();
        assertEquals("canonical-customers", report.get("mapping").asText());
        assertEquals(2, report.get("total").get("accepted").asLong());
        assertEquals(2, cli.run("info", "--format", "json").json().get("profiles").asLong());
    }

    @Test
    void importCustomers_withAnEventMapping_isAUsageError() {
        Cli.Result result = cli.run("import", events.toString(), "--customers", "--mapping", "online-retail");
        assertEquals(2, result.exit(), result::toString);
        assertTrue(result.err().contains("'online-retail' maps events"), result::toString);
    }

    @Test
    void import_missingFile_isAnErrorNamingTheFile() {
        Path missing = root.resolve("nope.csv");
        Cli.Result result = cli.run("import", missing.toString(), "--format", "json");
        assertEquals(1, result.exit(), result::toString);
        assertEquals("error [FILE_NOT_FOUND]: " + missing + ": file not found\n", result.err());
        JsonNode error = result.json().get("error");
        assertEquals("FILE_NOT_FOUND", error.get("code").asText());
        assertEquals(missing + ": file not found", error.get("message").asText());
    }

    @Test
    void import_failingSecondFile_stillReportsTheFirst_whichWasStored() {
        Path missing = root.resolve("nope.csv");
        Cli.Result table = cli.run("import", events.toString(), missing.toString());
        assertEquals(1, table.exit(), table::toString);
        assertTrue(table.out().matches("(?s).*" + events + "\\s+5\\s+4\\s.*"), table::toString);
        assertEquals("error [FILE_NOT_FOUND]: " + missing + ": file not found\n", table.err());

        Cli.Result json = cli.run("import", events.toString(), missing.toString(), "--format", "json");
        assertEquals("FILE_NOT_FOUND", json.json().get("error").get("code").asText());
        // Stored by the first run: this time the first file's rows are duplicates.
        assertEquals(Fixtures.ACCEPTED, json.json().get("completed").get("total").get("duplicates").asLong());
        assertEquals(Fixtures.ACCEPTED, cli.run("info", "--format", "json").json().get("events").asLong());
    }

    @Test
    void import_unknownMapping_listsTheBuiltins() {
        Cli.Result result = cli.run("import", events.toString(), "--mapping", "shopify");
        assertEquals(1, result.exit(), result::toString);
        assertTrue(result.err().startsWith("error [UNKNOWN_MAPPING]: mapping 'shopify' is neither a built-in mapping"
                + " (canonical, canonical-customers, online-retail, cdnow, access-log)"), result::toString);
    }

    @Test
    void futureTolerance_acceptsShortAndIsoForms_andRejectsOthersAsUsage() {
        assertEquals(0, cli.run("import", events.toString(), "--future-tolerance", "12h").exit());
        assertEquals(0, cli.run("import", events.toString(), "--future-tolerance", "PT1H").exit());
        Cli.Result bad = cli.run("import", events.toString(), "--future-tolerance", "soon");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().startsWith("Invalid value for option '--future-tolerance': expected a duration such as"
                + " 1d, 12h, 30m or PT1H, was 'soon'"), bad::toString);
    }

    @Test
    void futureTolerance_zero_rejectsEventsAfterTheClock() throws Exception {
        // The clock is 2025-06-01T04:00Z; one second later is in the future with no tolerance.
        Path future = Files.writeString(root.resolve("future.csv"), """
                event_id,customer_id,occurred_at,type
                f1,c1,2025-06-01T04:00:01Z,visit
                """);
        JsonNode file = cli.run("import", future.toString(), "--future-tolerance", "0s", "--format", "json").json()
                .get("files").get(0);
        assertEquals(1, file.get("rejected").asLong());
        assertEquals("FUTURE_TIME", file.get("rejections").get(0).get("code").asText());
    }

    @Test
    void progress_goesToStderrOnly_andIsErasedAtTheEnd() {
        Cli.Result result = cli.run("import", events.toString(), "--progress", "--format", "json");
        assertEquals(Fixtures.ACCEPTED, result.json().get("total").get("accepted").asLong());
        assertTrue(result.err().contains("\revents.csv: "), result::toString);
        assertTrue(result.err().endsWith("\r"), result::toString);
        assertFalse(result.out().contains("\r"));
    }
}
