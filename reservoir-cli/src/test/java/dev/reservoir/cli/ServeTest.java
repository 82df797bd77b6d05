package dev.reservoir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reservoir.duckdb.DuckDbEngine;
import dev.reservoir.engine.EngineConfig;
import dev.reservoir.server.ReservoirServer;
import dev.reservoir.server.ServerConfig;
import dev.reservoir.time.AsOf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code reservoir serve} as a client sees it: the real server on a free port of 127.0.0.1, the
 * embedded engine, the metric and report endpoints running the command line's own commands.
 * Limits are small here (64 KiB bodies, 50 events a batch) so that they are reached cheaply.
 */
class ServeTest {
    static final String ADMIN = "admin-token-for-tests-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    DuckDbEngine engine;
    ReservoirServer server;
    HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        Clock clock = Clock.fixed(Cli.NOW, ZoneOffset.UTC);
        engine = DuckDbEngine.open(EngineConfig.of(dir.resolve("data")).withClock(clock));
        server = ReservoirServer.start(new ServerConfig("127.0.0.1", 0, ADMIN, dir.resolve("data/server"), 64 * 1024,
                50, 0, 0, clock), engine, new ServedCommands(clock, Map.<String, String>of()::get, engine));
    }

    @AfterEach
    void stop() {
        server.close();
        engine.close();
    }

    record Reply(int status, String body, String type) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String code() {
            return json().get("error").get("code").asText();
        }

        @Override
        public String toString() {
            return status + " " + type + "\n" + (body.length() > 2000 ? body.substring(0, 2000) : body);
        }
    }

    Reply call(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Creates a tenant (Asia/Shanghai, CNY) and returns a token issued for it. */
    String tenantWithToken(String id) {
        Reply created = call("POST", "/admin/tenants", ADMIN, "{\"id\":\"" + id + "\",\"time_zone\":\"Asia/Shanghai\",\"currency\":\"CNY\"}");
        assertEquals(201, created.status(), created::toString);
        Reply token = call("POST", "/admin/tenants/" + id + "/tokens", ADMIN, null);
        assertEquals(201, token.status(), token::toString);
        return token.json().get("token").asText();
    }

    static String event(String id, String customer, String at, String type, String order, String amount) {
        return "{\"event_id\":\"" + id + "\",\"customer_id\":\"" + customer + "\",\"occurred_at\":\"" + at
                + "\",\"type\":\"" + type + "\"" + (order == null ? "" : ",\"order_id\":\"" + order + "\",\"amount\":" + amount)
                + "}";
    }

    /** The shop of ChurnCommandTest, sent as one batch. */
    static String churnShop() {
        return "{\"events\":[" + String.join(",",
                event("p1", "c1", "2025-01-05T10:00:00+08:00", "purchase", "o1", "30"),
                event("p2", "c1", "2025-03-10T10:00:00+08:00", "purchase", "o2", "30"),
                event("p3", "c2", "2025-02-01T10:00:00+08:00", "purchase", "o3", "100"),
                event("p4", "c3", "2025-04-20T10:00:00+08:00", "purchase", "o4", "10")) + "]}";
    }

    long storedEvents(String tenant) {
        return engine.store(tenant).summary(AsOf.of(LocalDate.of(2025, 6, 1))).events();
    }

    @Test
    void tokens_areIssuedOnce_andStoredOnlyAsHashes() throws IOException {
        String token = tenantWithToken("a");
        assertTrue(token.startsWith("rsv_"), token);
        String file = Files.readString(dir.resolve("data/server/tokens.json"));
        assertFalse(file.contains(token), "the token itself is never stored");
        assertFalse(file.contains(token.substring(token.lastIndexOf('_') + 1)), "nor its secret");
        Reply listed = call("GET", "/admin/tenants/a/tokens", ADMIN, null);
        assertEquals(200, listed.status());
        assertEquals(1, listed.json().get("tokens").size());
        assertFalse(listed.body().contains("sha256"), "no hash is ever sent");
        // Revoked: the token no longer opens anything.
        String id = listed.json().get("tokens").get(0).get("token_id").asText();
        assertEquals(200, call("DELETE", "/admin/tokens/" + id, ADMIN, null).status());
        assertEquals(401, call("GET", "/t/a/metrics", token, null).status());
    }

    @Test
    void ingestion_saysPerEventAcceptedDuplicateOrRejected_andResendingIsSafe() {
        String token = tenantWithToken("a");
        String batch = "{\"events\":[" + String.join(",",
                event("e1", "c1", "2025-03-01T10:00:00+08:00", "purchase", "o1", "25.50"),
                event("e2", "c2", "2025-03-02T09:00:00Z", "visit", null, null),
                event("e1", "c1", "2025-03-01T10:00:00+08:00", "purchase", "o1", "25.50"),
                event("e3", "c3", "2025-03-02T09:00:00Z", "teleport", null, null),
                "{\"event_id\":\"e4\",\"customer_id\":\"c4\",\"type\":\"visit\",\"ammount\":3}",
                event("e5", "c5", "yesterday", "visit", null, null)) + "]}";
        Reply first = call("POST", "/t/a/events", token, batch);
        assertEquals(200, first.status(), first::toString);
        JsonNode r = first.json();
        assertEquals(2, r.get("accepted").asLong());
        assertEquals(1, r.get("duplicates").asLong(), "e1 twice in one batch: the second is a duplicate");
        assertEquals(3, r.get("rejected").asLong());
        JsonNode events = r.get("events");
        assertEquals(List.of("accepted", "accepted", "duplicate", "rejected", "rejected", "rejected"),
                statuses(events));
        assertEquals("type", events.get(3).get("errors").get(0).get("field").asText());
        List<String> e4 = new ArrayList<>();
        events.get(4).get("errors").forEach(e -> e4.add(e.get("field").asText() + ":" + e.get("code").asText()));
        assertTrue(e4.contains("ammount:UNKNOWN_FIELD") && e4.contains("occurred_at:MISSING_FIELD"), e4::toString);
        assertEquals("occurred_at", events.get(5).get("errors").get(0).get("field").asText());
        assertEquals(2, storedEvents("a"));

        Reply again = call("POST", "/t/a/events", token, batch);
        assertEquals(List.of("duplicate", "duplicate", "duplicate", "rejected", "rejected", "rejected"),
                statuses(again.json().get("events")));
        assertEquals(2, storedEvents("a"), "resending stores nothing twice");
    }

    private static List<String> statuses(JsonNode events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.get("status").asText()));
        return out;
    }

    @Test
    void limits_andMalformedBodies_getClear4xxErrorsInOneShape() {
        String token = tenantWithToken("a");
        StringBuilder big = new StringBuilder("{\"events\":[");
        for (int i = 0; i < 51; i++) {
            big.append(i == 0 ? "" : ",").append(event("b" + i, "c", "2025-03-01T10:00:00Z", "visit", null, null));
        }
        Reply batch = call("POST", "/t/a/events", token, big.append("]}").toString());
        assertEquals(413, batch.status(), batch::toString);
        assertEquals("BATCH_TOO_LARGE", batch.code());
        assertEquals("a batch holds at most 50 events, this one has 51", batch.json().get("error").get("message").asText());
        assertEquals(413, batch.json().get("error").get("status").asInt());

        Reply body = call("POST", "/t/a/events", token, "{\"events\":[\"" + "x".repeat(70 * 1024) + "\"]}");
        assertEquals(413, body.status(), body::toString);
        assertEquals("BODY_TOO_LARGE", body.code());

        Reply malformed = call("POST", "/t/a/events", token, "{\"events\": [");
        assertEquals(400, malformed.status());
        assertEquals("MALFORMED_JSON", malformed.code());
        Reply shape = call("POST", "/t/a/events", token, "[1, 2]");
        assertEquals(400, shape.status());
        assertEquals("BAD_REQUEST", shape.code());
        Reply nowhere = call("GET", "/no/such/path", token, null);
        assertEquals(404, nowhere.status());
        assertEquals("NOT_FOUND", nowhere.code());
        assertTrue(nowhere.type().startsWith("application/json"), nowhere::toString);
        assertEquals(0, storedEvents("a"));
    }

    @Test
    void metricEndpoints_takeTheCommandLinesParameters() {
        String token = tenantWithToken("a");
        assertEquals(4, call("POST", "/t/a/events", token, churnShop()).json().get("accepted").asLong());
        // ChurnCommandTest's figures, worked out by hand: apparel, April 1 of 2, May 0.5, June 0 of 1.
        Reply churn = call("GET", "/t/a/metrics/churn?preset=apparel&periods=3&as_of=2025-06-01", token, null);
        assertEquals(200, churn.status(), churn::toString);
        JsonNode rows = churn.json().get("rows");
        assertEquals(2, rows.get(0).get("base").asLong());
        assertEquals(1, rows.get(0).get("churned").asLong());
        assertEquals(0.5, rows.get(1).get("rate").asDouble());
        assertEquals("apparel", churn.json().get("definition").get("preset").asText());
        // A flag: period-over-period.
        Reply pop = call("GET", "/t/a/metrics/churn?preset=apparel&periods=2&period_over_period=true", token, null);
        assertEquals("period_churn", pop.json().get("metric").asText(), pop::toString);
        // warn's silent list: c3, 42 days.
        Reply warn = call("GET", "/t/a/metrics/warn?preset=apparel", token, null);
        assertEquals("c3", warn.json().get("customers").get(0).get("customer_id").asText(), warn::toString);
        // A customer list as CSV (an export), the command's own CSV.
        Reply csv = call("GET", "/t/a/metrics/warn?preset=apparel&format=csv", token, null);
        assertEquals(200, csv.status(), csv::toString);
        assertTrue(csv.type().startsWith("text/csv"), csv::toString);
        assertTrue(csv.body().lines().skip(1).findFirst().orElse("").startsWith("c3,2025-04-20,42,"), csv::toString);
        assertEquals("BAD_REQUEST", call("GET", "/t/a/metrics/warn?format=xml", token, null).code());
        // Every served metric answers with its defaults.
        JsonNode list = call("GET", "/t/a/metrics", token, null).json().get("metrics");
        List<String> names = new ArrayList<>();
        list.fieldNames().forEachRemaining(names::add);
        assertEquals(ServedCommands.METRICS.stream().sorted().toList(), names);
        // The parameters a command cannot run without (a funnel's steps, a list's selection).
        Map<String, String> required = Map.of("funnel", "&step=page_view&step=purchase",
                "customers", "&segment=important-value");
        for (String metric : names) {
            Reply reply = call("GET", "/t/a/metrics/" + metric + "?as_of=2025-06-01"
                    + required.getOrDefault(metric, ""), token, null);
            assertEquals(200, reply.status(), metric + ": " + reply);
            assertTrue(reply.type().startsWith("application/json"));
        }
        // A customer list exports as CSV; files of the server's are neither written nor read.
        Reply exported = call("GET", "/t/a/metrics/customers?as_of=2025-06-01&segment=important-value&format=csv",
                token, null);
        assertEquals(200, exported.status(), exported::toString);
        assertTrue(exported.type().startsWith("text/csv"), exported::toString);
        for (String outside : List.of("export=/tmp/x.csv", "tags=/etc/passwd", "risk-model=/tmp")) {
            Reply refused = call("GET", "/t/a/metrics/customers?segment=important-value&" + outside, token, null);
            assertEquals("UNKNOWN_PARAMETER", refused.code(), outside);
        }
        // Parameters that would reach outside the tenant do not exist here.
        Reply data = call("GET", "/t/a/metrics/churn?data=/tmp", token, null);
        assertEquals(400, data.status());
        assertEquals("UNKNOWN_PARAMETER", data.code());
        Reply tenant = call("GET", "/t/a/metrics/churn?tenant=b", token, null);
        assertEquals("UNKNOWN_PARAMETER", tenant.code());
        Reply bad = call("GET", "/t/a/metrics/churn?preset=bakery&lang=zh", token, null);
        assertEquals(400, bad.status());
        assertEquals("INVALID_PARAMETER", bad.code());
        assertTrue(bad.json().get("error").get("message").asText().contains("应为"), bad::toString);
        Reply unknown = call("GET", "/t/a/metrics/gmv", token, null);
        assertEquals(404, unknown.status());
        assertEquals("UNKNOWN_METRIC", unknown.code());
    }

    @Test
    void reportPage_inTheAskedLanguage_andAsJson() {
        String token = tenantWithToken("a");
        call("POST", "/t/a/events", token, churnShop());
        Reply zh = call("GET", "/t/a/report?as_of=2025-06-01&lang=zh&preset=apparel", token, null);
        assertEquals(200, zh.status(), zh::toString);
        assertTrue(zh.type().startsWith("text/html"));
        assertTrue(zh.body().contains("<h2>本周客户</h2>"));
        assertTrue(zh.body().contains("<h2>高价值流失风险客户</h2>"));
        Reply json = call("GET", "/t/a/report?as_of=2025-06-01&format=json&preset=apparel", token, null);
        assertEquals("customer_health", json.json().get("report").asText(), json::toString);
        assertEquals("2025-06-01", json.json().get("as_of").asText());
    }

    @Test
    void aTokenOfTenantA_neverReadsOrWritesTenantB_onAnyEndpoint() {
        String a = tenantWithToken("a");
        String b = tenantWithToken("b");
        assertEquals(4, call("POST", "/t/b/events", b, churnShop()).json().get("accepted").asLong());
        List<String[]> routes = new ArrayList<>();
        routes.add(new String[] {"POST", "/events"});
        routes.add(new String[] {"GET", "/metrics"});
        for (String metric : ServedCommands.METRICS) {
            routes.add(new String[] {"GET", "/metrics/" + metric});
        }
        routes.add(new String[] {"GET", "/report"});
        routes.add(new String[] {"GET", "/report?format=json"});
        routes.add(new String[] {"GET", "/customers/c1"});
        routes.add(new String[] {"GET", "/info"});
        routes.add(new String[] {"GET", "/import"});
        routes.add(new String[] {"POST", "/import?name=x.csv"});
        routes.add(new String[] {"GET", "/mappings"});
        routes.add(new String[] {"GET", "/mappings/pos"});
        routes.add(new String[] {"PUT", "/mappings/pos"});
        routes.add(new String[] {"DELETE", "/mappings/pos"});
        routes.add(new String[] {"GET", "/tags"});
        routes.add(new String[] {"PUT", "/tags"});
        for (String[] route : routes) {
            String body = !route[0].equals("GET") && !route[0].equals("DELETE") ? "{\"events\":[" + event("x1", "c9", "2025-05-01T10:00:00Z", "visit", null, null) + "]}" : null;
            for (String other : List.of("b", "nobody")) {
                Reply r = call(route[0], "/t/" + other + route[1], a, body);
                assertEquals(403, r.status(), route[1] + " of " + other + ": " + r);
                assertEquals("FORBIDDEN_TENANT", r.code());
                assertFalse(r.body().contains("c1"), "nothing of b's data");
            }
            assertEquals(401, call(route[0], "/t/b" + route[1], null, body).status(), "no token");
            assertEquals(401, call(route[0], "/t/b" + route[1], "rsv_0000_forged", body).status(), "forged token");
            assertEquals(401, call(route[0], "/t/b" + route[1], ADMIN, body).status(), "the admin token is no tenant token");
        }
        assertEquals(4, storedEvents("b"), "a wrote nothing into b");
        assertEquals(0, storedEvents("a"));
        // Tenant tokens do not manage tenants.
        Reply admin = call("POST", "/admin/tenants", a, "{\"id\":\"c\"}");
        assertEquals(403, admin.status());
        assertEquals("ADMIN_ONLY", admin.code());
        assertEquals(403, call("POST", "/admin/tenants/b/tokens", a, null).status());
        assertEquals(403, call("GET", "/admin/tenants", a, null).status());
        assertEquals(403, call("DELETE", "/admin/tenants/b", a, null).status());
        assertEquals(4, storedEvents("b"));
    }

    @Test
    void savedMappings_areCheckedWhenSaved_listed_readBack_andDeleted() {
        String a = tenantWithToken("a");
        String yaml = "name: pos\ncolumns: {customer_id: member, occurred_at: paid, type: action}\n";
        Reply saved = call("PUT", "/t/a/mappings/pos", a, yaml);
        assertEquals(200, saved.status(), saved::toString);
        assertEquals("events", saved.json().get("target").asText());
        assertEquals("[\"pos\"]", call("GET", "/t/a/mappings", a, null).json().get("saved").toString());
        assertEquals(yaml, call("GET", "/t/a/mappings/pos", a, null).body());
        // A wrong mapping names the key; a name that is a built-in's, or not a plain name, is refused.
        Reply wrong = call("PUT", "/t/a/mappings/pos2", a, "columns: {customer_id: member, when: paid}\n");
        assertEquals(400, wrong.status(), wrong::toString);
        assertEquals("INVALID_MAPPING", wrong.code());
        assertTrue(wrong.body().contains("'when' is not a canonical"), wrong::toString);
        for (String name : List.of("canonical", "Pos", "-pos", "pos.yaml")) {
            Reply refused = call("PUT", "/t/a/mappings/" + name, a, yaml);
            assertEquals(400, refused.status(), name + ": " + refused);
            assertEquals("INVALID_MAPPING_NAME", refused.code(), name);
        }
        assertEquals("[\"pos\"]", call("GET", "/t/a/mappings", a, null).json().get("saved").toString(),
                "nothing refused was kept");
        assertEquals(204, call("DELETE", "/t/a/mappings/pos", a, null).status());
        Reply gone = call("DELETE", "/t/a/mappings/pos", a, null);
        assertEquals(404, gone.status());
        assertEquals("MAPPING_NOT_FOUND", gone.code());
        assertEquals(404, call("GET", "/t/a/mappings/pos", a, null).status());
    }

    @Test
    void tags_areSavedOnlyWhenEveryRuleCompiles_andAnsweredAsTheTagsMetric() {
        String a = tenantWithToken("a");
        assertEquals(4, call("POST", "/t/a/events", a, churnShop()).json().get("accepted").asLong());
        Reply none = call("GET", "/t/a/tags", a, null);
        assertEquals(404, none.status(), none::toString);
        assertEquals("TAGS_NOT_FOUND", none.code());
        // churnShop: c1 bought twice (o1, o2), c2 and c3 once: one repeat buyer.
        String yaml = "tags:\n  - name: repeat\n    rule: orders >= 2\n    en: Bought twice\n    zh: 复购\n";
        Reply saved = call("PUT", "/t/a/tags?as_of=2025-06-01", a, yaml);
        assertEquals(200, saved.status(), saved::toString);
        assertEquals("repeat", saved.json().get("tags").get(0).get("name").asText());
        assertEquals(1, saved.json().get("tags").get(0).get("customers").asLong());
        assertEquals(saved.json().get("tags"), call("GET", "/t/a/metrics/tags?as_of=2025-06-01", a, null).json().get("tags"),
                "the answer is the tags metric's");
        assertEquals(yaml, call("GET", "/t/a/tags", a, null).body());
        Reply wrong = call("PUT", "/t/a/tags", a, "tags:\n  - name: vip\n    rule: spend > 10\n");
        assertEquals(400, wrong.status(), wrong::toString);
        assertEquals("TAG_RULE_UNKNOWN_FIELD", wrong.code());
        assertTrue(wrong.body().contains("tags.yaml: tag 'vip'"), "named as the body, not a temporary file: " + wrong);
        assertEquals(yaml, call("GET", "/t/a/tags", a, null).body(), "the wrong file replaced nothing");
        assertEquals(400, call("PUT", "/t/a/tags?save=/etc/passwd", a, yaml).status(), "save is no parameter");
    }

    @Test
    void serve_withoutAnAdminToken_refusesToStart() {
        Cli.Result r = new Cli(dir.resolve("elsewhere")).run("serve", "--port", "0");
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("--admin-token-file / RESERVOIR_ADMIN_TOKEN: expected an admin token of at least 16 characters"),
                r::toString);
    }

    @Test
    void rateLimit_perToken_answers429WithRetryAfter() {
        String a = tenantWithToken("a");
        String b = tenantWithToken("b");
        // A second server on the same engine: 1 request a second, 3 at once; its clock stands
        // still, so exactly 3 requests of a token go through and the 4th waits 1 s.
        Clock still = Clock.fixed(Cli.NOW, ZoneOffset.UTC);
        try (ReservoirServer limited = ReservoirServer.start(new ServerConfig("127.0.0.1", 0, ADMIN,
                dir.resolve("data/server"), 64 * 1024, 50, 1, 3, still), engine,
                new ServedCommands(still, Map.<String, String>of()::get, engine))) {
            ReservoirServer unlimited = server;
            server = limited;
            try {
                for (int i = 0; i < 3; i++) {
                    assertEquals(200, call("GET", "/t/a/metrics", a, null).status());
                }
                Reply fourth = call("GET", "/t/a/metrics", a, null);
                assertEquals(429, fourth.status(), fourth::toString);
                assertEquals("RATE_LIMITED", fourth.code());
                assertEquals("too many requests with this token: at most 1.0 a second (3 at once); retry in 1000 ms",
                        fourth.json().get("error").get("message").asText());
                assertEquals(200, call("GET", "/t/b/metrics", b, null).status(), "another token has its own limit");
            } finally {
                server = unlimited;
            }
        }
    }

    @Test
    void hostileStrings_areStoredAsData_neverRunAsSqlOrScript() {
        String token = tenantWithToken("a");
        String sql = "x'); DROP TABLE events; --";
        String script = "<script>alert(1)</script>";
        String batch = "{\"events\":[" + String.join(",",
                event("h1", sql.replace("\"", "\\\""), "2025-04-20T10:00:00+08:00", "purchase", "o1", "10"),
                event("h2", script, "2025-04-21T10:00:00+08:00", "purchase", "o2", "20"),
                event("h3", "c3", "2025-04-22T10:00:00+08:00", "purchase", "o3", "30")) + "]}";
        Reply sent = call("POST", "/t/a/events", token, batch);
        assertEquals(3, sent.json().get("accepted").asLong(), sent::toString);
        // Resent: the ids are found again (the duplicate check binds them, never splices them).
        assertEquals(3, call("POST", "/t/a/events", token, batch).json().get("duplicates").asLong());
        assertEquals(3, storedEvents("a"), "the events table is intact");
        Reply warn = call("GET", "/t/a/metrics/warn?preset=apparel&as_of=2025-06-01", token, null);
        List<String> ids = new ArrayList<>();
        warn.json().get("customers").forEach(c -> ids.add(c.get("customer_id").asText()));
        assertTrue(ids.containsAll(List.of(sql, script)), ids::toString);
        Reply page = call("GET", "/t/a/report?as_of=2025-06-01&preset=apparel", token, null);
        assertTrue(page.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "escaped in the page");
        assertFalse(page.body().contains("<td>" + script), "never raw");
        // Hostile option values stay one value of one option.
        Reply value = call("GET", "/t/a/metrics/churn?preset=" + java.net.URLEncoder.encode(
                "apparel --data=/etc", StandardCharsets.UTF_8), token, null);
        assertEquals(400, value.status(), value::toString);
        assertEquals("INVALID_PARAMETER", value.code());
        Reply date = call("GET", "/t/a/metrics/churn?as_of=" + java.net.URLEncoder.encode(
                "2025-06-01' OR 1=1 --", StandardCharsets.UTF_8), token, null);
        assertEquals(400, date.status(), date::toString);
        // Hostile tag rules sent over HTTP: a rule is CEL over each customer's facts, so the SQL in
        // its string literal is a value compared with the stage, and a label is text; a call of a
        // function CEL does not declare is refused before anything is saved.
        String rules = "tags:\n  - name: odd\n    rule: 'stage == \"x''); DROP TABLE events; --\" || orders >= 1'\n"
                + "    en: '" + script + "'\n";
        Reply saved = call("PUT", "/t/a/tags?as_of=2025-06-01", token, rules);
        assertEquals(200, saved.status(), saved::toString);
        assertEquals(3, saved.json().get("tags").get(0).get("customers").asLong(), "the three buyers");
        assertEquals(script, saved.json().get("tags").get(0).get("en").asText());
        Reply exec = call("PUT", "/t/a/tags", token, "tags:\n  - name: x\n    rule: exec('rm -rf /') == ''\n");
        assertEquals(400, exec.status(), exec::toString);
        assertTrue(exec.code().startsWith("TAG_RULE_"), exec::toString);
        assertEquals(rules, call("GET", "/t/a/tags", token, null).body());
        assertEquals(3, storedEvents("a"));
    }

    @Test
    void openApi_describesEveryRoute_andTheMetricsServed() {
        Reply api = call("GET", "/openapi.json", null, null);
        assertEquals(200, api.status(), api::toString);
        JsonNode paths = api.json().get("paths");
        for (String route : List.of("/health", "/openapi.json", "/admin/tenants", "/admin/tenants/{tenant}",
                "/admin/tenants/{tenant}/tokens", "/admin/tokens/{id}", "/t/{tenant}/events", "/t/{tenant}/metrics",
                "/t/{tenant}/metrics/{metric}", "/t/{tenant}/report", "/t/{tenant}/customers/{id}", "/t/{tenant}/info",
                "/t/{tenant}/import", "/t/{tenant}/mappings", "/t/{tenant}/mappings/{name}", "/t/{tenant}/tags", "/",
                "/dashboard/", "/dashboard/{file}")) {
            assertTrue(paths.has(route), route);
        }
        List<String> metrics = new ArrayList<>();
        paths.get("/t/{tenant}/metrics/{metric}").get("get").get("parameters").forEach(p -> {
            if (p.path("name").asText().equals("metric")) {
                p.get("schema").get("enum").forEach(m -> metrics.add(m.asText()));
            }
        });
        assertEquals(ServedCommands.METRICS, metrics);
    }

    /**
     * The customer lookup on the churn shop (Asia/Shanghai), as of 2025-06-01: c1 ordered o1 on
     * 01-05 (30) and o2 on 03-10 (30): orders 2, money 60, R = 06-01 − 03-10 = 83 days, timeline
     * p2 then p1. With a purchase model saved in the tenant's models folder (written here by hand:
     * BG/NBD r 0.25, alpha 4, a 0.8, b 2.4, weeks), P(alive) follows Fader, Hardie and Lee's
     * equation with c1's x = 1 repeat day, t_x = 64 days = 64/7 weeks (01-05 to 03-10), T = 147
     * days = 21 weeks (01-05 to 06-01): 1 / (1 + a / (b + x − 1) · ((alpha + T) / (alpha + t_x))^(r + x)).
     */
    @Test
    void customerLookup_servesTheCommand_withTheTenantsSavedModel() throws IOException {
        String token = tenantWithToken("a");
        assertEquals(4, call("POST", "/t/a/events", token, churnShop()).json().get("accepted").asLong());
        Reply one = call("GET", "/t/a/customers/c1?as_of=2025-06-01&preset=apparel&timeline=1", token, null);
        assertEquals(200, one.status(), one::toString);
        assertTrue(one.type().startsWith("application/json"), one::toString);
        JsonNode c1 = one.json();
        assertEquals("c1", c1.get("customer_id").asText());
        assertEquals(2, c1.get("facts").get("orders").asInt());
        assertEquals(60.0, c1.get("facts").get("money_total").asDouble());
        assertEquals(83, c1.get("facts").get("recency").asInt());
        assertEquals(1, c1.get("timeline").get("shown").asInt());
        assertEquals(2, c1.get("timeline").get("total").asInt());
        assertEquals("p2", c1.get("timeline").get("events").get(0).get("event_id").asText());
        assertEquals("2025-03-10T10:00:00+08:00", c1.get("timeline").get("events").get(0).get("occurred_at").asText());
        assertFalse(c1.has("predictions"), "no model saved yet");

        Path models = dir.resolve("data/a/models");
        Files.createDirectories(models);
        Files.writeString(models.resolve("purchase-model.json"), """
                {"format": "reservoir-model/1", "tenant": "a", "fitted_at": "2025-06-01T04:00:00Z",
                 "data": {"calibration_end": "2025-06-01", "known_at": null, "unit": "week", "customers": 3, "repeat_buyers": 1},
                 "model": {"kind": "bg-nbd", "parameters": {"r": 0.25, "alpha": 4.0, "a": 0.8, "b": 2.4}},
                 "spend": null, "spend_error": "too few repeat buyers"}
                """, StandardCharsets.UTF_8);
        JsonNode predicted = call("GET", "/t/a/customers/c1?as_of=2025-06-01", token, null).json();
        JsonNode purchase = predicted.get("predictions").get("purchase");
        assertEquals("models/purchase-model.json", purchase.get("source").asText(), "the server's path is not shown");
        double tx = 64 / 7.0;
        double t = 21;
        double alive = 1 / (1 + 0.8 / (2.4 + 1 - 1) * Math.pow((4.0 + t) / (4.0 + tx), 0.25 + 1));
        assertEquals(alive, purchase.get("p_alive").asDouble(), 1e-12);
        assertTrue(purchase.get("predicted_value").isNull(), "no spend model");

        Reply unknown = call("GET", "/t/a/customers/nobody?lang=zh", token, null);
        assertEquals(404, unknown.status(), unknown::toString);
        assertEquals("CUSTOMER_NOT_FOUND", unknown.code());
        assertTrue(unknown.json().get("error").get("message").asText().contains("客户 'nobody' 在租户 'a' 中"), unknown::toString);
        for (String file : List.of("model_file=/etc/passwd", "risk_model=/tmp", "tags=/etc/passwd", "data=/")) {
            Reply refused = call("GET", "/t/a/customers/c1?" + file, token, null);
            assertEquals(400, refused.status(), file + ": " + refused);
            assertEquals("UNKNOWN_PARAMETER", refused.code());
        }
        // The timeline as the command's CSV, one event a row (what reservoir customer c1 --format csv prints).
        Reply csv = call("GET", "/t/a/customers/c1?format=csv", token, null);
        assertEquals(200, csv.status(), csv::toString);
        assertTrue(csv.body().startsWith("customer_id,event_id,occurred_at,local_date,type,"), csv::toString);
        Reply html = call("GET", "/t/a/customers/c1?format=html", token, null);
        assertEquals(400, html.status(), html::toString);
    }

    @Test
    void customerLookup_hostileIdsAreData() {
        String token = tenantWithToken("a");
        String sql = "x'); DROP TABLE events; --";
        String script = "<script>alert(1)</script>";
        String batch = "{\"events\":[" + String.join(",",
                event("h1", sql, "2025-04-20T10:00:00+08:00", "purchase", "o1", "10"),
                event("h2", script, "2025-04-21T10:00:00+08:00", "purchase", "o2", "20")) + "]}";
        assertEquals(2, call("POST", "/t/a/events", token, batch).json().get("accepted").asLong());
        for (String id : List.of(sql, script)) {
            Reply r = call("GET", "/t/a/customers/" + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8)
                    .replace("+", "%20") + "?as_of=2025-06-01", token, null);
            assertEquals(200, r.status(), id + ": " + r);
            assertTrue(r.type().startsWith("application/json"), r::toString);
            assertEquals(id, r.json().get("customer_id").asText());
            assertEquals(1, r.json().get("facts").get("orders").asInt());
        }
        // An id that looks like options is the id: no such customer, never --data or --tenant.
        for (String id : List.of("--data=%2F", "--tenant=b", "-h", "' OR '1'='1")) {
            Reply r = call("GET", "/t/a/customers/" + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8)
                    .replace("+", "%20"), token, null);
            assertEquals(404, r.status(), id + ": " + r);
            assertEquals("CUSTOMER_NOT_FOUND", r.code());
        }
        assertEquals(2, storedEvents("a"), "the events table is intact");
    }
}
