package dev.reservoir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reservoir.duckdb.DuckDbEngine;
import dev.reservoir.engine.EngineConfig;
import dev.reservoir.server.ReservoirServer;
import dev.reservoir.server.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in a real browser: Debian's headless Chromium driven through Debian's
 * chromedriver (Selenium; Selenium Manager is never asked for a driver or a browser), on the
 * server with the demo shop (300 customers over 120 days from 2025-01-01, as of its last Sunday,
 * 2025-04-27). It signs in, switches language, compares every chart's series with the JSON the
 * API returns for the same parameters (fetched here, in Java), follows a churned customer to the
 * profile page, downloads a CSV export, and saves screenshots to target/dashboard-screenshots/.
 *
 * <p>Without Chromium and chromedriver it is skipped locally and fails when {@code CI=true}
 * (.ci/run installs Debian's {@code chromium chromium-driver fonts-noto-cjk}).
 */
class DashboardBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String ADMIN = "admin-token-for-browser-tests-0123";
    /** The demo shop's last Sunday: 120 days from 2025-01-01 end on 2025-04-30 (DemoCommand#report). */
    static final String AS_OF = "2025-04-27";
    static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String[] STAGES = {"acquired", "converted", "active", "reactivated", "silent", "churned"};

    @TempDir
    static Path dir;
    static DuckDbEngine engine;
    static ReservoirServer server;
    static ChromeDriver driver;
    static String token;
    static String base;
    static JsonNode labels;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /**
     * Selenium looks for a DevTools (CDP) module of the browser's version and warns when it has
     * none; the test uses WebDriver only, so that warning says nothing here. Held so that the
     * logger (and its level) is not collected.
     */
    static final java.util.logging.Logger CDP_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

    @BeforeAll
    static void start() throws IOException {
        requireBrowser();
        CDP_LOG.setLevel(java.util.logging.Level.SEVERE);
        Cli.Result demo = new Cli(dir.resolve("data")).run("demo", "--customers", "300", "--days", "120", "--format", "json");
        assertEquals(0, demo.exit(), demo::toString);
        assertTrue(demo.json().get("reports").get(0).asText().endsWith("customer-health-" + AS_OF + ".html"), demo::toString);
        Clock clock = Clock.fixed(Cli.NOW, ZoneOffset.UTC);
        engine = DuckDbEngine.open(EngineConfig.of(dir.resolve("data")).withClock(clock));
        server = ReservoirServer.start(new ServerConfig("127.0.0.1", 0, ADMIN, dir.resolve("data/server"), 1 << 20,
                1000, 0, 0, clock), engine, new ServedCommands(clock, Map.<String, String>of()::get, engine));
        base = "http://127.0.0.1:" + server.port();
        token = JSON.readTree(send("POST", "/admin/tenants/demo/tokens", ADMIN)).get("token").asText();
        try (InputStream in = DashboardBrowserTest.class.getResourceAsStream("/dev/reservoir/server/dashboard/labels.json")) {
            labels = JSON.readTree(in);
        }
        Files.createDirectories(SCREENSHOTS);
        Files.createDirectories(dir.resolve("downloads"));

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=en-US",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", dir.resolve("downloads").toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    /** Skips here, fails on CI, when Debian's chromium or chromedriver is not installed. */
    static void requireBrowser() {
        List<String> missing = Stream.of(CHROMIUM, CHROMEDRIVER).filter(p -> !Files.isExecutable(p)).map(Path::toString).toList();
        if (missing.isEmpty()) {
            return;
        }
        String why = "not installed: " + missing + " (Debian packages chromium, chromium-driver, fonts-noto-cjk)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("CI=true and the browser test needs a browser: " + why);
        }
        Assumptions.abort(why + "; skipping (set CI=true to make this a failure)");
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @BeforeEach
    void laptopWidth() {
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    // ---- helpers

    static String send(String method, String path, String bearer) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + bearer).build();
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertTrue(r.statusCode() < 300, () -> path + ": " + r.statusCode() + " " + r.body());
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** What the API answers for a tenant route with these parameters, as of the test's date. */
    static JsonNode api(String path, String query) {
        try {
            String lang = query.contains("lang=") ? "" : "&lang=en";
            return JSON.readTree(send("GET", "/t/demo" + path + "?as_of=" + AS_OF + lang + (query.isEmpty() ? "" : "&" + query), token));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Opens a route (#/...) and waits for its page to be drawn; returns the view. */
    WebElement open(String route, String page) {
        markStale();
        // As a click on a link would: the hash changes (or, when it is already there, the page is drawn again).
        js("var h = arguments[0]; if (location.hash === h) { window.dispatchEvent(new HashChangeEvent('hashchange')); }"
                + " else { location.hash = h; }", "#/" + route);
        return ready(page);
    }

    void markStale() {
        js("var v = document.getElementById('view'); if (v) v.dataset.stale = 'true';");
    }

    /** Waits for a view rendered after the last markStale(), of the page named, and checks it is ready. */
    WebElement ready(String page) {
        // The view element is replaced by every render: one found may be gone a moment later.
        WebElement view = new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement v = d.findElement(By.id("view"));
            String state = v.getAttribute("data-state");
            boolean fresh = v.getAttribute("data-stale") == null;
            return fresh && ("ready".equals(state) || "error".equals(state)) ? v : null;
        });
        assertEquals(page, view.getAttribute("data-page"));
        assertEquals("ready", view.getAttribute("data-state"), view::getText);
        return view;
    }

    /** The as-of date the dashboard chose itself at the last sign-in through the form. */
    private String asOfAtSignIn;

    /** Signed in (through the form when not yet), in English, at the test's as-of date, whatever the test before left. */
    void signIn() {
        if (Boolean.TRUE.equals(js("return !!document.body && document.body.classList.contains('signed-in')"))) {
            if (!AS_OF.equals(js("return document.getElementById('as-of').value"))) {
                setAsOf(AS_OF);
            }
            if (!"en".equals(js("return document.documentElement.lang"))) {
                language("en");
            }
            return;
        }
        driver.get(base + "/");
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.findElement(By.id("sign-in")).isDisplayed());
        driver.findElement(By.id("tenant")).clear();
        driver.findElement(By.id("tenant")).sendKeys("demo");
        driver.findElement(By.id("token")).clear();
        driver.findElement(By.id("token")).sendKeys(token);
        markStale();
        driver.findElement(By.id("sign-in-submit")).click();
        ready("report");
        asOfAtSignIn = (String) js("return document.getElementById('as-of').value");
        setAsOf(AS_OF);
        assertEquals(AS_OF, js("return document.getElementById('as-of').value"));
    }

    void setAsOf(String date) {
        markStale();
        // A date input's value is set as the user's picker would, then its change event fires.
        js("var i = document.getElementById('as-of'); i.value = arguments[0]; i.dispatchEvent(new Event('change'));", date);
        ready((String) js("return document.getElementById('view').dataset.page"));
    }

    void language(String lang) {
        markStale();
        driver.findElement(By.id("lang-" + lang)).click();
        ready((String) js("return document.getElementById('view').dataset.page"));
    }

    void screenshot(String name) throws IOException {
        // The whole page: the window made as tall as the document for the shot.
        Dimension size = driver.manage().window().getSize();
        long height = ((Number) js("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new Dimension(size.getWidth(), (int) Math.min(height + 120, 8000)));
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(size);
    }

    /** The series of the chart marked data-chart=name, read back from ECharts. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> series(String name) {
        Object s = js("var el = document.querySelector('[data-chart=\"' + arguments[0] + '\"]');"
                + "if (!el) return null; var c = echarts.getInstanceByDom(el); if (!c) return null;"
                + "return c.getOption().series.map(function (s) { return {name: s.name, type: s.type, data: s.data, links: s.links || null}; });",
                name);
        assertTrue(s != null, "chart " + name + " is drawn");
        return (List<Map<String, Object>>) s;
    }

    @SuppressWarnings("unchecked")
    static List<Object> data(Map<String, Object> series) {
        return (List<Object>) series.get("data");
    }

    /** Equal numbers (JSON null as null), list against list, to 1e-9. */
    static void assertValues(List<?> expected, List<?> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": " + expected + " vs " + actual);
        for (int i = 0; i < expected.size(); i++) {
            Object e = expected.get(i);
            Object a = actual.get(i);
            if (e instanceof List<?> el) {
                assertTrue(a instanceof List<?>, what + "[" + i + "]: " + a);
                assertValues(el, (List<?>) a, what + "[" + i + "]");
            } else if (e == null) {
                assertTrue(a == null, what + "[" + i + "]: expected no value, was " + a);
            } else {
                assertTrue(a instanceof Number, what + "[" + i + "]: expected " + e + ", was " + a);
                assertEquals(((Number) e).doubleValue(), ((Number) a).doubleValue(), 1e-9, what + "[" + i + "]");
            }
        }
    }

    static List<Object> numbers(JsonNode array, String field) {
        List<Object> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).isNull() ? null : n.get(field).numberValue()));
        return out;
    }

    /** The cohort heatmap's cells from the API: [offset, cohort index, rate] where the rate is defined. */
    static List<Object> cells(JsonNode cohorts) {
        List<Object> out = new ArrayList<>();
        for (int y = 0; y < cohorts.size(); y++) {
            for (JsonNode cell : cohorts.get(y).get("cells")) {
                if (!cell.get("rate").isNull()) {
                    out.add(List.of(cell.get("offset").asInt(), y, cell.get("rate").doubleValue()));
                }
            }
        }
        return out;
    }

    static List<Object> stages(JsonNode stages) {
        List<Object> out = new ArrayList<>();
        for (String s : STAGES) {
            out.add(stages.get(s).numberValue());
        }
        return out;
    }

    static JsonNode figure(JsonNode report, String id) {
        for (JsonNode section : report.get("sections")) {
            for (JsonNode f : section.get("figures")) {
                if (f.get("id").asText().equals(id)) {
                    return f.get("data");
                }
            }
        }
        throw new AssertionError("no figure " + id + " in the report");
    }

    /** The customer ids in the table of the list marked data-list=name. */
    List<String> listed(String name) {
        List<String> ids = new ArrayList<>();
        driver.findElements(By.cssSelector("[data-list='" + name + "'] tbody tr td:first-child")).forEach(td -> ids.add(td.getText()));
        return ids;
    }

    static List<String> ids(JsonNode customers, String field) {
        List<String> out = new ArrayList<>();
        customers.forEach(c -> out.add(c.get(field).asText()));
        return out;
    }

    // ---- tests

    @Test
    void signIn_needsAValidToken_andTheRootRedirectsToTheDashboard() {
        js("sessionStorage.clear()");
        driver.get(base + "/");
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.findElement(By.id("sign-in")).isDisplayed());
        assertTrue(driver.getCurrentUrl().startsWith(base + "/dashboard/"), driver.getCurrentUrl());
        driver.findElement(By.id("tenant")).sendKeys("demo");
        driver.findElement(By.id("token")).sendKeys("rsv_0000_forged");
        driver.findElement(By.id("sign-in-submit")).click();
        WebElement error = new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            WebElement e = d.findElement(By.id("sign-in-error"));
            return e.isDisplayed() ? e : null;
        });
        assertTrue(error.getText().startsWith("missing or unknown token"), error::getText);
        assertFalse(Boolean.TRUE.equals(js("return document.body.classList.contains('signed-in')")));
        signIn();
        assertEquals("demo", driver.findElement(By.id("who")).getText());
        // No date picked: the server's today (2025-06-01, the test's clock) is over a week after the
        // demo's last event, so the dashboard started on that last day (/info's last_date), not on
        // an empty today.
        JsonNode info;
        try {
            info = JSON.readTree(send("GET", "/t/demo/info", token));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals("2025-06-01", info.get("as_of").asText());
        assertTrue(info.get("last_date").asText().compareTo("2025-05-25") < 0, info::toString);
        assertEquals(info.get("last_date").asText(), asOfAtSignIn);
        // Kept in sessionStorage: a reload stays signed in, the token is never in the address.
        driver.navigate().refresh();
        ready("report");
        assertFalse(driver.getCurrentUrl().contains(token));
    }

    @Test
    void languageSwitch_changesEveryLabel_onEveryPage() throws IOException {
        signIn();
        // Every page in Chinese, then back in English (the pages whose labels were not seen yet in English).
        for (String lang : List.of("zh", "en")) {
            if (!"customers".equals(js("return document.getElementById('view').dataset.page"))) {
                open("customers", "customers"); // a quick page to switch on
            }
            language(lang);
            List<String> pages = lang.equals("zh") ? List.of("report", "retention", "churn", "funnels", "paths", "segments", "customers")
                    : List.of("retention", "funnels", "paths", "customers");
            for (String page : pages) {
                open(page, page);
                @SuppressWarnings("unchecked")
                List<List<String>> shown = (List<List<String>>) js("return Array.from(document.querySelectorAll('[data-label]'))"
                        + ".map(function (e) { return [e.dataset.label, e.textContent]; })");
                assertTrue(shown.size() > 10, page + ": labels on the page: " + shown.size());
                for (List<String> label : shown) {
                    JsonNode entry = labels.get(label.get(0));
                    assertTrue(entry != null, "label key " + label.get(0) + " is in labels.json");
                    assertEquals(entry.get(lang).asText(), label.get(1), page + " " + lang + ": " + label.get(0));
                }
                assertEquals(lang.equals("zh") ? "zh-CN" : "en", js("return document.documentElement.lang"));
                if (page.equals("report") && lang.equals("zh")) {
                    // The report's own titles come from the API in the same language.
                    WebElement view = driver.findElement(By.id("view"));
                    assertEquals(api("/report", "format=json&lang=zh").get("title").asText(), view.findElement(By.tagName("h1")).getText());
                    assertTrue(view.getText().contains("本周客户"), "a section title in Chinese");
                    screenshot("report-zh");
                }
            }
        }
    }

    @Test
    void reportCharts_equalTheReportApi() {
        signIn();
        open("report", "report");
        JsonNode report = api("/report", "format=json");
        JsonNode weeks = figure(report, "customers_this_week").get("weeks");
        List<Map<String, Object>> customers = series("report-customers_this_week");
        assertEquals(3, customers.size());
        for (int i = 0; i < 3; i++) {
            JsonNode w = weeks.get(i);
            assertValues(List.of(w.get("new_customers").asLong(), w.get("active_customers").asLong(),
                    w.get("churned_customers").asLong()), data(customers.get(i)), "customers this week " + i);
        }
        for (String id : List.of("churn_rate_weekly", "churn_rate_monthly", "repurchase_monthly")) {
            assertValues(numbers(figure(report, id).get("rows"), "rate"), data(series("report-" + id).get(0)), id);
        }
        assertValues(cells(figure(report, "cohort_retention").get("cohorts")), data(series("report-cohort_retention").get(0)),
                "cohort retention");
        List<Map<String, Object>> lifecycle = series("report-lifecycle_stages");
        JsonNode stageWeeks = figure(report, "lifecycle_stages").get("weeks");
        for (int i = 0; i < 3; i++) {
            assertValues(stages(stageWeeks.get(i).get("stages")), data(lifecycle.get(i)), "lifecycle week " + i);
        }
        assertValues(numbers(figure(report, "rfm_classes").get("classes"), "customers"), data(series("report-rfm_classes").get(0)),
                "rfm classes");
        // The demo shop's complaints and surveys give reasons: customers per reason, complaints per reason.
        assertValues(numbers(figure(report, "churn_reasons").get("reasons"), "customers"), data(series("report-churn_reasons").get(0)),
                "churn reasons");
        assertValues(numbers(figure(report, "complaints").get("reasons"), "complaints"), data(series("report-complaints").get(0)),
                "complaints");
        // The at-risk table lists the report's customers, in its order.
        List<String> shown = new ArrayList<>();
        driver.findElements(By.cssSelector("[data-figure='at_risk_customers'] tbody tr td:first-child")).forEach(td -> shown.add(td.getText()));
        assertEquals(ids(figure(report, "at_risk_customers").get("customers"), "customer_id"), shown);
    }

    @Test
    void retentionAndChurnCharts_equalTheMetricApis() throws IOException {
        signIn();
        open("retention?period=month", "retention");
        assertValues(cells(api("/metrics/retention", "period=month").get("cohorts")), data(series("retention-heatmap").get(0)),
                "retention heatmap");
        JsonNode activity = api("/metrics/activity", "");
        assertValues(numbers(activity.get("daily"), "dau"), data(series("activity-dau").get(0)), "DAU");
        String stats = driver.findElement(By.cssSelector(".stats")).getText();
        assertTrue(stats.contains(String.valueOf(activity.get("mau").get("customers").asLong())), stats);

        open("churn?preset=apparel&period=week", "churn");
        JsonNode churn = api("/metrics/churn", "preset=apparel&period=week");
        List<Map<String, Object>> trend = series("churn-trend");
        assertValues(numbers(churn.get("rows"), "rate"), data(trend.get(0)), "churn rate");
        assertValues(numbers(churn.get("rows"), "churned"), data(trend.get(1)), "churned");
        assertEquals(ids(api("/metrics/warn", "preset=apparel&churned=true").get("customers"), "customer_id"), listed("churned"));
        assertEquals(ids(api("/metrics/warn", "preset=apparel").get("customers"), "customer_id"), listed("silent"));
        screenshot("churn-en");
    }

    @Test
    void funnelPathAndSegmentCharts_equalTheMetricApis() throws IOException {
        signIn();
        open("funnels?steps=" + URLEncoder.encode("page_view, add_to_cart, purchase", StandardCharsets.UTF_8), "funnels");
        JsonNode funnel = api("/metrics/funnel", "step=page_view&step=add_to_cart&step=purchase");
        assertValues(numbers(funnel.get("groups").get(0).get("steps"), "reached"), data(series("funnel-steps").get(0)), "funnel");

        open("paths?steps=2", "paths");
        JsonNode paths = api("/metrics/paths", "steps=2");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> links = (List<Map<String, Object>>) series("paths-sankey").get(0).get("links");
        assertEquals(paths.get("transitions").size(), links.size());
        Iterator<JsonNode> transitions = paths.get("transitions").elements();
        for (Map<String, Object> link : links) {
            JsonNode t = transitions.next();
            // A node is a step at its position: "1 · /home" to "2 · @visit".
            assertEquals(t.get("position").asInt() + " · " + t.get("from").asText(), link.get("source"));
            assertEquals((t.get("position").asInt() + 1) + " · " + t.get("to").asText(), link.get("target"));
            assertEquals(t.get("sessions").asLong(), ((Number) link.get("value")).longValue());
        }
        screenshot("paths-en");

        open("segments", "segments");
        JsonNode rfm = api("/metrics/rfm", "");
        assertValues(numbers(rfm.get("classes"), "customers"), data(series("rfm-classes").get(0)), "rfm classes");
        List<Object> grid = new ArrayList<>();
        JsonNode counts = rfm.get("rf_grid").get("counts");
        for (int r = 0; r < counts.size(); r++) {
            for (int f = 0; f < counts.get(r).size(); f++) {
                grid.add(List.of(f, r, counts.get(r).get(f).asLong()));
            }
        }
        assertValues(grid, data(series("rfm-grid").get(0)), "R x F grid");
        JsonNode lifecycle = api("/metrics/lifecycle", "");
        assertValues(stages(lifecycle.get("counts").get("stages")), data(series("lifecycle-stages").get(0)), "stages");
        List<Map<String, Object>> weekly = series("lifecycle-weekly");
        for (int s = 0; s < STAGES.length; s++) {
            List<Object> expected = new ArrayList<>();
            for (JsonNode w : lifecycle.get("weekly")) {
                expected.add(w.get("stages").get(STAGES[s]).asLong());
            }
            assertValues(expected, data(weekly.get(s)), "weekly " + STAGES[s]);
        }
        screenshot("segments-en");

        open("customers?kind=segment&value=important-retain", "customers");
        assertEquals(ids(api("/metrics/customers", "segment=important-retain").get("customers"), "customer_id"), listed("customers"));
    }

    /** The profile page shows what the lookup API answers for the customer. */
    void assertProfile(String id, WebElement view) {
        assertEquals(id, view.findElement(By.cssSelector("h1.customer-id")).getText());
        JsonNode lookup = api("/customers/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"), "");
        assertEquals(id, lookup.get("customer_id").asText());
        List<String> events = new ArrayList<>();
        driver.findElements(By.cssSelector("[data-list='timeline'] li")).forEach(li -> events.add(li.getAttribute("data-event")));
        assertEquals(ids(lookup.get("timeline").get("events"), "event_id"), events, "the timeline, newest first");
        // The chart: money per day of the shown purchases, oldest day first, summed here from the API's events.
        Map<String, Double> byDay = new java.util.TreeMap<>();
        lookup.get("timeline").get("events").forEach(e -> {
            if (e.get("type").asText().equals("purchase") && !e.get("amount").isNull()) {
                byDay.merge(e.get("local_date").asText(), e.get("amount").decimalValue().doubleValue(), Double::sum);
            }
        });
        if (!byDay.isEmpty()) {
            assertValues(new ArrayList<Object>(byDay.values()), data(series("profile-purchases").get(0)), "purchases per day");
        }
        String stage = lookup.get("segments").get("lifecycle_stage").get("code").asText();
        assertTrue(view.getText().contains(labels.get("stage." + stage).get("en").asText()), view::getText);
    }

    @Test
    void aChurnedCustomer_opensTheProfilePage() throws IOException {
        signIn();
        open("churn", "churn");
        WebElement first = driver.findElement(By.cssSelector("[data-list='churned'] tbody tr td:first-child a"));
        String id = first.getText();
        assertEquals(api("/metrics/warn", "churned=true").get("customers").get(0).get("customer_id").asText(), id);
        markStale();
        first.click();
        WebElement view = ready("customer");
        assertTrue(driver.getCurrentUrl().endsWith("#/customer/" + id), driver.getCurrentUrl());
        assertProfile(id, view);
        assertTrue(view.getText().contains("Churned"), "a churned customer's stage");
        screenshot("profile-en");
    }

    @Test
    void hostileCustomerIds_areShownAsText_andOpenTheirProfile() throws Exception {
        signIn();
        // Silent 97 days on 2025-04-27: on the churned list, at its top (the most money).
        String raw = "<img src=x onerror=\"window.pwned=1\">/../?x=1#y&z";
        com.fasterxml.jackson.databind.node.ObjectNode event = JSON.createObjectNode().put("event_id", "hostile-1")
                .put("customer_id", raw).put("occurred_at", "2025-01-20T10:00:00+08:00").put("type", "purchase")
                .put("order_id", "hostile-o1").put("amount", 9999);
        String body = JSON.createObjectNode().set("events", JSON.createArrayNode().add(event)).toString();
        HttpResponse<String> sent = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/t/demo/events"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, sent.statusCode(), sent::body);
        open("churn", "churn");
        assertEquals(raw, listed("churned").get(0), "the id as text");
        assertEquals(0L, ((Number) js("return document.querySelectorAll('#view img').length")).longValue(), "no element from data");
        markStale();
        driver.findElement(By.cssSelector("[data-list='churned'] tbody tr td:first-child a")).click();
        WebElement view = ready("customer");
        assertProfile(raw, view);
        assertEquals(null, js("return window.pwned === undefined ? null : window.pwned"), "no script from data ran");
    }

    @Test
    void csvExport_downloadsTheApisCsv() throws Exception {
        signIn();
        open("churn", "churn");
        driver.findElement(By.cssSelector("[data-list='churned']")).findElement(By.xpath("preceding-sibling::button")).click();
        Path file = dir.resolve("downloads").resolve("churned-" + AS_OF + ".csv");
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> Files.isRegularFile(file));
        String expected = send("GET", "/t/demo/metrics/warn?churned=true&limit=0&format=csv&as_of=" + AS_OF + "&lang=en", token);
        assertEquals(expected, Files.readString(file, StandardCharsets.UTF_8));
        assertTrue(expected.lines().count() > 2, expected);
    }

    @Test
    void phoneWidth_fitsTheScreen() throws IOException {
        signIn();
        driver.manage().window().setSize(new Dimension(390, 844));
        language("zh");
        open("report", "report");
        long scroll = ((Number) js("return document.documentElement.scrollWidth")).longValue();
        long width = ((Number) js("return window.innerWidth")).longValue();
        assertTrue(scroll <= width, "no sideways scrolling at phone width: " + scroll + " > " + width);
        screenshot("report-phone-zh");
    }
}
