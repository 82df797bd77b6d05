package dev.reservoir.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reservoir.duckdb.DuckDbEngine;
import dev.reservoir.engine.EngineConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's files as the server sends them, and the rules its sources keep: one label
 * dictionary with English and Chinese for every key, every key the pages use in it, and no
 * data ever placed into the page as markup. (The pages themselves, in a browser, are tested by
 * reservoir-cli's DashboardBrowserTest.)
 */
class DashboardTest {
    static final String ADMIN = "admin-token-for-tests-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    DuckDbEngine engine;
    ReservoirServer server;
    final HttpClient http = HttpClient.newHttpClient();

    /** The dashboard's source folder: the resources beside ReservoirServer, as built into target/classes. */
    static Path folder() {
        try {
            return Path.of(ReservoirServer.class.getResource("dashboard").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> files(String extension) throws IOException {
        try (Stream<Path> s = Files.list(folder())) {
            return s.filter(p -> p.getFileName().toString().endsWith(extension)).sorted().toList();
        }
    }

    @BeforeEach
    void start() {
        Clock clock = Clock.fixed(Instant.parse("2025-06-01T04:00:00Z"), ZoneOffset.UTC);
        engine = DuckDbEngine.open(EngineConfig.of(dir.resolve("data")).withClock(clock));
        // The dashboard's routes call no command: a server serving none is enough here.
        Commands none = new Commands() {
            @Override
            public Map<String, Set<String>> parameters() {
                return Map.of();
            }

            @Override
            public Output run(String command, String tenant, List<Map.Entry<String, String>> parameters, Locale locale,
                              String format) {
                throw new IllegalArgumentException("not a served command: " + command);
            }

            @Override
            public Output run(String command, String tenant, String argument, List<Map.Entry<String, String>> parameters,
                              Locale locale, String format) {
                throw new IllegalArgumentException("not a served command: " + command);
            }
        };
        server = ReservoirServer.start(new ServerConfig("127.0.0.1", 0, ADMIN, dir.resolve("data/server"), 1 << 16, 10, 0, 0,
                clock), engine, none);
    }

    @AfterEach
    void stop() {
        server.close();
        engine.close();
    }

    HttpResponse<byte[]> get(String path) throws Exception {
        HttpClient noRedirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        return noRedirects.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void root_andDashboardWithoutSlash_redirectToTheDashboard() throws Exception {
        for (String path : List.of("/", "/dashboard")) {
            HttpResponse<byte[]> r = get(path);
            assertEquals(302, r.statusCode(), path);
            assertEquals("/dashboard/", r.headers().firstValue("Location").orElse(""), path);
        }
        HttpResponse<byte[]> page = get("/dashboard/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertEquals(Files.readString(folder().resolve("index.html")), new String(page.body(), StandardCharsets.UTF_8));
        // Scripts from this server only: nothing inline, nothing from elsewhere.
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.contains("script-src 'self';") && policy.contains("default-src 'none'"), policy);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    @Test
    void everyFileAndModule_isServed_withItsType_andEChartsComesFromTheWebjar() throws Exception {
        Pattern imports = Pattern.compile("from '\\./([a-z0-9-]+\\.js)'|src=\"([a-z0-9.-]+)\"|href=\"([a-z0-9-]+\\.css)\"");
        Set<String> referenced = new TreeSet<>();
        for (Path f : files("")) {
            Matcher m = imports.matcher(Files.readString(f));
            while (m.find()) {
                referenced.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
            }
        }
        assertTrue(referenced.containsAll(List.of("app.js", "core.js", "report.js", "echarts.min.js", "app.css")), referenced::toString);
        for (String name : referenced) {
            HttpResponse<byte[]> r = get("/dashboard/" + name);
            assertEquals(200, r.statusCode(), name);
            String type = r.headers().firstValue("Content-Type").orElse("");
            assertTrue(type.startsWith(name.endsWith(".css") ? "text/css" : "text/javascript"), name + ": " + type);
        }
        // The same bytes as the webjar's dist/echarts.min.js, found here from its own metadata.
        Properties pom = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/maven/org.webjars.npm/echarts/pom.properties")) {
            pom.load(in);
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(
                "META-INF/resources/webjars/echarts/" + pom.getProperty("version") + "/dist/echarts.min.js")) {
            assertArrayEquals(in.readAllBytes(), get("/dashboard/echarts.min.js").body());
        }
        assertTrue(get("/dashboard/labels.json").headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode paths = JSON.readTree(get("/openapi.json").body()).get("paths");
        for (String route : List.of("/", "/dashboard/", "/dashboard/{file}")) {
            assertTrue(paths.has(route), "openapi.json describes " + route);
        }
    }

    @Test
    void onlyTheDashboardsOwnFiles_areServed() throws Exception {
        for (String path : List.of("/dashboard/..%2Fopenapi.json", "/dashboard/%2e%2e%2fopenapi.json", "/dashboard/Dashboard.class",
                "/dashboard/nothing.js", "/dashboard/.hidden.js", "/dashboard/APP.JS")) {
            HttpResponse<byte[]> r = get(path);
            assertEquals(404, r.statusCode(), path);
            JsonNode error = JSON.readTree(r.body()).get("error");
            assertEquals("NOT_FOUND", error.get("code").asText(), path);
        }
        // A NUL in the path is refused before any route (Jetty's 400).
        HttpResponse<byte[]> nul = get("/dashboard/app.js%00.css");
        assertEquals(400, nul.statusCode());
        assertFalse(new String(nul.body(), StandardCharsets.UTF_8).contains("import"));
    }

    @Test
    void labels_haveEnglishAndChinese_forEveryKey_andEveryKeyThePagesUseExists() throws Exception {
        JsonNode labels = JSON.readTree(folder().resolve("labels.json").toFile());
        Pattern placeholder = Pattern.compile("\\{\\d}");
        Set<String> prefixes = new TreeSet<>();
        for (Map.Entry<String, JsonNode> e : labels.properties()) {
            List<String> languages = new ArrayList<>();
            e.getValue().fieldNames().forEachRemaining(languages::add);
            assertEquals(List.of("en", "zh"), languages.stream().sorted().toList(), e.getKey());
            String en = e.getValue().get("en").asText();
            String zh = e.getValue().get("zh").asText();
            assertFalse(en.isBlank() || zh.isBlank(), e.getKey());
            assertEquals(placeholders(placeholder, en), placeholders(placeholder, zh), e.getKey() + ": the same {n} in both");
            prefixes.add(e.getKey().substring(0, e.getKey().indexOf('.')));
        }
        // A quoted key of a known prefix anywhere in the pages must be in the dictionary.
        Pattern used = Pattern.compile("['\"]((" + String.join("|", prefixes) + ")\\.[a-z_-]+)['\"]");
        Set<String> missing = new TreeSet<>();
        for (Path f : Stream.concat(files(".js").stream(), files(".html").stream()).toList()) {
            Matcher m = used.matcher(Files.readString(f));
            while (m.find()) {
                if (!labels.has(m.group(1))) {
                    missing.add(f.getFileName() + ": " + m.group(1));
                }
            }
        }
        assertEquals(Set.of(), missing);
        // Keys built from data: the API's week names, lifecycle and usage stages, RFM classes.
        for (String key : List.of("week.this_week", "week.last_week", "week.four_weeks_ago", "stage.acquired", "stage.converted",
                "stage.active", "stage.reactivated", "stage.silent", "stage.churned", "stage.exploring", "stage.growing",
                "stage.mature", "stage.none", "rfm.important-value", "rfm.important-develop", "rfm.important-keep",
                "rfm.important-retain", "rfm.general-value", "rfm.general-develop", "rfm.general-keep", "rfm.general-retain")) {
            assertTrue(labels.has(key), key);
        }
    }

    private static List<String> placeholders(Pattern p, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out.stream().sorted().toList();
    }

    @Test
    void pages_neverPutTextIntoTheDomAsMarkup() throws Exception {
        // Data reaches the page through textContent (core.js el()); markup sinks are not used at all.
        for (Path f : files(".js")) {
            String text = Files.readString(f);
            for (String sink : Arrays.asList("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function")) {
                assertFalse(text.contains(sink), f.getFileName() + " uses " + sink);
            }
        }
    }
}
