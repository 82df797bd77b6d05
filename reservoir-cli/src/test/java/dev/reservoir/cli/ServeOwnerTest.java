package dev.reservoir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reservoir.duckdb.DuckDbEngine;
import dev.reservoir.engine.EngineConfig;
import dev.reservoir.server.ReservoirServer;
import dev.reservoir.server.ServerConfig;
import dev.reservoir.time.AsOf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One owner of the data (issue 8 item 4): while {@code reservoir serve} runs, a command pointed
 * at its data directory is told which server owns it, and the same command with
 * {@code --server URL --token-file F} runs there and prints what it prints locally. The real
 * server on a free port of 127.0.0.1 and the embedded engine, as in {@link ServeTest}.
 *
 * <p>The shop is {@link ChurnCommandTest}'s, whose figures are worked out by hand there: as of
 * 2025-06-01 with the apparel preset, April churns 1 of 2, May 1 of 2, June 0 of 1; c3 is the
 * one silent customer (42 days).
 */
class ServeOwnerTest {
    static final String ADMIN = ServeTest.ADMIN;

    @TempDir
    Path dir;
    Path data;
    Clock clock = Clock.fixed(Cli.NOW, ZoneOffset.UTC);
    DuckDbEngine engine;
    ReservoirServer server;
    ServeTest http = new ServeTest();

    /** Starts the server on {@code data} with an upload limit; the ServeTest client calls it. */
    void serve(long maxUpload) {
        data = dir.resolve("data");
        engine = DuckDbEngine.open(EngineConfig.of(data).withClock(clock));
        server = ReservoirServer.start(new ServerConfig("127.0.0.1", 0, ADMIN, data.resolve("server"), 64 * 1024,
                50, 0, 0, clock, maxUpload), engine, new ServedCommands(clock, Map.<String, String>of()::get, engine));
        http.server = server;
        http.engine = engine;
        http.dir = dir;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** A token of {@code tenant} (created when missing) in a file, as a user would keep it. */
    Path tokenFile(String tenant) throws IOException {
        if (engine.tenant(tenant).isEmpty()) {
            ServeTest.Reply created = http.call("POST", "/admin/tenants", ADMIN, "{\"id\":\"" + tenant + "\"}");
            assertEquals(201, created.status(), created::toString);
        }
        ServeTest.Reply issued = http.call("POST", "/admin/tenants/" + tenant + "/tokens", ADMIN, null);
        assertEquals(201, issued.status(), issued::toString);
        return Files.writeString(dir.resolve(tenant + ".token"), issued.json().get("token").asText() + "\n");
    }

    Path shopFile() throws IOException {
        return Files.writeString(dir.resolve("events.csv"), ChurnCommandTest.EVENTS, StandardCharsets.UTF_8);
    }

    static String[] with(String[] args, String... more) {
        return Stream.concat(Stream.of(args), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void aCommandOnAServedDirectory_namesTheServer_andHowToUseIt() throws IOException {
        serve(ServerConfig.DEFAULT_MAX_UPLOAD_BYTES);
        long pid = ProcessHandle.current().pid();
        Cli cli = new Cli(data);
        Cli.Result churn = cli.run("churn", "--preset", "apparel");
        Cli.Result zh = cli.run("churn", "--lang", "zh", "--format", "json");
        Cli.Result tenants = cli.run("tenant", "list");
        assertAll(
                () -> assertEquals(1, churn.exit(), churn::toString),
                () -> assertEquals("error [DATA_DIRECTORY_SERVED]: data directory " + data + " is owned by reservoir serve at "
                        + url() + " (pid " + pid + ") while it runs; run this command through the server instead: add --server "
                        + url() + " --token-file FILE (a token of the tenant; or set RESERVOIR_SERVER and RESERVOIR_TOKEN),"
                        + " or stop the server\n", churn.err()),
                () -> assertEquals("DATA_DIRECTORY_SERVED", zh.json().get("error").get("code").asText()),
                () -> assertTrue(zh.err().startsWith("错误 [DATA_DIRECTORY_SERVED]：数据目录 " + data
                        + " 在 reservoir serve 运行期间归它所有（" + url() + "，进程 " + pid + "）；请改为通过服务运行此命令：加上 --server "
                        + url()), zh::toString),
                // A command with no --server is told to stop the server instead.
                () -> assertEquals(1, tenants.exit()),
                () -> assertTrue(tenants.err().endsWith("while it runs; this command does not run through the server:"
                        + " stop the server first, then run it again\n"), tenants::toString));

        // Stopped cleanly: the record is gone. A record left by a killed server (another pid) is
        // ignored while someone else holds the lock: the lock, not the record, is the authority.
        server.close();
        server = null;
        Path owner = data.resolve("server/owner.json");
        assertFalse(Files.exists(owner), "removed on a clean stop");
        Files.writeString(owner, "{\"pid\": 999999999, \"url\": \"http://127.0.0.1:1\", \"started_at\": \"2025-01-01T00:00:00Z\"}");
        Cli.Result locked = cli.run("churn");
        assertTrue(locked.err().startsWith("error [DATA_DIRECTORY_LOCKED]: data directory " + data), locked::toString);
        engine.close();
        engine = null;
        // Nobody holds the lock: the stale record is no obstacle at all.
        assertEquals(0, cli.run("tenant", "list").exit());
        // And the next server replaces it.
        serve(ServerConfig.DEFAULT_MAX_UPLOAD_BYTES);
        assertTrue(Files.readString(owner).contains("\"url\" : \"" + url() + "\""), () -> owner.toString());
    }

    @Test
    void theSameCommand_locallyAndThroughTheServer_printsTheSame_inTableJsonAndCsv() throws IOException {
        Cli local = new Cli(dir.resolve("data"));
        assertEquals(0, local.run("import", shopFile().toString()).exit());
        List<String[]> commands = new ArrayList<>();
        for (String format : List.of("table", "json", "csv")) {
            commands.add(new String[] {"churn", "--preset", "apparel", "--periods", "3", "--format", format});
            commands.add(new String[] {"warn", "--preset", "apparel", "--format", format});
            commands.add(new String[] {"customers", "--segment", "important-value", "--as-of", "2025-06-01", "--format", format});
            commands.add(new String[] {"rfm", "--format", format});
        }
        commands.add(new String[] {"churn", "--preset=apparel", "--periods", "2", "--period-over-period"});
        commands.add(new String[] {"retention", "--format", "csv"});
        commands.add(new String[] {"churn", "--activity", "purchase,visit", "--window", "45", "--format", "csv"});
        commands.add(new String[] {"lifecycle", "--preset", "apparel", "--format", "json"});
        commands.add(new String[] {"churn", "--preset", "apparel", "--lang", "zh"});
        commands.add(new String[] {"funnel", "--step", "page_view", "--step", "purchase", "--format", "json"});
        commands.add(new String[] {"report", "--preset", "apparel", "--format", "json"});
        commands.add(new String[] {"report", "--preset", "apparel", "--lang", "zh"});
        commands.add(new String[] {"info", "--as-of", "2025-06-01"});
        commands.add(new String[] {"info", "--as-of", "2025-06-01", "--format", "json", "--lang", "zh"});
        for (String format : List.of("table", "json", "csv")) {
            commands.add(new String[] {"customer", "c1", "--as-of", "2025-06-01", "--format", format});
        }
        // An error is the same error, with the same exit code.
        commands.add(new String[] {"customer", "c 9/../x", "--as-of", "2025-06-01"});
        commands.add(new String[] {"churn", "--preset", "bakery", "--format", "json"});
        commands.add(new String[] {"churn", "--preset", "bakery", "--lang", "zh"});
        List<Cli.Result> before = new ArrayList<>();
        for (String[] c : commands) {
            before.add(local.run(c));
        }
        Path csvFile = dir.resolve("out/list.csv");
        Path jsonl = dir.resolve("out/list.jsonl");
        Path page = dir.resolve("out/report.html");
        String[] exportCsv = {"customers", "--segment", "important-value", "--export", csvFile.toString()};
        String[] exportJsonl = {"customers", "--segment", "important-value", "--export", jsonl.toString(), "--format", "json"};
        String[] report = {"report", "--preset", "apparel", "--out", page.toString()};
        List<String> files = new ArrayList<>();
        List<Cli.Result> writes = new ArrayList<>();
        for (String[] c : List.of(exportCsv, exportJsonl, report)) {
            writes.add(local.run(c));
        }
        for (Path f : List.of(csvFile, jsonl, page)) {
            files.add(Files.readString(f));
            Files.delete(f);
        }

        serve(ServerConfig.DEFAULT_MAX_UPLOAD_BYTES);
        Path token = tokenFile("default");
        Cli remote = new Cli(dir.resolve("elsewhere"));
        for (int i = 0; i < commands.size(); i++) {
            String[] c = commands.get(i);
            Cli.Result there = remote.run(with(c, "--server", url(), "--token-file", token.toString()));
            Cli.Result here = before.get(i);
            String what = String.join(" ", c);
            assertAll(what,
                    () -> assertEquals(here.exit(), there.exit(), () -> what + "\n" + there),
                    () -> assertEquals(here.out(), there.out(), what),
                    () -> assertEquals(here.err(), there.err(), what));
        }
        assertEquals(0, before.get(0).exit(), before.get(0)::toString);
        assertTrue(before.get(0).out().contains("50.0%"), before.get(0)::toString);
        assertEquals(1, before.get(before.size() - 1).exit());
        // Through the environment, and files named by --export and --out written here.
        remote.env(ServerOptions.SERVER_ENV, url()).env(ServerOptions.TOKEN_ENV, Files.readString(token).strip());
        for (int i = 0; i < writes.size(); i++) {
            String[] c = List.of(exportCsv, exportJsonl, report).get(i);
            Cli.Result there = remote.run(c);
            assertEquals(writes.get(i).out(), there.out(), String.join(" ", c));
            assertEquals(writes.get(i).exit(), there.exit(), there::toString);
        }
        assertEquals(files, List.of(Files.readString(csvFile), Files.readString(jsonl), Files.readString(page)));
        assertTrue(files.get(0).startsWith("customer_id,"), files.get(0));
    }

    @Test
    void importThroughTheServer_thenQuery() throws IOException {
        serve(ServerConfig.DEFAULT_MAX_UPLOAD_BYTES);
        Path token = tokenFile("shop");
        Cli cli = new Cli(dir.resolve("elsewhere"));
        String[] server = {"--server", url(), "--token-file", token.toString(), "--tenant", "shop"};
        Cli.Result imported = cli.run(with(new String[] {"import", shopFile().toString(), "--format", "json"}, server));
        assertEquals(0, imported.exit(), imported::toString);
        JsonNode json = imported.json();
        assertEquals("shop", json.get("tenant").asText());
        assertEquals("canonical", json.get("mapping").asText());
        assertEquals(4, json.get("total").get("accepted").asLong());
        // Named as typed, as a local import names it, not as the server's temporary copy.
        assertEquals(shopFile().toString(), json.get("files").get(0).get("file").asText());
        // Fixtures.EVENTS: 5 read, 4 accepted, line 6 rejected; the rejection names the file as typed.
        Path fixture = Fixtures.events(dir.resolve("fx"));
        Path fxToken = tokenFile("fx");
        Cli.Result fx = cli.run("import", fixture.toString(), "--tenant", "fx", "--server", url(), "--token-file",
                fxToken.toString(), "--format", "json");
        JsonNode file = fx.json().get("files").get(0);
        assertEquals(List.of(Fixtures.READ, Fixtures.ACCEPTED, Fixtures.REJECTED, Fixtures.ANONYMOUS),
                List.of(file.get("read").asLong(), file.get("accepted").asLong(), file.get("rejected").asLong(),
                        file.get("anonymous").asLong()), fx::toString);
        JsonNode rejection = file.get("rejections").get(0);
        assertEquals(fixture.toString(), rejection.get("file").asText());
        assertEquals(Fixtures.BAD_LINE, rejection.get("line").asLong());
        assertTrue(rejection.get("message").asText().startsWith(fixture + ": line 6: "), rejection::toString);
        assertTrue(file.get("rejects_file").asText().startsWith(data.resolve("fx").toString()), file::toString);
        // A whole-file error names it as typed too.
        Path noType = Files.writeString(dir.resolve("no-type.csv"), "event_id,customer_id,occurred_at\nx1,c1,2025-03-01 10:00:00\n");
        Cli.Result missing = cli.run("import", noType.toString(), "--tenant", "fx", "--server", url(), "--token-file",
                fxToken.toString());
        assertEquals(1, missing.exit(), missing::toString);
        assertTrue(missing.err().startsWith("error [MISSING_COLUMN]: " + noType + ": header: column 'type'"), missing::toString);
        // A file is not a batch: over the 64 KiB body limit, under the upload limit, it goes through.
        StringBuilder bulk = new StringBuilder("event_id,customer_id,occurred_at,type,order_id,amount\n");
        for (int i = 0; bulk.length() < 100 * 1024; i++) {
            bulk.append("b").append(i).append(",c").append(i % 50).append(",2025-03-01 10:00:00,purchase,ob").append(i)
                    .append(",10\n");
        }
        Path large = Files.writeString(dir.resolve("large.csv"), bulk);
        Cli.Result big = cli.run("import", large.toString(), "--format", "json", "--tenant", "bulk", "--server", url(),
                "--token-file", tokenFile("bulk").toString());
        assertEquals(0, big.exit(), big::toString);
        long lines = Files.readAllLines(large).size() - 1;
        assertTrue(lines > 2000, "more than 2,000 rows: " + lines);
        assertEquals(lines, big.json().get("total").get("accepted").asLong());
        assertEquals(lines, engine.store("bulk").summary(AsOf.of(LocalDate.of(2025, 6, 1))).events());
        assertEquals(4, engine.store("shop").summary(AsOf.of(LocalDate.of(2025, 6, 1))).events());
        // The uploads were temporary copies, gone after the import.
        try (Stream<Path> left = Files.walk(data.resolve("server/uploads"))) {
            assertEquals(List.of(data.resolve("server/uploads")), left.toList());
        }
        // Two files, once more: every row a duplicate, one JSON object for both.
        Path copy = Files.copy(shopFile(), dir.resolve("again.csv"));
        Cli.Result again = cli.run(with(new String[] {"import", shopFile().toString(), copy.toString(), "--format", "json"},
                server));
        assertEquals(0, again.exit(), again::toString);
        assertEquals(2, again.json().get("files").size());
        assertEquals(8, again.json().get("total").get("duplicates").asLong());
        assertEquals(0, again.json().get("total").get("accepted").asLong());
        // As a table: the import's own table.
        Cli.Result table = cli.run(with(new String[] {"import", shopFile().toString()}, server));
        assertTrue(table.out().startsWith("Imported into tenant 'shop' with mapping 'canonical':"), table::toString);
        // Queried through the server: the hand-worked churn of ChurnCommandTest.
        Cli.Result churn = cli.run(with(new String[] {"churn", "--preset", "apparel", "--periods", "3", "--format", "json"},
                server));
        JsonNode rows = churn.json().get("rows");
        assertEquals(List.of(2L, 1L), List.of(rows.get(0).get("base").asLong(), rows.get(0).get("churned").asLong()));
        assertEquals(0.5, rows.get(1).get("rate").asDouble());
        assertEquals(1, rows.get(2).get("base").asLong());
        // Neither a built-in mapping, a name nor a file here: refused before anything is sent.
        Cli.Result yaml = cli.run(with(new String[] {"import", shopFile().toString(), "--mapping", "my-mapping.yaml"}, server));
        assertEquals(2, yaml.exit(), yaml::toString);
        assertTrue(yaml.err().startsWith("with --server, --mapping takes a built-in mapping"), yaml::toString);
        assertTrue(yaml.err().contains("'my-mapping.yaml' is none of them"), yaml::toString);
        // And a local tag file cannot be sent either.
        Cli.Result tags = cli.run(with(new String[] {"tags", "--tags", "tags.yaml"}, server));
        assertEquals(2, tags.exit(), tags::toString);
        assertTrue(tags.err().startsWith("--tags names a file on this machine"), tags::toString);
        // The route is described.
        assertTrue(http.call("GET", "/openapi.json", null, null).json().get("paths").has("/t/{tenant}/import"));
    }

    /** A point-of-sale export in its own layout: member, paid (day/month/year), action; 'came' is a visit. */
    static final String POS_MAPPING = "name: pos\ntime_zone: Asia/Shanghai\ntime_formats: ['%d/%m/%Y %H:%M']\n"
            + "columns: {customer_id: member, occurred_at: paid, type: action}\ntype_values: {came: visit}\n";
    static final String POS_EXPORT = "member,paid,action\nm1,01/03/2025 10:00,came\nm2,02/03/2025 11:30,came\n"
            + "m1,05/03/2025 09:15,came\nm3,31/02/2025 09:15,came\n";

    @Test
    void importThroughTheServer_withAMappingFile_savesItForTheTenant_andItsNameWorksAfterwards() throws IOException {
        serve(ServerConfig.DEFAULT_MAX_UPLOAD_BYTES);
        Path token = tokenFile("pos");
        Path mapping = Files.writeString(dir.resolve("POS Export.yaml"), POS_MAPPING);
        Path export = Files.writeString(dir.resolve("export.csv"), POS_EXPORT);
        Cli cli = new Cli(dir.resolve("elsewhere"));
        String[] remote = {"--server", url(), "--token-file", token.toString(), "--tenant", "pos", "--format", "json"};
        // The file is checked here, saved on the server as 'pos-export' (its file name), and named in the import.
        Cli.Result imported = cli.run(with(new String[] {"import", export.toString(), "--mapping", mapping.toString()}, remote));
        assertEquals(0, imported.exit(), imported::toString);
        JsonNode file = imported.json().get("files").get(0);
        // Four rows: three visits; 31/02/2025 is no date, so line 5 is rejected.
        assertEquals(List.of(4L, 3L, 1L), List.of(file.get("read").asLong(), file.get("accepted").asLong(),
                file.get("rejected").asLong()), imported::toString);
        assertEquals(5, file.get("rejections").get(0).get("line").asLong());
        assertEquals("pos", imported.json().get("mapping").asText(), "the YAML's own name");
        String pos = http.call("GET", "/t/pos/mappings", Files.readString(token).strip(), null).body();
        assertTrue(pos.contains("\"saved\":[\"pos-export\"]"), pos);
        assertEquals(POS_MAPPING, http.call("GET", "/t/pos/mappings/pos-export", Files.readString(token).strip(), null).body());
        // By its name, with no file: every row is a duplicate now.
        Cli.Result again = cli.run(with(new String[] {"import", export.toString(), "--mapping", "pos-export"}, remote));
        assertEquals(0, again.exit(), again::toString);
        assertEquals(3, again.json().get("total").get("duplicates").asLong(), again::toString);
        // A mapping that is wrong is refused here, naming the key, and nothing is sent.
        Path wrong = Files.writeString(dir.resolve("wrong.yaml"), POS_MAPPING.replace("type: action", "kind: action"));
        Cli.Result refused = cli.run(with(new String[] {"import", export.toString(), "--mapping", wrong.toString()}, remote));
        assertEquals(1, refused.exit(), refused::toString);
        assertTrue(refused.err().contains("invalid mapping: 'kind' is not a canonical"), refused::toString);
        assertTrue(http.call("GET", "/t/pos/mappings/wrong", Files.readString(token).strip(), null).status() == 404);
        // After the server stops, the saved mapping is the tenant's locally too.
        server.close();
        server = null;
        engine.close();
        engine = null;
        Cli local = new Cli(data);
        Cli.Result offline = local.run("import", export.toString(), "--tenant", "pos", "--mapping", "pos-export",
                "--format", "json");
        assertEquals(0, offline.exit(), offline::toString);
        assertEquals(3, offline.json().get("total").get("duplicates").asLong(), offline::toString);
    }

    @Test
    void tagsSave_throughTheServer_checksHere_thenReplacesTheServedTenantsTags() throws IOException {
        serve(ServerConfig.DEFAULT_MAX_UPLOAD_BYTES);
        Path token = tokenFile("shop");
        Cli cli = new Cli(dir.resolve("elsewhere"));
        String[] remote = {"--server", url(), "--token-file", token.toString(), "--tenant", "shop"};
        assertEquals(0, cli.run(with(new String[] {"import", shopFile().toString()}, remote)).exit());
        // ChurnCommandTest's shop: c1 ordered twice, the others once.
        String yaml = "tags:\n  - name: repeat\n    rule: orders >= 2\n";
        Path tags = Files.writeString(dir.resolve("my-tags.yaml"), yaml);
        Cli.Result saved = cli.run(with(new String[] {"tags", "--save", tags.toString(), "--as-of", "2025-06-01",
                "--format", "json"}, remote));
        assertEquals(0, saved.exit(), saved::toString);
        assertEquals("repeat", saved.json().get("tags").get(0).get("name").asText());
        assertEquals(1, saved.json().get("tags").get(0).get("customers").asLong());
        assertEquals(yaml, Files.readString(data.resolve("shop").resolve("tags.yaml")));
        // A wrong rule is found here, named as the file typed, and the server's file stays.
        Path wrong = Files.writeString(dir.resolve("wrong.yaml"), "tags:\n  - name: vip\n    rule: spend > 10\n");
        Cli.Result refused = cli.run(with(new String[] {"tags", "--save", wrong.toString()}, remote));
        assertEquals(1, refused.exit(), refused::toString);
        assertTrue(refused.err().startsWith("error [TAG_RULE_UNKNOWN_FIELD]: " + wrong + ": tag 'vip'"), refused::toString);
        assertEquals(yaml, Files.readString(data.resolve("shop").resolve("tags.yaml")));
    }

    @Test
    void aWrongToken_anotherTenantsToken_andTooLargeAFile_areTheServersErrors() throws IOException {
        serve(2048);
        Path a = tokenFile("a");
        Path b = tokenFile("b");
        Cli cli = new Cli(dir.resolve("elsewhere"));
        Cli.Result wrong = cli.run("churn", "--tenant", "a", "--server", url(), "--token", "rsv_0000_forged");
        assertEquals(1, wrong.exit(), wrong::toString);
        assertEquals("error [UNAUTHORIZED]: missing or unknown token: send the header Authorization: Bearer <token>\n",
                wrong.err());
        Cli.Result wrongJson = cli.run("churn", "--tenant", "a", "--server", url(), "--token", "rsv_0000_forged",
                "--format", "json", "--lang", "zh");
        assertEquals("UNAUTHORIZED", wrongJson.json().get("error").get("code").asText());
        assertEquals("缺少令牌或令牌无效：请发送请求头 Authorization: Bearer <令牌>",
                wrongJson.json().get("error").get("message").asText());

        Cli.Result other = cli.run("warn", "--tenant", "a", "--server", url(), "--token-file", b.toString());
        assertEquals(1, other.exit(), other::toString);
        assertEquals("error [FORBIDDEN_TENANT]: this token may not access tenant 'a'\n", other.err());

        // 3,000 bytes against a 2,048-byte upload limit: refused, nothing stored, no copy left.
        StringBuilder big = new StringBuilder("event_id,customer_id,occurred_at,type,order_id,amount\n");
        for (int i = 0; big.length() < 3000; i++) {
            big.append("q").append(i).append(",c").append(i).append(",2025-03-01 10:00:00,purchase,o").append(i)
                    .append(",10\n");
        }
        Path file = Files.writeString(dir.resolve("big.csv"), big);
        String aToken = Files.readString(a).strip();
        ServeTest.Reply refused = http.call("POST", "/t/a/import?name=big.csv", aToken, big.toString());
        assertEquals(413, refused.status(), refused::toString);
        assertEquals("BODY_TOO_LARGE", refused.code());
        assertEquals("the request body is larger than the limit of 2048 bytes",
                refused.json().get("error").get("message").asText());
        // The command line asks the limit first and sends nothing (the JDK 17 client cannot take a
        // refused Expect: 100-continue, so it never relies on one).
        assertEquals(2048, http.call("GET", "/t/a/import", aToken, null).json().get("max_upload_bytes").asLong());
        Cli.Result tooLarge = cli.run("import", file.toString(), "--tenant", "a", "--server", url(), "--token-file",
                a.toString());
        assertEquals(1, tooLarge.exit(), tooLarge::toString);
        assertEquals("error [UPLOAD_TOO_LARGE]: " + file + ": " + Files.size(file) + " bytes, more than the server's upload"
                + " limit of 2048 bytes (reservoir serve --max-upload); nothing was sent\n", tooLarge.err());
        assertEquals(0, engine.store("a").summary(AsOf.of(LocalDate.of(2025, 6, 1))).events());
        Path uploads = data.resolve("server/uploads");
        if (Files.exists(uploads)) {
            try (Stream<Path> left = Files.list(uploads)) {
                assertEquals(0, left.count(), "no copy left behind");
            }
        }
        // A file under the limit goes through.
        Path small = Files.writeString(dir.resolve("small.csv"), big.substring(0, big.indexOf("\n", 1500) + 1));
        Cli.Result fits = cli.run("import", small.toString(), "--tenant", "a", "--server", url(), "--token-file",
                a.toString(), "--format", "json");
        assertEquals(0, fits.exit(), fits::toString);
        long rows = small.toFile().length() > 0 ? Files.readAllLines(small).size() - 1 : 0;
        assertEquals(rows, fits.json().get("total").get("accepted").asLong());
        assertEquals(rows, engine.store("a").summary(AsOf.of(LocalDate.of(2025, 6, 1))).events());

        // No server there; --data and --server together; no token at all.
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Cli.Result unreachable = cli.run("churn", "--server", "http://127.0.0.1:" + closed, "--token", "x");
        assertEquals(1, unreachable.exit());
        assertTrue(unreachable.err().startsWith("error [SERVER_UNREACHABLE]: cannot reach the Reservoir server at http://127.0.0.1:"
                + closed + ": "), unreachable::toString);
        Cli.Result both = cli.run("churn", "--server", url(), "--data", dir.toString());
        assertEquals(2, both.exit(), both::toString);
        Cli.Result noToken = cli.run("churn", "--server", url());
        assertEquals(1, noToken.exit());
        assertTrue(noToken.err().startsWith("error [INVALID_PARAMETER]: --token / --token-file / RESERVOIR_TOKEN:"),
                noToken::toString);
    }
}
