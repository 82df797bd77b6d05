package dev.reservoir.duckdb;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.ingest.AccessLogSettings;
import dev.reservoir.ingest.Rejection;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads a web server access log in the combined log format into a temporary table of page
 * views. DuckDB has no reader for this format and cannot call the user-agent classifier, so the
 * lines are split and classified here and appended to DuckDB; the mapping's checks and select
 * list ({@code sql/mapping/access-log.sql}) then run as for any other source.
 *
 * <p>Rules (docs/import.md): a line that does not have the combined format's fields, or whose
 * time is not {@code dd/Mon/yyyy:HH:mm:ss ±hhmm}, is rejected with its line number. A well-formed
 * line is a page view when the method is GET, the status is 2xx or 304, and the path's last
 * segment has no extension or a page extension ({@link #PAGE_EXTENSIONS}); other lines (assets,
 * errors, redirects, other methods) are skipped and counted. Crawlers are skipped too unless the
 * settings include them.
 */
final class AccessLogReader {
    /**
     * {@code %h %l %u [%t] "%r" %>s %b "%{Referer}i" "%{User-Agent}i"}. Quoted fields may hold
     * backslash escapes ({@code \"}). The user agent's closing quote may be missing at the end of
     * the line: servers cut long headers, and the line is still whole otherwise.
     */
    private static final Pattern COMBINED = Pattern.compile(
            "^(\\S+) (\\S+) (\\S+) \\[([^\\]]+)\\] \"((?:[^\"\\\\]|\\\\.)*)\" (\\d{3}) (\\S+)"
                    + " \"((?:[^\"\\\\]|\\\\.)*)\" \"((?:[^\"\\\\]|\\\\.)*)\"?\\s*$");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
    /** Extensions of files that are pages, not assets (the path's last segment, lower case). */
    static final Set<String> PAGE_EXTENSIONS = Set.of("html", "htm", "xhtml", "shtml", "php", "asp", "aspx", "jsp");

    static final String COLUMNS = "line BIGINT, occurred_at TIMESTAMPTZ, client VARCHAR, user_agent VARCHAR,"
            + " method VARCHAR, page VARCHAR, query VARCHAR, status INTEGER, referrer VARCHAR, crawler BOOLEAN,"
            + " agent_class VARCHAR, agent_name VARCHAR";

    private final DuckDBConnection connection;
    private final AccessLogSettings settings;
    /** One classification per distinct user agent: a log repeats a few thousand agents millions of times. */
    private final Map<String, UserAgents.Agent> agents = new HashMap<>();

    AccessLogReader(DuckDBConnection connection, AccessLogSettings settings) {
        this.connection = connection;
        this.settings = settings;
    }

    /** One line split into the combined format's fields. */
    record Line(String client, OffsetDateTime time, String method, String target, int status, String referrer,
                String userAgent) {
    }

    Source read(Path file, String label, String table) throws SQLException, IOException {
        List<Rejection> malformed = new ArrayList<>();
        long skipped = 0;
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE OR REPLACE TEMP TABLE " + table + " (" + COLUMNS + ")");
        }
        try (DuckDBAppender appender = connection.createAppender("temp", "main", table);
             BufferedReader in = open(file)) {
            long number = 0;
            String text;
            while (true) {
                try {
                    text = in.readLine();
                } catch (CharacterCodingException e) {
                    throw new ReservoirException(e, ErrorCode.NOT_UTF8, file, number + 1, e.toString());
                }
                if (text == null) {
                    break;
                }
                number++;
                if (text.isBlank()) {
                    continue;
                }
                Line line;
                try {
                    line = parse(text);
                } catch (IllegalArgumentException e) {
                    malformed.add(new Rejection(label, number, null, text, ErrorCode.MALFORMED_ROW,
                            List.of(e.getMessage())));
                    continue;
                }
                if (!isPageView(line)) {
                    skipped++;
                    continue;
                }
                UserAgents.Agent agent = agents.computeIfAbsent(line.userAgent() == null ? "" : line.userAgent(),
                        UserAgents::classify);
                if (agent.crawler() && !settings.includeCrawlers()) {
                    skipped++;
                    continue;
                }
                int q = line.target().indexOf('?');
                String path = q < 0 ? line.target() : line.target().substring(0, q);
                int hash = path.indexOf('#');
                path = hash < 0 ? path : path.substring(0, hash);
                appender.beginRow();
                appender.append(number);
                appender.append(line.time());
                appender.append(mask(line.client(), settings.maskBytes()));
                appender.append(line.userAgent());
                appender.append(line.method());
                appender.append(path);
                appender.append(q < 0 ? null : line.target().substring(q + 1));
                appender.append(line.status());
                appender.append(line.referrer());
                appender.append(agent.crawler());
                appender.append(agent.deviceClass());
                appender.append(agent.name());
                appender.endRow();
            }
        }
        try (Statement st = connection.createStatement()) {
            return new Source(table, SourceReader.describe(st, table), malformed, skipped);
        }
    }

    private static BufferedReader open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        InputStream in = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")
                ? new GZIPInputStream(raw, 1 << 16) : raw;
        // Strict UTF-8: a log with other bytes is refused whole, as a CSV file is.
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    }

    /** Splits one line; the message of the exception says what is wrong, for the rejects file. */
    static Line parse(String text) {
        Matcher m = COMBINED.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected the combined log format: "
                    + "host ident user [time] \"request\" status bytes \"referrer\" \"user agent\"");
        }
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(m.group(4), TIME);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time '" + m.group(4) + "' is not dd/Mon/yyyy:HH:mm:ss +hhmm");
        }
        String[] request = m.group(5).split(" ");
        String method = request.length == 3 ? request[0] : null;
        String target = request.length == 3 ? request[1] : null;
        return new Line(m.group(1), time, method, target, Integer.parseInt(m.group(6)), dash(unescape(m.group(8))),
                dash(unescape(m.group(9))));
    }

    /**
     * A successful request for a page: GET; status 2xx or 304 (a page served from the browser's
     * cache is still a view; Matomo's log importer counts it too); a path whose last segment has
     * no extension or a page extension. Requests that are not {@code METHOD target PROTOCOL}
     * (probes, garbage) are not page views.
     */
    static boolean isPageView(Line line) {
        if (!"GET".equals(line.method()) || line.target() == null || !line.target().startsWith("/")) {
            return false;
        }
        if (!(line.status() >= 200 && line.status() <= 299 || line.status() == 304)) {
            return false;
        }
        String path = line.target();
        int cut = path.length();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '?' || c == '#') {
                cut = i;
                break;
            }
        }
        path = path.substring(0, cut);
        String last = path.substring(path.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        return dot < 0 || PAGE_EXTENSIONS.contains(last.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Matomo's IP anonymisation: IPv4 loses its last 1, 2 or 3 bytes (set to 0); IPv6 keeps its
     * first 64, 48 or 24 bits. A client that is not an address (a host name) is kept as it is.
     */
    static String mask(String client, int bytes) {
        if (bytes == 0) {
            return client;
        }
        String[] octets = client.split("\\.", -1);
        if (octets.length == 4 && client.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                && java.util.Arrays.stream(octets).allMatch(o -> Integer.parseInt(o) <= 255)) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                b.append(i == 0 ? "" : ".").append(i < 4 - bytes ? octets[i] : "0");
            }
            return b.toString();
        }
        // An IPv6 literal (InetAddress parses literals with a colon itself, without a lookup).
        if (client.indexOf(':') < 0 || !client.matches("[0-9A-Fa-f:.]+")) {
            return client;
        }
        try {
            byte[] address = InetAddress.getByName(client).getAddress();
            if (address.length != 16) {
                return client;
            }
            int keepBits = new int[] {128, 64, 48, 24}[bytes];
            for (int bit = keepBits; bit < 128; bit++) {
                address[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
            }
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            return client;
        }
    }

    private static String dash(String value) {
        return value == null || value.isEmpty() || "-".equals(value) ? null : value;
    }

    /** Apache writes {@code "} and {@code \} inside quoted fields as {@code \"} and {@code \\}. */
    private static String unescape(String value) {
        if (value == null || value.indexOf('\\') < 0) {
            return value;
        }
        return value.replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
