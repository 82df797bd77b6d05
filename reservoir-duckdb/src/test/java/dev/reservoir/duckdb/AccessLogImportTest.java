package dev.reservoir.duckdb;

import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.ingest.AccessLogSettings;
import dev.reservoir.ingest.BuiltinMapping;
import dev.reservoir.ingest.FileReport;
import dev.reservoir.ingest.ImportListener;
import dev.reservoir.ingest.ImportRequest;
import dev.reservoir.ingest.Mappings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built-in {@code access-log} mapping on hand-written log lines, each rule shown once. */
class AccessLogImportTest {
    static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");
    static final String CHROME = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_1) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/32.0.1700.77 Safari/537.36";
    static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    @TempDir
    Path dir;
    DuckDbEngine engine;
    TenantStore store;

    @BeforeEach
    void open() {
        engine = DuckDbEngine.open(EngineConfig.of(dir.resolve("data")).withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
        engine.createTenant("site", ZoneId.of("Asia/Shanghai"), Currency.getInstance("CNY"));
        store = engine.store("site");
    }

    @AfterEach
    void close() {
        engine.close();
    }

    static String line(String ip, String time, String request, int status, String referrer, String agent) {
        return ip + " - - [" + time + "] \"" + request + "\" " + status + " 1234 \"" + referrer + "\" \"" + agent + "\"";
    }

    /**
     * Lines 1–12; which become page views:
     * 1 GET / 200 Chrome: page '/' — kept.
     * 2 GET /blog/post.html?utm=x 200: page '/blog/post.html' (query dropped) — kept.
     * 3 GET /style.css 200: an asset — skipped.
     * 4 GET /missing 404: an error — skipped.
     * 5 GET /old 301: a redirect — skipped.
     * 6 POST /form 200: not GET — skipped.
     * 7 GET /about 304: not modified, still a view — kept.
     * 8 GET / 200 by Googlebot: a crawler — skipped by default.
     * 9 "not a log line": malformed — rejected with its line.
     * 10 a time that is not dd/Mon/yyyy: rejected.
     * 11 GET /a.php 200 with a truncated user agent (no closing quote) — kept.
     * 12 empty: ignored.
     * Read 11 (the empty line is not a row): accepted 4, rejected 2, skipped 5.
     */
    static final List<String> LINES = List.of(
            line("10.0.0.1", "17/May/2015:10:05:03 +0000", "GET / HTTP/1.1", 200, "-", CHROME),
            line("10.0.0.1", "17/May/2015:10:06:03 +0000", "GET /blog/post.html?utm=x HTTP/1.1", 200,
                    "http://www.google.com/search?q=x", CHROME),
            line("10.0.0.1", "17/May/2015:10:06:04 +0000", "GET /style.css HTTP/1.1", 200, "-", CHROME),
            line("10.0.0.1", "17/May/2015:10:06:05 +0000", "GET /missing HTTP/1.1", 404, "-", CHROME),
            line("10.0.0.1", "17/May/2015:10:06:06 +0000", "GET /old HTTP/1.1", 301, "-", CHROME),
            line("10.0.0.1", "17/May/2015:10:06:07 +0000", "POST /form HTTP/1.1", 200, "-", CHROME),
            line("10.0.0.2", "17/May/2015:10:07:00 +0000", "GET /about HTTP/1.1", 304, "-", CHROME),
            line("66.249.73.135", "17/May/2015:10:08:00 +0000", "GET / HTTP/1.1", 200, "-", GOOGLEBOT),
            "not a log line",
            line("10.0.0.3", "2015-05-17 10:09:00", "GET / HTTP/1.1", 200, "-", CHROME),
            "10.0.0.4 - - [17/May/2015:10:10:00 +0000] \"GET /a.php HTTP/1.1\" 200 5 \"-\" \"Mozilla/5.0 (Windows NT 6.1",
            "");

    private Path log(String name, List<String> lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private static ImportRequest request(AccessLogSettings settings, Path file) {
        return ImportRequest.of(new BuiltinMapping(BuiltinMapping.Layout.ACCESS_LOG, Optional.empty(), settings), file);
    }

    private List<String> rows(String sql) throws SQLException {
        DuckDbTenantStore duck = (DuckDbTenantStore) store;
        List<String> rows = new ArrayList<>();
        synchronized (duck) {
            try (Statement st = duck.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    StringBuilder b = new StringBuilder();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        b.append(i == 1 ? "" : " | ").append(rs.getString(i));
                    }
                    rows.add(b.toString());
                }
            }
        }
        return rows;
    }

    @Test
    void accessLog_keepsSuccessfulPageRequests_skipsAssetsErrorsAndCrawlers_rejectsMalformedLines() throws Exception {
        Path file = log("access.log", LINES);
        FileReport r = store.importFiles(ImportRequest.of(Mappings.resolve("access-log"), file), ImportListener.NONE)
                .files().get(0);
        assertEquals(11, r.read());
        assertEquals(4, r.accepted());
        assertEquals(2, r.rejected());
        assertEquals(5, r.skipped());
        assertEquals(4, r.anonymous());
        assertEquals(List.of(9L, 10L), r.firstRejections().stream().map(x -> x.line()).toList());
        assertEquals(ErrorCode.MALFORMED_ROW, r.firstRejections().get(0).code());
        assertTrue(r.firstRejections().get(1).message(Locale.ENGLISH).contains("line 10"),
                r.firstRejections().get(1).message(Locale.ENGLISH));
        assertTrue(r.firstRejections().get(1).message(Locale.ENGLISH).contains("2015-05-17 10:09:00"),
                r.firstRejections().get(1).message(Locale.ENGLISH));
        assertEquals(List.of(
                        "2015-05-17 18:05:03+08 | / | page_view | null",
                        "2015-05-17 18:06:03+08 | /blog/post.html | page_view | http://www.google.com/search?q=x",
                        "2015-05-17 18:07:00+08 | /about | page_view | null",
                        "2015-05-17 18:10:00+08 | /a.php | page_view | null"),
                rows("SELECT timezone('Asia/Shanghai', occurred_at)::VARCHAR || '+08', page, type,"
                        + " json_extract_string(properties, '$.referrer') FROM events ORDER BY occurred_at"));
        // Visitor = address + user agent: lines 1 and 2 are one visitor; 2, 4 differ by address.
        assertEquals(List.of("3"), rows("SELECT count(DISTINCT visitor_id) FROM events"));
        assertTrue(rows("SELECT visitor_id FROM events WHERE page = '/'").get(0).startsWith("10.0.0.1/"));
    }

    @Test
    void accessLog_importedTwice_storesNothingNew() throws Exception {
        Path file = log("access.log", LINES);
        store.importFiles(request(AccessLogSettings.DEFAULT, file), ImportListener.NONE);
        List<String> before = rows("SELECT event_id, visitor_id, page FROM events ORDER BY event_id");
        FileReport again = store.importFiles(request(AccessLogSettings.DEFAULT, file), ImportListener.NONE)
                .files().get(0);
        assertEquals(0, again.accepted());
        assertEquals(4, again.duplicates());
        assertEquals(before, rows("SELECT event_id, visitor_id, page FROM events ORDER BY event_id"));
    }

    @Test
    void accessLog_includeCrawlers_storesThemFlagged() throws Exception {
        Path file = log("access.log", LINES);
        FileReport r = store.importFiles(request(new AccessLogSettings(0, true), file), ImportListener.NONE)
                .files().get(0);
        // Line 8 (Googlebot) is now a page view: 5 accepted, 4 skipped.
        assertEquals(5, r.accepted());
        assertEquals(4, r.skipped());
        assertEquals(List.of("66.249.73.135 | true | Robot | Googlebot"),
                rows("SELECT split_part(visitor_id, '/', 1), json_extract(properties, '$.crawler'),"
                        + " json_extract_string(properties, '$.agent_class'),"
                        + " json_extract_string(properties, '$.agent_name') FROM events"
                        + " WHERE json_extract(properties, '$.crawler')::BOOLEAN"));
    }

    @Test
    void accessLog_masksClientAddressesAsMatomoDoes() throws Exception {
        Path file = log("access.log", LINES);
        store.importFiles(request(new AccessLogSettings(2, false), file), ImportListener.NONE);
        // Two bytes masked: 10.0.0.1, .2 and .4 all become 10.0.0.0, so lines 1, 2 and 7 (same
        // agent) are one visitor; line 11 has another agent.
        assertEquals(List.of("10.0.0.0 | 2"),
                rows("SELECT split_part(visitor_id, '/', 1), count(DISTINCT visitor_id) FROM events GROUP BY 1"));
        assertEquals("83.149.9.0", AccessLogReader.mask("83.149.9.216", 1));
        assertEquals("83.149.0.0", AccessLogReader.mask("83.149.9.216", 2));
        assertEquals("83.0.0.0", AccessLogReader.mask("83.149.9.216", 3));
        assertEquals("2001:db8:85a3:8d3:0:0:0:0", AccessLogReader.mask("2001:db8:85a3:8d3:1319:8a2e:370:7348", 1));
        assertEquals("2001:db8:85a3:0:0:0:0:0", AccessLogReader.mask("2001:db8:85a3:8d3:1319:8a2e:370:7348", 2));
        assertEquals("2001:d00:0:0:0:0:0:0", AccessLogReader.mask("2001:db8:85a3:8d3:1319:8a2e:370:7348", 3));
        assertEquals("proxy.example.com", AccessLogReader.mask("proxy.example.com", 2));
    }

    @Test
    void accessLogSettings_fromYaml() throws Exception {
        Path yaml = dir.resolve("log.yaml");
        Files.writeString(yaml, "builtin: access-log\nmask_ip_bytes: 2\ninclude_crawlers: true\n");
        BuiltinMapping m = (BuiltinMapping) Mappings.load(yaml);
        assertEquals(new AccessLogSettings(2, true), m.accessLog());
        Files.writeString(yaml, "builtin: access-log\nmask_ip_bytes: 4\n");
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> Mappings.load(yaml))
                .getMessage().contains("mask_ip_bytes: expected 0, 1, 2 or 3, was '4'"));
        Files.writeString(yaml, "builtin: online-retail\ninclude_crawlers: true\n");
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> Mappings.load(yaml))
                .getMessage().contains("only the built-in access-log mapping"));
    }
}
