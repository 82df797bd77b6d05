package dev.reservoir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.Engine;
import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.event.Tenant;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The options every subcommand shares ({@code --data --tenant --format --lang --memory-limit})
 * and what follows from them: the engine, the language, where output goes and how an expected
 * error is printed.
 */
final class SharedOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--data", paramLabel = "DIR", descriptionKey = "data")
    private Path data;

    @Option(names = "--tenant", paramLabel = "T", descriptionKey = "tenant")
    private String tenant;

    @Option(names = "--format", paramLabel = "table|json|csv", converter = Format.Converter.class,
            descriptionKey = "format")
    private Format format; // null: not given (table, or the page for report)

    private Language language;

    @Option(names = "--memory-limit", paramLabel = "SIZE", defaultValue = EngineConfig.DEFAULT_MEMORY_LIMIT,
            converter = Converters.MemoryLimitConverter.class, descriptionKey = "memory-limit")
    private String memoryLimit;

    @Option(names = "--lang", paramLabel = "en|zh", converter = Language.Converter.class, descriptionKey = "lang")
    void language(Language value) {
        language = value;
        ReservoirCommand.useLanguage(mixee, value);
    }

    /** What a command does once its options are parsed; returns the exit code. */
    @FunctionalInterface
    interface Body {
        int run(Texts texts) throws IOException;
    }

    /**
     * Runs {@code body}; an expected error becomes {@code error [CODE]: message} on stderr (and
     * a JSON error object on stdout with {@code --format json}) and exit code 1, never a stack
     * trace.
     */
    int run(Body body) {
        return run(false, body);
    }

    /** {@link #run(Body)} for a command whose output may be a page ({@code --format html}: report). */
    int runPage(Body body) {
        return run(true, body);
    }

    private int run(boolean page, Body body) {
        Texts texts = texts();
        try {
            if (format == Format.HTML && !page) {
                throw new ReservoirException(dev.reservoir.engine.ErrorCode.INVALID_PARAMETER, "--format",
                        dev.reservoir.engine.Localizable.of("table, json or csv (html is the form of reservoir report)",
                                "table、json 或 csv（html 仅用于 reservoir report）"), "html");
            }
            return body.run(texts);
        } catch (ReservoirException e) {
            return fail(texts, e.code().name(), e.message(texts.locale()));
        } catch (ServerOptions.Failure e) {
            return fail(texts, e.code(), e.text());
        } catch (UncheckedIOException e) {
            return fail(texts, "IO", describe(e.getCause()));
        } catch (IOException e) {
            return fail(texts, "IO", describe(e));
        }
    }

    private static String describe(IOException e) {
        // NoSuchFileException and friends carry only the path; say what happened too.
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private int fail(Texts texts, String code, String message) {
        return fail(texts, code, message, null, null);
    }

    /**
     * An error after part of the work was done and kept (the files imported before a bad one):
     * prints that part first, or with JSON puts it beside the error as {@code "completed"}, so
     * the user learns what was stored before the failure.
     */
    int failAfter(ReservoirException e, Supplier<String> table, Supplier<JsonNode> json) {
        Texts texts = texts();
        return fail(texts, e.code().name(), e.message(texts.locale()), table, json);
    }

    /** {@link #failAfter} for an error the server answered after part of the work was done there. */
    int failAfter(ServerOptions.Failure e, Supplier<JsonNode> json) {
        return fail(texts(), e.code(), e.text(), null, json);
    }

    private int fail(Texts texts, String code, String message, Supplier<String> table, Supplier<JsonNode> json) {
        if (table != null && !json()) {
            out().print(table.get());
            out().flush();
        }
        PrintWriter err = err();
        err.println(texts.format("error.line", code, message));
        err.flush();
        if (json()) {
            ObjectNode error = Json.object();
            error.putObject("error").put("code", code).put("message", message);
            if (json != null) {
                error.set("completed", json.get());
            }
            out().println(Json.write(error));
            out().flush();
        }
        return 1;
    }

    /** Prints the result: {@code table} as it is, or the JSON tree with {@code --format json}. */
    void print(Supplier<String> table, Supplier<JsonNode> json) {
        print(table, json, null);
    }

    /**
     * Prints the result in the chosen format; {@code csv} (header first, RFC 4180 quoting) may be
     * null for results that are not one table, and then {@code --format csv} falls back to JSON.
     */
    void print(Supplier<String> table, Supplier<JsonNode> json, Supplier<java.util.List<java.util.List<String>>> csv) {
        PrintWriter out = out();
        if (format() == Format.CSV && csv != null) {
            for (java.util.List<String> row : csv.get()) {
                out.print(Csv.line(row));
            }
        } else if (json() || format() == Format.CSV) {
            out.println(Json.write(json.get()));
        } else {
            out.print(table.get());
        }
        out.flush();
    }

    Engine openEngine() {
        return openEngine(0);
    }

    /** The engine with {@code threads} workers (0: one per core). */
    Engine openEngine(int threads) {
        ReservoirCommand root = root();
        try {
            return root.openEngine(new EngineConfig(dataDirectory(), root.clock(), memoryLimit, threads));
        } catch (ReservoirException e) {
            if (e.code() == dev.reservoir.engine.ErrorCode.DATA_DIRECTORY_LOCKED) {
                // Locked by reservoir serve: say which server, and how to use it instead.
                ServerOptions.servedBy(dataDirectory()).ifPresent(owner -> {
                    throw ServerOptions.served(dataDirectory(), owner, mixee.findOption("--server") != null);
                });
            }
            throw e;
        }
    }

    /** {@code --data}, else {@code $RESERVOIR_DATA}, else {@code ./reservoir-data}. */
    Path dataDirectory() {
        if (data != null) {
            return data;
        }
        String fromEnv = root().env(ReservoirCommand.DATA_ENV);
        return fromEnv == null || fromEnv.isBlank() ? Path.of(EngineConfig.DEFAULT_DATA_DIRECTORY) : Path.of(fromEnv);
    }

    /** Whether {@code --data} was given: a hint for the next command must then repeat it. */
    boolean dataOptionGiven() {
        return data != null;
    }

    String tenant() {
        return tenantOr(Tenant.DEFAULT_ID);
    }

    /** {@code --tenant} if given, else {@code fallback} (the demo's tenant is {@code demo}). */
    String tenantOr(String fallback) {
        return tenant != null ? tenant : fallback;
    }

    boolean json() {
        return format == Format.JSON;
    }

    /** {@code --format}, table when not given. */
    Format format() {
        return format == null ? Format.TABLE : format;
    }

    /** {@code --format} as given, or {@code fallback} (report: the page). */
    Format formatOr(Format fallback) {
        return format == null ? fallback : format;
    }

    /** {@code --lang} here, else on the top command, else from the default locale. */
    Language language() {
        return language != null ? language : root().language();
    }

    Texts texts() {
        return Texts.of(language());
    }

    Clock clock() {
        return root().clock();
    }

    /** An environment variable, through the top command (tests pass a fake environment). */
    String env(String name) {
        return root().env(name);
    }

    boolean terminal() {
        return root().terminal();
    }

    PrintWriter out() {
        return mixee.commandLine().getOut();
    }

    PrintWriter err() {
        return mixee.commandLine().getErr();
    }

    private ReservoirCommand root() {
        return (ReservoirCommand) mixee.root().userObject();
    }
}
