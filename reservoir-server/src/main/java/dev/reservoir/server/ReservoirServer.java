package dev.reservoir.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.Engine;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.event.Tenant;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code reservoir serve}: the HTTP API on an open engine. All routes are in {@link #routes}; a
 * handler parses, calls the engine (or the command line's own commands), renders. Every error is
 * {@code {"error": {"status", "code", "message"}}} (docs/server.md), in Chinese when the request
 * asks ({@code ?lang=zh} or {@code Accept-Language: zh}).
 *
 * <p>Access: {@code /admin/...} needs the admin token; {@code /t/{tenant}/...} needs a token
 * issued for that tenant, and a token of tenant A gets 403 on every route of tenant B, whether
 * B exists or not. Work on one tenant is serialised (one lock per tenant), so an ingestion's
 * duplicate check and append are never interleaved with another write; concurrent ingestion
 * requests of one tenant share their commits ({@link GroupCommit}).
 */
public final class ReservoirServer implements AutoCloseable {
    static final String JSON_TYPE = "application/json; charset=utf-8";
    static final String HTML_TYPE = "text/html; charset=utf-8";
    static final String CSV_TYPE = "text/csv; charset=utf-8";
    static final String TEXT_TYPE = "text/plain; charset=utf-8";
    private static final String ERROR_SENT = "reservoir.error-sent";
    /** The OpenAPI 3 description of every route, kept beside this class and checked by the tests. */
    private static final String OPENAPI = resource("openapi.json");

    private final ServerConfig config;
    private final Engine engine;
    private final Commands commands;
    private final Tokens tokens;
    private final String adminHash;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** Each tenant's ingestion writer, which commits concurrent requests together. */
    private final Map<String, GroupCommit> writers = new ConcurrentHashMap<>();
    private final RateLimit rateLimit;
    private final Javalin app;
    private OwnerFile.Owner owner;

    private ReservoirServer(ServerConfig config, Engine engine, Commands commands) {
        this.config = config;
        this.engine = engine;
        this.commands = commands;
        this.tokens = new Tokens(config.stateDirectory(), config.clock());
        this.adminHash = Tokens.sha256(config.adminToken().strip());
        this.rateLimit = new RateLimit(config.requestsPerSecond(), config.burst(), config.clock());
        this.app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            // Bodies are read by bodyBytes() below against the configured limit.
            c.http.maxRequestSize = config.maxBodyBytes();
        });
        routes(app);
    }

    /** Starts the server; {@link #port()} tells the port when the config asked for 0. */
    public static ReservoirServer start(ServerConfig config, Engine engine, Commands commands) {
        ReservoirServer server = new ReservoirServer(Objects.requireNonNull(config, "config"),
                Objects.requireNonNull(engine, "engine"), Objects.requireNonNull(commands, "commands"));
        server.app.start(config.host(), config.port());
        // Who owns the data directory, so that a command pointed at it can name this server.
        server.owner = new OwnerFile.Owner(ProcessHandle.current().pid(), OwnerFile.url(config.host(), server.port()),
                config.clock().instant());
        OwnerFile.write(config.stateDirectory(), server.owner);
        return server;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        if (owner != null) {
            OwnerFile.remove(config.stateDirectory(), owner);
        }
    }

    private void routes(Javalin app) {
        app.get("/health", ctx -> ctx.contentType(JSON_TYPE).result("{\"status\":\"ok\"}"));
        app.get("/openapi.json", ctx -> ctx.contentType(JSON_TYPE).result(OPENAPI));

        app.get("/admin/tenants", admin(ctx -> {
            ArrayNode list = json.createArrayNode();
            for (Tenant t : engine.tenants()) {
                list.add(tenantJson(t));
            }
            send(ctx, 200, json.createObjectNode().set("tenants", list));
        }));
        app.post("/admin/tenants", admin(ctx -> {
            JsonNode body = bodyJson(ctx);
            String id = required(body, "id");
            String zoneName = body.path("time_zone").asText(Tenant.DEFAULT_ZONE.getId());
            String currencyCode = body.path("currency").asText(Tenant.DEFAULT_CURRENCY.getCurrencyCode());
            ZoneId zone;
            Currency currency;
            try {
                zone = ZoneId.of(zoneName);
            } catch (java.time.DateTimeException e) {
                throw new ReservoirException(dev.reservoir.engine.ErrorCode.INVALID_TIME_ZONE, zoneName);
            }
            try {
                currency = Currency.getInstance(currencyCode);
            } catch (IllegalArgumentException e) {
                throw new ReservoirException(dev.reservoir.engine.ErrorCode.INVALID_CURRENCY, currencyCode);
            }
            Tenant created = withLock("admin", () -> engine.createTenant(id, zone, currency));
            send(ctx, 201, tenantJson(created));
        }));
        app.delete("/admin/tenants/{tenant}", admin(ctx -> {
            String tenant = ctx.pathParam("tenant");
            boolean deleted = withLock(tenant, () -> engine.deleteTenant(tenant));
            int revoked = tokens.revokeAll(tenant);
            send(ctx, deleted ? 200 : 404, json.createObjectNode().put("tenant", tenant).put("deleted", deleted)
                    .put("tokens_revoked", revoked));
        }));
        app.post("/admin/tenants/{tenant}/tokens", admin(ctx -> {
            String tenant = ctx.pathParam("tenant");
            if (engine.tenant(tenant).isEmpty()) {
                throw new ReservoirException(dev.reservoir.engine.ErrorCode.TENANT_NOT_FOUND, tenant, "this server");
            }
            Tokens.Issued issued = tokens.issue(tenant);
            send(ctx, 201, json.createObjectNode().put("tenant", tenant).put("token_id", issued.token().id())
                    .put("token", issued.text()).put("created_at", issued.token().createdAt()));
        }));
        app.get("/admin/tenants/{tenant}/tokens", admin(ctx -> {
            ObjectNode out = json.createObjectNode();
            out.set("tokens", json.valueToTree(Tokens.describe(tokens.of(ctx.pathParam("tenant")))));
            send(ctx, 200, out);
        }));
        app.delete("/admin/tokens/{id}", admin(ctx -> {
            if (!tokens.revoke(ctx.pathParam("id"))) {
                throw new ApiException(ApiError.TOKEN_NOT_FOUND, ctx.pathParam("id"));
            }
            send(ctx, 200, json.createObjectNode().put("token_id", ctx.pathParam("id")).put("revoked", true));
        }));

        app.post("/t/{tenant}/events", tenant((ctx, tenant) -> {
            // Streamed: the body straight into events, the answer straight to bytes (no JSON trees).
            Ingestion.Batch batch = Ingestion.read(bodyBytes(ctx), config.maxBatchEvents(), json);
            writers.computeIfAbsent(tenant, t -> new GroupCommit(lockOf(t), () -> engine.store(t))).submit(batch);
            ctx.status(200).contentType(JSON_TYPE).result(Ingestion.answerBytes(batch, locale(ctx), json));
        }));
        app.get("/t/{tenant}/metrics", tenant((ctx, tenant) -> {
            ObjectNode out = json.createObjectNode();
            ObjectNode metrics = out.putObject("metrics");
            new TreeMap<>(commands.parameters()).forEach((name, params) -> {
                if (Commands.isMetric(name)) {
                    ArrayNode list = metrics.putArray(name);
                    params.stream().sorted().forEach(list::add);
                }
            });
            send(ctx, 200, out);
        }));
        app.get("/t/{tenant}/metrics/{metric}", tenant((ctx, tenant) -> {
            String metric = ctx.pathParam("metric");
            if (!Commands.isMetric(metric) || !commands.parameters().containsKey(metric)) {
                List<String> names = commands.parameters().keySet().stream()
                        .filter(Commands::isMetric).sorted().toList();
                throw new ApiException(ApiError.UNKNOWN_METRIC, metric, names);
            }
            runCommand(ctx, tenant, metric, textFormat(ctx));
        }));
        app.get("/t/{tenant}/report", tenant((ctx, tenant) -> {
            String format = ctx.queryParam("format") == null ? "html" : ctx.queryParam("format");
            if (!format.equals("html") && !format.equals("json")) {
                throw new ApiException(ApiError.BAD_REQUEST, "format: expected html or json, was '" + format + "'");
            }
            runCommand(ctx, tenant, Commands.REPORT, format);
        }));

        // Customer lookup (docs/server.md "Customer lookup"): the command with the path's id as its argument.
        app.get("/t/{tenant}/customers/{id}", tenant((ctx, tenant) -> {
            runCommand(ctx, tenant, Commands.CUSTOMER, ctx.pathParam("id"), textFormat(ctx));
        }));
        // The tenant's summary (reservoir info): what the dashboard reads at sign-in, and info --server.
        app.get("/t/{tenant}/info", tenant((ctx, tenant) -> {
            String format = textFormat(ctx);
            if (format.equals("csv")) {
                throw new ApiException(ApiError.BAD_REQUEST, "format: expected json or table, was 'csv'");
            }
            runCommand(ctx, tenant, Commands.INFO, format);
        }));

        // The command line pointed at the server (reservoir import FILE --server URL): docs/server.md.
        app.post("/t/{tenant}/import", tenant(this::importUpload));
        app.get("/t/{tenant}/import", tenant((ctx, tenant) -> {
            if (commands.importParameters().isEmpty()) {
                throw new ApiException(ApiError.NOT_FOUND, ctx.method(), ctx.path());
            }
            // What an upload may be, asked before sending: the JDK 17 client hangs on a refused Expect: 100-continue.
            ObjectNode out = json.createObjectNode().put("max_upload_bytes", config.maxUploadBytes());
            ArrayNode mappings = out.putArray("mappings");
            for (dev.reservoir.ingest.BuiltinMapping.Layout l : dev.reservoir.ingest.BuiltinMapping.Layout.values()) {
                mappings.add(l.mappingName());
            }
            ArrayNode parameters = out.putArray("parameters");
            commands.importParameters().stream().sorted().forEach(p -> parameters.add(p.replace('-', '_')));
            send(ctx, 200, out);
        }));

        // The tenant's saved mappings: a mapping's YAML kept to be named by imports (docs/server.md).
        app.get("/t/{tenant}/mappings", tenant((ctx, tenant) -> {
            dev.reservoir.ingest.SavedMappings saved = savedMappings(ctx, tenant);
            ObjectNode out = json.createObjectNode();
            ArrayNode builtin = out.putArray("builtin");
            for (dev.reservoir.ingest.BuiltinMapping.Layout l : dev.reservoir.ingest.BuiltinMapping.Layout.values()) {
                builtin.add(l.mappingName());
            }
            saved.names().forEach(out.putArray("saved")::add);
            send(ctx, 200, out);
        }));
        app.get("/t/{tenant}/mappings/{name}", tenant((ctx, tenant) -> {
            String name = ctx.pathParam("name");
            String yaml = savedMappings(ctx, tenant).text(name)
                    .orElseThrow(() -> new ApiException(ApiError.MAPPING_NOT_FOUND, name));
            ctx.status(200).contentType("application/yaml; charset=utf-8").result(yaml);
        }));
        app.put("/t/{tenant}/mappings/{name}", tenant((ctx, tenant) -> {
            String name = ctx.pathParam("name");
            dev.reservoir.ingest.Mapping saved = savedMappings(ctx, tenant).save(name, ctx.body());
            send(ctx, 200, json.createObjectNode().put("name", name)
                    .put("target", saved.target().name().toLowerCase(Locale.ROOT)));
        }));
        app.delete("/t/{tenant}/mappings/{name}", tenant((ctx, tenant) -> {
            String name = ctx.pathParam("name");
            if (!savedMappings(ctx, tenant).delete(name)) {
                throw new ApiException(ApiError.MAPPING_NOT_FOUND, name);
            }
            ctx.status(204);
        }));

        // The tenant's tag definitions (tags.yaml): read back, and replaced after every rule is checked.
        app.get("/t/{tenant}/tags", tenant((ctx, tenant) -> {
            java.nio.file.Path file = commands.tagsFile(tenant)
                    .orElseThrow(() -> new ApiException(ApiError.NOT_FOUND, ctx.method(), ctx.path()));
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new ApiException(ApiError.TAGS_NOT_FOUND);
            }
            ctx.status(200).contentType("application/yaml; charset=utf-8")
                    .result(java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8));
        }));
        app.put("/t/{tenant}/tags", tenant(this::saveTags));

        // The dashboard: static pages that call the routes above with the tenant token.
        Dashboard.routes(app);

        app.exception(ApiException.class, (e, ctx) -> error(ctx, e.error().status(), e.error().name(),
                e.message(locale(ctx))));
        app.exception(ReservoirException.class, (e, ctx) -> error(ctx, ApiException.statusOf(e), e.code().name(),
                e.message(locale(ctx))));
        app.exception(java.time.DateTimeException.class, (e, ctx) -> error(ctx, 400, ApiError.BAD_REQUEST.name(),
                ApiError.BAD_REQUEST.message(locale(ctx), String.valueOf(e.getMessage()))));
        app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, ApiError.BAD_REQUEST.name(),
                ApiError.BAD_REQUEST.message(locale(ctx), String.valueOf(e.getMessage()))));
        app.exception(Exception.class, (e, ctx) -> error(ctx, 500, ApiError.INTERNAL.name(),
                ApiError.INTERNAL.message(locale(ctx), e.getClass().getSimpleName() + ": " + e.getMessage())));
        app.error(404, ctx -> {
            if (ctx.attribute(ERROR_SENT) == null) {
                error(ctx, 404, ApiError.NOT_FOUND.name(), ApiError.NOT_FOUND.message(locale(ctx), ctx.method(), ctx.path()));
            }
        });
    }

    /** A handler of the tenant named in the path, after its token is checked. */
    @FunctionalInterface
    private interface TenantHandler {
        void handle(Context ctx, String tenant) throws Exception;
    }

    private Handler tenant(TenantHandler handler) {
        return ctx -> {
            String tenant = ctx.pathParam("tenant");
            String owner = tokens.tenantOf(bearer(ctx)).orElseThrow(() -> new ApiException(ApiError.UNAUTHORIZED));
            if (!owner.equals(tenant)) {
                // The same answer whether the other tenant exists or not: nothing leaks.
                throw new ApiException(ApiError.FORBIDDEN_TENANT, tenant);
            }
            limit(ctx, Tokens.idOf(bearer(ctx)));
            if (engine.tenant(tenant).isEmpty()) {
                throw new ReservoirException(dev.reservoir.engine.ErrorCode.TENANT_NOT_FOUND, tenant, "this server");
            }
            handler.handle(ctx, tenant);
        };
    }

    private Handler admin(Handler handler) {
        return ctx -> {
            String token = bearer(ctx);
            if (token == null) {
                throw new ApiException(ApiError.UNAUTHORIZED);
            }
            if (!Tokens.matches(token, adminHash)) {
                throw new ApiException(tokens.tenantOf(token).isPresent() ? ApiError.ADMIN_ONLY : ApiError.UNAUTHORIZED);
            }
            limit(ctx, "admin");
            handler.handle(ctx);
        };
    }

    /** 429 with Retry-After when the token has used up its requests (after it was found valid). */
    private void limit(Context ctx, String key) {
        long waitMillis = rateLimit.acquire(key);
        if (waitMillis > 0) {
            ctx.header("Retry-After", Long.toString(Math.max(1, (waitMillis + 999) / 1000)));
            throw new ApiException(ApiError.RATE_LIMITED, config.requestsPerSecond(), config.burst(), waitMillis);
        }
    }

    private static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).strip();
    }

    /** The {@code format} query parameter of a command's route: json (default), csv or table. */
    private static String textFormat(Context ctx) {
        String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
        if (!format.equals("json") && !format.equals("csv") && !format.equals("table")) {
            throw new ApiException(ApiError.BAD_REQUEST, "format: expected json, csv or table, was '" + format + "'");
        }
        return format;
    }

    /** Runs a command with the query's parameters (names checked against what it accepts). */
    private void runCommand(Context ctx, String tenant, String command, String format) {
        runCommand(ctx, tenant, command, null, format);
    }

    /** The same with the command's one positional argument ({@code null}: none). */
    private void runCommand(Context ctx, String tenant, String command, String argument, String format) {
        List<Map.Entry<String, String>> parameters = parameters(ctx, command, commands.parameters().get(command),
                Set.of());
        Locale locale = locale(ctx);
        answer(ctx, withLock(tenant, () -> argument == null
                ? commands.run(command, tenant, parameters, locale, format)
                : commands.run(command, tenant, argument, parameters, locale, format)), format);
    }

    /**
     * {@code PUT /t/{tenant}/tags?as_of=...}: the body is a tags.yaml; saved as the tenant's when
     * every rule compiles, and answered as {@code GET /t/{tenant}/metrics/tags} with the same
     * parameters would be, with the new tags.
     */
    private void saveTags(Context ctx, String tenant) throws IOException {
        String format = textFormat(ctx);
        List<Map.Entry<String, String>> parameters = parameters(ctx, "tags", commands.parameters().get("tags"), Set.of());
        java.nio.file.Path uploads = config.stateDirectory().resolve("uploads");
        java.nio.file.Files.createDirectories(uploads);
        java.nio.file.Path file = java.nio.file.Files.createTempFile(uploads, "tags", ".yaml");
        try {
            java.nio.file.Files.writeString(file, ctx.body(), java.nio.charset.StandardCharsets.UTF_8);
            Commands.Output output = withLock(tenant, () -> commands.saveTags(tenant, file, parameters, locale(ctx), format)
                    .orElseThrow(() -> new ApiException(ApiError.NOT_FOUND, ctx.method(), ctx.path())));
            answer(ctx, output, format);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    /** The tenant's saved mappings; {@code 404} when the commands do not serve them. */
    private dev.reservoir.ingest.SavedMappings savedMappings(Context ctx, String tenant) {
        return commands.savedMappings(tenant).orElseThrow(() -> new ApiException(ApiError.NOT_FOUND, ctx.method(),
                ctx.path()));
    }

    /**
     * {@code POST /t/{tenant}/import?name=FILE&...}: the body is the file, streamed to a temporary
     * file in the server's data directory under the upload limit, imported as
     * {@code reservoir import FILE} does, then deleted.
     */
    private void importUpload(Context ctx, String tenant) throws IOException {
        Set<String> allowed = commands.importParameters();
        if (allowed.isEmpty()) {
            throw new ApiException(ApiError.NOT_FOUND, ctx.method(), ctx.path());
        }
        String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
        if (!format.equals("json") && !format.equals("csv") && !format.equals("table")) {
            throw new ApiException(ApiError.BAD_REQUEST, "format: expected json, csv or table, was '" + format + "'");
        }
        String name = ctx.queryParam("name");
        if (name == null || name.isBlank()) {
            throw new ApiException(ApiError.BAD_REQUEST, "parameter 'name' is required: the file's name, whose ending"
                    + " (.csv, .csv.gz, .txt, .parquet, .jsonl, .ndjson) tells its format");
        }
        List<Map.Entry<String, String>> parameters = parameters(ctx, "import", allowed, Set.of("name"));
        Locale locale = locale(ctx);
        long declared = ctx.req().getContentLengthLong();
        if (declared > config.maxUploadBytes()) {
            // Before the body is asked for: Jetty answers Expect: 100-continue only then, so such a client sends nothing.
            throw new ApiException(ApiError.BODY_TOO_LARGE, config.maxUploadBytes());
        }
        java.nio.file.Path file = Uploads.receive(ctx.req().getInputStream(), declared,
                config.stateDirectory().resolve("uploads"), name, config.maxUploadBytes());
        try {
            answer(ctx, withLock(tenant, () -> commands.importFile(tenant, file, name, parameters, locale, format)), format);
        } finally {
            Uploads.delete(file);
        }
    }

    /** The query's parameters for {@code command}, each name checked against {@code allowed}. */
    private static List<Map.Entry<String, String>> parameters(Context ctx, String command, Set<String> allowed,
                                                              Set<String> route) {
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        for (Map.Entry<String, List<String>> p : new TreeMap<>(ctx.queryParamMap()).entrySet()) {
            String name = p.getKey().replace('_', '-');
            if (name.equals("lang") || name.equals("format") || route.contains(name)) {
                continue; // given to the command as --lang and --format, or read by the route
            }
            if (!allowed.contains(name)) {
                throw new ApiException(ApiError.UNKNOWN_PARAMETER, p.getKey(), command,
                        allowed.stream().sorted().map(a -> a.replace('-', '_')).toList());
            }
            for (String value : p.getValue()) {
                parameters.add(Map.entry(name, value));
            }
        }
        return parameters;
    }

    /** A command's output as the answer: its text, or its error in the one error shape. */
    private void answer(Context ctx, Commands.Output output, String format) {
        Locale locale = locale(ctx);
        switch (output.exitCode()) {
            case 0 -> ctx.status(200).contentType(switch (format) {
                case "html" -> HTML_TYPE;
                case "csv" -> CSV_TYPE;
                case "table" -> TEXT_TYPE;
                default -> JSON_TYPE;
            }).result(output.out());
            case 1 -> {
                JsonNode error = parse(output.out()).path("error");
                String code = error.path("code").asText("INTERNAL");
                error(ctx, ApiException.statusOf(code), code, error.path("message").asText(output.err().strip()));
            }
            default -> {
                String why = output.err().strip().lines().findFirst().orElse("");
                error(ctx, 400, ApiError.BAD_REQUEST.name(), ApiError.BAD_REQUEST.message(locale, why));
            }
        }
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }

    /** The body as JSON, read up to the size limit (Content-Length checked first, then counted). */
    private JsonNode bodyJson(Context ctx) {
        byte[] bytes = bodyBytes(ctx);
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new ApiException(ApiError.MALFORMED_JSON, message);
        }
    }

    private byte[] bodyBytes(Context ctx) {
        long limit = config.maxBodyBytes();
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw new ApiException(ApiError.BODY_TOO_LARGE, limit);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw new ApiException(ApiError.BODY_TOO_LARGE, limit);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String required(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual()) {
            throw new ApiException(ApiError.BAD_REQUEST, "field '" + field + "' is required (text)");
        }
        return v.asText();
    }

    private ObjectNode tenantJson(Tenant t) {
        return json.createObjectNode().put("id", t.id()).put("time_zone", t.timeZone().getId())
                .put("currency", t.currency().getCurrencyCode()).put("created_at", t.createdAt().toString());
    }

    private ReentrantLock lockOf(String tenant) {
        return locks.computeIfAbsent(tenant, t -> new ReentrantLock());
    }

    private <T> T withLock(String tenant, java.util.function.Supplier<T> work) {
        ReentrantLock lock = lockOf(tenant);
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private static String resource(String name) {
        try (InputStream in = ReservoirServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the server's resources");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Chinese when asked with {@code ?lang=zh} or {@code Accept-Language: zh...}, else English. */
    static Locale locale(Context ctx) {
        String lang = ctx.queryParam("lang");
        if (lang == null) {
            String header = ctx.header("Accept-Language");
            lang = header == null ? "en" : header.strip();
        }
        return lang.toLowerCase(Locale.ROOT).startsWith("zh") ? Locale.CHINESE : Locale.ENGLISH;
    }

    private void send(Context ctx, int status, JsonNode body) {
        try {
            ctx.status(status).contentType(JSON_TYPE).result(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void error(Context ctx, int status, String code, String message) {
        ObjectNode body = json.createObjectNode();
        body.putObject("error").put("status", status).put("code", code).put("message", message);
        ctx.attribute(ERROR_SENT, Boolean.TRUE);
        ctx.status(status).contentType(JSON_TYPE).result(body.toString());
    }
}
