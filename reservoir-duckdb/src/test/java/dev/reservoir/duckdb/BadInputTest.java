package dev.reservoir.duckdb;

import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.ingest.FileReport;
import dev.reservoir.ingest.ImportListener;
import dev.reservoir.ingest.ImportRequest;
import dev.reservoir.ingest.Mappings;
import dev.reservoir.time.AsOf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of bad input gets a message that says where and what; nothing accepted is lost. */
class BadInputTest {
    /** The engine's "now": imports are checked against it, never against the machine's clock. */
    static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");
    static final String HEADER = "event_id,customer_id,occurred_at,type,amount\n";

    @TempDir
    Path dir;
    DuckDbEngine engine;
    TenantStore store;

    @BeforeEach
    void open() {
        engine = DuckDbEngine.open(EngineConfig.of(dir.resolve("data")).withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
        engine.createTenant("shop", ZoneId.of("Europe/London"), Currency.getInstance("GBP"));
        store = engine.store("shop");
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private FileReport importCanonical(Path file) {
        return store.importFiles(ImportRequest.of(Mappings.resolve("canonical"), file), ImportListener.NONE).files().get(0);
    }

    private ReservoirException importFails(Path file) {
        return assertThrows(ReservoirException.class, () -> importCanonical(file));
    }

    private long storedEvents() {
        return store.summary(AsOf.of(LocalDate.of(2030, 1, 1))).events();
    }

    @Test
    void wrongHeader_namesTheMissingColumnAndTheHeaderFound() throws IOException {
        Path file = write("orders.csv", "event_id,customer_id,occurred_at,kind\ne1,c1,2025-01-01 10:00:00,purchase\n");
        ReservoirException e = importFails(file);
        assertEquals(ErrorCode.MISSING_COLUMN, e.code());
        assertEquals(file + ": header: column 'type' required by mapping 'canonical' is missing;"
                + " the header has: event_id, customer_id, occurred_at, kind", e.getMessage());
        assertEquals(file + "：表头：映射 'canonical' 需要的列 'type' 不存在；表头中的列为：event_id, customer_id, occurred_at, kind",
                e.message(Locale.CHINESE));
        assertEquals(0, storedEvents());
    }

    @Test
    void truncatedGzip_isRefusedWhole() throws IOException {
        StringBuilder rows = new StringBuilder(HEADER);
        for (int i = 0; i < 20_000; i++) {
            rows.append("e").append(i).append(",c").append(i % 97).append(",2025-01-01 10:00:00,purchase,").append(i % 50)
                    .append(".5\n");
        }
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(packed)) {
            gz.write(rows.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = packed.toByteArray();
        Path file = dir.resolve("events.csv.gz");
        // Cut the stream in the middle: DuckDB alone would read the first part without a word.
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        ReservoirException e = importFails(file);
        assertEquals(ErrorCode.TRUNCATED_GZIP, e.code());
        assertEquals(file + ": the gzip stream is truncated or corrupt (Unexpected end of ZLIB input stream);"
                + " nothing from this file was imported", e.getMessage());
        assertEquals(0, storedEvents());
    }

    @Test
    void nonUtf8File_isRefusedWholeWithTheLine() throws IOException {
        Path file = dir.resolve("latin1.csv");
        // Line 3 has 'café' in ISO-8859-1: the byte 0xE9 alone is not UTF-8.
        Files.write(file, (HEADER + "e1,c1,2025-01-01 10:00:00,purchase,1\ne2,caf\u00e9,2025-01-01 10:00:00,purchase,1\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        ReservoirException e = importFails(file);
        assertEquals(ErrorCode.NOT_UTF8, e.code());
        assertTrue(e.getMessage().startsWith(file + ": line 3: the file is not valid UTF-8 ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("); save it as UTF-8 and import it again; nothing from this file was imported"),
                e.getMessage());
        assertEquals(0, storedEvents());
    }

    @Test
    void emptyFile_isRefused() throws IOException {
        Path file = write("empty.csv", "");
        ReservoirException e = importFails(file);
        assertEquals(ErrorCode.EMPTY_FILE, e.code());
        assertEquals(file + ": the file is empty: expected a header line and at least one row", e.getMessage());
    }

    @Test
    void futureTime_beyondTolerance_isRejectedAgainstTheInjectedClock() throws IOException {
        // Now is 2026-11-23T00:00Z and the tolerance one day: 2026-11-23 23:30 London (GMT) is
        // inside it, 2026-11-24 00:30 London is 30 minutes past it.
        Path file = write("late.csv", HEADER + "e1,c1,2026-11-23 23:30:00,purchase,1\ne2,c1,2026-11-24 00:30:00,purchase,1\n");
        FileReport report = importCanonical(file);
        assertEquals(1, report.accepted());
        assertEquals(1, report.rejected());
        assertEquals(file + ": line 3: column 'occurred_at': 2026-11-24 00:30:00 is in the future: later than"
                + " 2026-11-24T00:00:00Z (now plus the tolerance of 1 day)", report.firstRejections().get(0).toString());
        FileReport strictlyNow = store.importFiles(ImportRequest.of(Mappings.resolve("canonical"),
                write("late2.csv", HEADER + "e3,c1,2026-11-23 00:30:00,purchase,1\n"))
                .futureTolerance(java.time.Duration.ZERO), ImportListener.NONE).files().get(0);
        assertEquals(1, strictlyNow.rejected(), "with no tolerance, 00:30 after now is already the future");
    }

    @Test
    void missingRequiredField_namesColumnAndLine() throws IOException {
        Path file = write("missing.csv", HEADER + "e1,c1,2025-01-01 10:00:00,purchase,1\ne2,c1,,purchase,1\ne3,c2,2025-01-02 10:00:00,,2\n");
        FileReport report = importCanonical(file);
        assertEquals(3, report.read());
        assertEquals(1, report.accepted());
        assertEquals(List.of(
                file + ": line 3: column 'occurred_at': a value is required, the field is empty",
                file + ": line 4: column 'type': a value is required, the field is empty"),
                report.firstRejections().stream().map(Object::toString).toList());
        assertEquals("第 3 行：列 'occurred_at'：必填，但该字段为空",
                report.firstRejections().get(0).message(Locale.CHINESE).substring(file.toString().length() + 1));
    }

    @Test
    void localTimeInDstGap_isRejected() throws IOException {
        // On 2011-03-27 London clocks went from 01:00 GMT straight to 02:00 BST: 01:30 never happened.
        Path file = write("dst.csv", HEADER + "e1,c1,2011-03-27 00:59:00,purchase,1\ne2,c1,2011-03-27 01:30:00,purchase,1\n"
                + "e3,c1,2011-03-27 02:00:00,purchase,1\n");
        FileReport report = importCanonical(file);
        assertEquals(2, report.accepted());
        assertEquals(file + ": line 3: column 'occurred_at': 2011-03-27 01:30:00 does not exist in time zone"
                + " Europe/London (the clocks jumped forward over it)", report.firstRejections().get(0).toString());
    }

    @Test
    void badValues_sayWhatWasExpected() throws IOException {
        Path file = write("values.csv", HEADER + "e1,c1,2025-01-01 10:00:00,purchase,\"12,5\"\n"
                + "e2,c1,yesterday,purchase,1\ne3,c1,2025-01-01 10:00:00,bought,1\ne4,,2025-01-01 10:00:00,purchase,1\n");
        FileReport report = importCanonical(file);
        assertEquals(0, report.accepted());
        assertEquals(List.of(
                file + ": line 2: column 'amount': expected a decimal number such as 12.50, was '12,5'",
                file + ": line 3: column 'occurred_at': expected a date-time such as 2025-03-01 14:30:00, or with an"
                        + " offset 2025-03-01T14:30:00+08:00, was 'yesterday'",
                file + ": line 4: column 'type': 'bought' is not an event type the mapping knows (expected one of "
                        + "register, visit, page_view, add_to_cart, checkout, purchase, refund, group_join, group_leave,"
                        + " complaint, review, survey, message_sent, coupon_sent, coupon_redeemed)",
                file + ": line 5: neither a customer id nor a visitor id: an event must belong to someone"),
                report.firstRejections().stream().map(Object::toString).toList());
    }

    @Test
    void malformedRow_isRejectedAndLaterLinesKeepTheirNumbers() throws IOException {
        Path file = write("wide.csv", HEADER + "e1,c1,2025-01-01 10:00:00,purchase,1\ne2,c1,2025-01-01 10:00:00,purchase,1,extra\n"
                + "e3,c1,2025-01-01 10:00:00,purchase,1\ne4,c1,,purchase,1\n");
        FileReport report = importCanonical(file);
        assertEquals(4, report.read());
        assertEquals(2, report.accepted());
        assertEquals(2, report.rejected());
        assertEquals(3, report.firstRejections().get(0).line());
        assertEquals(ErrorCode.MALFORMED_ROW, report.firstRejections().get(0).code());
        // The row after the malformed one is still line 5, not line 4.
        assertEquals(file + ": line 5: column 'occurred_at': a value is required, the field is empty",
                report.firstRejections().get(1).toString());
    }

    @Test
    void rejectedRows_areWrittenToTheTenantsRejectsFolder() throws IOException {
        Path file = write("some-bad.csv", HEADER + "e1,c1,2025-01-01 10:00:00,purchase,1\ne2,c1,,purchase,1\n");
        FileReport report = importCanonical(file);
        Path rejects = report.rejectsFile();
        assertEquals(dir.resolve("data").resolve("shop").resolve("rejects"), rejects.getParent());
        List<String> lines = Files.readAllLines(rejects);
        assertEquals("file,line,column,value,code,message,message_zh", lines.get(0));
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).startsWith(file + ",3,occurred_at,,MISSING_FIELD,"), lines.get(1));
    }

    @Test
    void strict_rejectsTheWholeFileAtItsFirstBadRow_andStoresNothing() throws IOException {
        Path file = write("strict.csv", HEADER + "e1,c1,2025-01-01 10:00:00,purchase,1\ne2,c1,,purchase,1\n");
        ReservoirException e = assertThrows(ReservoirException.class, () -> store.importFiles(
                ImportRequest.of(Mappings.resolve("canonical"), file).strict(true), ImportListener.NONE));
        assertEquals(ErrorCode.STRICT_REJECTED, e.code());
        assertEquals(file + ": --strict: the whole file was rejected at its first bad row: " + file
                + ": line 3: column 'occurred_at': a value is required, the field is empty", e.getMessage());
        assertEquals(0, storedEvents(), "line 2 was fine, but a strict file is all or nothing");
    }

    @Test
    void sameIdWithOtherContent_isAConflict_andTheFirstIsKept() throws IOException {
        importCanonical(write("a.csv", HEADER + "e1,c1,2025-01-01 10:00:00,purchase,10\n"));
        FileReport again = importCanonical(write("b.csv", HEADER + "e1,c1,2025-01-01 10:00:00,purchase,10\n"
                + "e1,c1,2025-01-01 10:00:00,purchase,99\ne2,c2,2025-01-01 11:00:00,purchase,5\ne2,c2,2025-01-01 11:00:00,purchase,6\n"));
        // e1 equal to the stored one: duplicate; e1 with 99: conflict with the stored one;
        // e2 first seen: accepted; e2 with 6: conflict with the file's own first e2.
        assertEquals(1, again.accepted());
        assertEquals(1, again.duplicates());
        assertEquals(2, again.conflicts());
        assertEquals(List.of("file,line,event_id,import_id", again.file() + ",3,e1,2", again.file() + ",5,e2,2"),
                Files.readAllLines(again.conflictsFile()));
        assertEquals(new java.math.BigDecimal("15.0000"), store.summary(AsOf.of(LocalDate.of(2030, 1, 1))).revenue());
    }

    @Test
    void repeatedIdsInTheFirstFileOfAnEmptyStore_areDuplicatesOrConflicts() throws IOException {
        FileReport report = importCanonical(write("first.csv", HEADER + "e1,c1,2025-01-01 10:00:00,purchase,10\n"
                + "e1,c1,2025-01-01 10:00:00,purchase,10\ne1,c1,2025-01-01 10:00:00,purchase,11\n"));
        // Line 2 is kept; line 3 equals it (duplicate); line 4 differs (conflict).
        assertEquals(1, report.accepted());
        assertEquals(1, report.duplicates());
        assertEquals(1, report.conflicts());
    }

    @Test
    void secondEngineOnTheSameDataDirectory_isTurnedAway() {
        ReservoirException e = assertThrows(ReservoirException.class,
                () -> DuckDbEngine.open(EngineConfig.of(dir.resolve("data"))));
        assertEquals(ErrorCode.DATA_DIRECTORY_LOCKED, e.code());
        assertTrue(e.getMessage().startsWith("data directory " + dir.resolve("data") + " is in use by another Reservoir"
                + " process (pid " + ProcessHandle.current().pid() + ", since 2026-11-23T00:00:00Z)"), e.getMessage());
    }

    @Test
    void unknownTenant_saysHowToCreateIt() {
        ReservoirException e = assertThrows(ReservoirException.class, () -> engine.store("nope"));
        assertEquals("tenant 'nope' does not exist in " + dir.resolve("data")
                + " (create it with: reservoir tenant create nope)", e.getMessage());
    }
}
