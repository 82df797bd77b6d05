package dev.reservoir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.server.OwnerFile;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --server URL --token T} (or {@code --token-file FILE}, or {@code $RESERVOIR_SERVER} and
 * {@code $RESERVOIR_TOKEN}): the command runs on a {@code reservoir serve} instead of opening the
 * data directory, which the server owns while it runs. The options given on the command line go
 * to the server as query parameters, where the same command runs with them in-process
 * (docs/server.md), and its text is printed as it came: the same table, JSON or CSV as locally.
 * The HTTP client is the JDK's.
 *
 * <p>{@code --server} wins over {@code $RESERVOIR_DATA}; {@code --data} on the command line wins
 * over {@code $RESERVOIR_SERVER}; {@code --data} and {@code --server} together are a usage error.
 */
final class ServerOptions {
    static final String SERVER_ENV = "RESERVOIR_SERVER";
    static final String TOKEN_ENV = "RESERVOIR_TOKEN";
    /** Never sent: how this command line reaches its data or prints, not what the command computes. */
    private static final Set<String> NOT_SENT = Set.of("data", "tenant", "format", "lang", "memory-limit", "help",
            "version", "progress", "server", "token", "token-file", "shown-as");
    /** Options naming files on this machine that the command would read: the server cannot. */
    private static final Set<String> LOCAL_INPUTS = Set.of("tags", "risk-model", "model-file");
    private static final Pattern LOCK_PID = Pattern.compile("pid (\\d+)");

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--server", paramLabel = "URL", descriptionKey = "server")
    private String server;

    @Option(names = "--token", paramLabel = "TOKEN", descriptionKey = "server-token")
    private String token;

    @Option(names = "--token-file", paramLabel = "FILE", descriptionKey = "server-token-file")
    private Path tokenFile;

    private HttpClient http;

    /** An error answered by the server, printed as a local one: {@code error [CODE]: message}, exit 1. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String code;
        private final String text;

        Failure(String code, String text) {
            super(code + ": " + text);
            this.code = code;
            this.text = text;
        }

        String code() {
            return code;
        }

        String text() {
            return text;
        }
    }

    /** Whether the command runs on a server (see the class comment for what wins). */
    boolean given(SharedOptions shared) {
        if (server != null) {
            if (shared.dataOptionGiven()) {
                throw new ParameterException(mixee.commandLine(), shared.texts().get("server.with-data"));
            }
            return true;
        }
        if (shared.dataOptionGiven()) {
            return false;
        }
        String fromEnv = shared.env(SERVER_ENV);
        return fromEnv != null && !fromEnv.isBlank();
    }

    /** Runs the command on the server in its {@code --format} and prints its answer as it came. */
    int forward(SharedOptions shared, String route) {
        return forward(shared, route, shared.format().name().toLowerCase(Locale.ROOT));
    }

    /** Runs the command on the server and prints its answer as it came. */
    int forward(SharedOptions shared, String route, String format) {
        String body = fetch(shared, route, format, Set.of(), List.of());
        shared.out().print(body);
        shared.out().flush();
        return 0;
    }

    /**
     * The server's answer to {@code GET route} with the options given on the command line (less
     * {@code skip}, which the command handles here) and {@code extra}; a server error is thrown as
     * a {@link Failure}.
     */
    String fetch(SharedOptions shared, String route, String format, Set<String> skip,
                 List<Map.Entry<String, String>> extra) {
        URI uri = uri(shared, route, format, skip, extra);
        return send(shared, request(shared, uri).GET());
    }

    /** {@code POST route} with {@code file} as the body (streamed from disk), as {@link #fetch}. */
    String upload(SharedOptions shared, String route, Path file, String format, Set<String> skip,
                  List<Map.Entry<String, String>> extra) {
        URI uri = uri(shared, route, format, skip, extra);
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.ofFile(file);
        } catch (java.io.FileNotFoundException e) {
            throw new ReservoirException(ErrorCode.FILE_NOT_FOUND, file);
        }
        // Not Expect: 100-continue: the JDK 17 client hangs when the answer is not 100 (JDK-8286171);
        // the size was checked against the server's limit before (ImportCommand).
        return send(shared, request(shared, uri).header("Content-Type", "application/octet-stream").POST(body));
    }

    /** {@code PUT route} with {@code text} as the body (a mapping's YAML), as {@link #fetch}. */
    String save(SharedOptions shared, String route, String text) {
        URI uri = URI.create(base(shared) + "/t/" + encode(shared.tenant()) + "/" + route + "?lang="
                + shared.language().name().toLowerCase(Locale.ROOT));
        return put(shared, uri, text);
    }

    /**
     * {@code PUT route} with the YAML {@code file} as the body and the options given on the
     * command line (less {@code skip}), as {@link #fetch}.
     */
    String replace(SharedOptions shared, String route, Path file, String format, Set<String> skip) throws IOException {
        return put(shared, uri(shared, route, format, skip, List.of()), java.nio.file.Files.readString(file));
    }

    private String put(SharedOptions shared, URI uri, String text) {
        return send(shared, request(shared, uri).header("Content-Type", "application/yaml; charset=utf-8")
                .PUT(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)));
    }

    /** The server's answer to {@code GET route} with no options (what the route tells about itself). */
    String describe(SharedOptions shared, String route) {
        URI uri = URI.create(base(shared) + "/t/" + encode(shared.tenant()) + "/" + route + "?lang="
                + shared.language().name().toLowerCase(Locale.ROOT));
        return send(shared, request(shared, uri).GET());
    }

    /** {@code /t/{tenant}/{route}?lang=..&format=..&option=value...}. */
    private URI uri(SharedOptions shared, String route, String format, Set<String> skip,
                    List<Map.Entry<String, String>> extra) {
        StringBuilder b = new StringBuilder(base(shared)).append("/t/").append(encode(shared.tenant())).append('/')
                .append(route).append("?lang=").append(shared.language().name().toLowerCase(Locale.ROOT));
        if (format != null) {
            b.append("&format=").append(encode(format));
        }
        List<Map.Entry<String, String>> parameters = new ArrayList<>(options(shared, skip));
        parameters.addAll(extra);
        for (Map.Entry<String, String> p : parameters) {
            b.append('&').append(encode(p.getKey())).append('=').append(encode(p.getValue()));
        }
        return URI.create(b.toString());
    }

    /** The options given on the command line, each value as typed; a flag is {@code true}. */
    private List<Map.Entry<String, String>> options(SharedOptions shared, Set<String> skip) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (OptionSpec o : new LinkedHashSet<>(mixee.commandLine().getParseResult().matchedOptions())) {
            String name = o.longestName().replaceFirst("^--?", "");
            if (NOT_SENT.contains(name) || skip.contains(name)) {
                continue;
            }
            if (LOCAL_INPUTS.contains(name)) {
                throw new ParameterException(mixee.commandLine(), shared.texts().format("server.local-file", name));
            }
            if (o.arity().max() == 0) {
                out.add(Map.entry(name, "true"));
            } else {
                for (String value : o.originalStringValues()) {
                    out.add(Map.entry(name, value));
                }
            }
        }
        return out;
    }

    private HttpRequest.Builder request(SharedOptions shared, URI uri) {
        String value = token(shared);
        try {
            return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + value)
                    .header("Accept-Language", shared.language().name().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // A header holds no control characters: say so rather than fail with a stack trace.
            throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "--token / --token-file / " + TOKEN_ENV,
                    Localizable.of("a token of printable characters", "由可打印字符组成的令牌"),
                    "(" + value.length() + " characters)");
        }
    }

    private String send(SharedOptions shared, HttpRequest.Builder request) {
        if (http == null) {
            // HTTP/1.1: Expect: 100-continue for uploads, and no h2c upgrade attempt on plain http.
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                    .build();
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            String message = e.getMessage();
            throw new ReservoirException(ErrorCode.SERVER_UNREACHABLE, base(shared),
                    e.getClass().getSimpleName() + (message == null ? "" : ": " + message));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReservoirException(ErrorCode.SERVER_UNREACHABLE, base(shared), "interrupted");
        }
        if (response.statusCode() == 200) {
            return response.body();
        }
        JsonNode error = parse(response.body()).path("error");
        if (error.path("code").isTextual() && error.path("message").isTextual()) {
            throw new Failure(error.get("code").asText(), error.get("message").asText());
        }
        String first = response.body().strip().lines().findFirst().orElse("");
        throw new ReservoirException(ErrorCode.SERVER_REPLY, base(shared), response.statusCode(),
                first.length() > 200 ? first.substring(0, 200) + "..." : first);
    }

    private static JsonNode parse(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            return new ObjectMapper().createObjectNode();
        }
    }

    /** {@code --server}, else {@code $RESERVOIR_SERVER}, without a trailing slash; http or https. */
    private String base(SharedOptions shared) {
        String url = (server != null ? server : shared.env(SERVER_ENV)).strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "--server / " + SERVER_ENV,
                    Localizable.of("a server address such as http://127.0.0.1:7070", "服务地址，如 http://127.0.0.1:7070"),
                    url);
        }
        return url;
    }

    /** {@code --token}, else the first line of {@code --token-file}, else {@code $RESERVOIR_TOKEN}. */
    private String token(SharedOptions shared) {
        String value;
        if (token != null) {
            value = token;
        } else if (tokenFile != null) {
            try {
                value = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            } catch (java.nio.file.NoSuchFileException e) {
                throw new ReservoirException(ErrorCode.FILE_NOT_FOUND, tokenFile);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        } else {
            value = shared.env(TOKEN_ENV);
        }
        if (value == null || value.isBlank()) {
            throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "--token / --token-file / " + TOKEN_ENV,
                    Localizable.of("a token of the tenant, issued by the server's admin API",
                            "该租户的令牌（由服务的管理接口签发）"), "");
        }
        return value.strip();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** {@code s} as one path segment: every reserved character escaped, a space as {@code %20}. */
    static String pathSegment(String s) {
        return encode(s).replace("+", "%20");
    }

    /**
     * When {@code reservoir serve} owns {@code dataDirectory}: its record, trusted only when its
     * process is the one holding the data directory's lock (a record left by a killed server
     * names a process that holds nothing).
     */
    static Optional<OwnerFile.Owner> servedBy(Path dataDirectory) {
        Optional<OwnerFile.Owner> owner = OwnerFile.read(dataDirectory.resolve("server"));
        if (owner.isEmpty()) {
            return owner;
        }
        try {
            Matcher m = LOCK_PID.matcher(Files.readString(dataDirectory.resolve(".lock"), StandardCharsets.UTF_8));
            return m.find() && Long.parseLong(m.group(1)) == owner.get().pid() ? owner : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The error for a command pointed at a served data directory; {@code remote}: it takes --server. */
    static ReservoirException served(Path dataDirectory, OwnerFile.Owner owner, boolean remote) {
        Localizable advice = remote
                ? Localizable.of("run this command through the server instead: add --server " + owner.url()
                        + " --token-file FILE (a token of the tenant; or set " + SERVER_ENV + " and " + TOKEN_ENV
                        + "), or stop the server",
                        "请改为通过服务运行此命令：加上 --server " + owner.url() + " --token-file 文件（该租户的令牌；或设置 "
                                + SERVER_ENV + " 与 " + TOKEN_ENV + "），或先停止服务")
                : Localizable.of("this command does not run through the server: stop the server first, then run it again",
                        "此命令不能通过服务运行：请先停止服务，再重新运行");
        return new ReservoirException(ErrorCode.DATA_DIRECTORY_SERVED, dataDirectory, owner.url(), owner.pid(), advice);
    }
}
