package dev.reservoir.cli;

import dev.reservoir.segments.TagFile;
import dev.reservoir.engine.Engine;
import dev.reservoir.server.Commands;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The metric commands and the report as the server serves them: each request runs the command
 * itself, in-process, on the server's engine, with {@code --tenant} from the checked path,
 * {@code --format} and {@code --lang} from the server, and the query's parameters as the
 * command's own options ({@code preset=apparel} is {@code --preset=apparel}; a flag takes
 * {@code true} or {@code false}). Options that would reach outside the tenant or the response
 * ({@code --data}, {@code --tenant}, {@code --out}, ...) are not served.
 */
final class ServedCommands implements Commands {
    /** The metric commands served under {@code /t/{tenant}/metrics/{name}}. */
    static final List<String> METRICS = List.of("churn", "warn", "retention", "repurchase", "annual", "activity",
            "sessions", "pages", "paths", "quadrants", "funnel", "groups", "rfm", "lifecycle", "tags", "customers");
    /**
     * Never served: what would reach outside the tenant or the response. {@code --export} writes
     * and {@code --tags} / {@code --risk-model} read files of the server's; the tenant's own
     * tags.yaml is used.
     */
    private static final Set<String> NOT_SERVED = Set.of("data", "tenant", "format", "lang", "memory-limit", "help",
            "version", "out", "progress", "export", "tags", "risk-model", "model-file", "server", "token", "token-file",
            "shown-as", "save");
    /** The command run for {@code POST /t/{tenant}/import}. */
    static final String IMPORT = "import";
    private static final java.util.regex.Pattern ERROR_LINE =
            java.util.regex.Pattern.compile("^\\S+ \\[([A-Z0-9_]+)\\][:：] ?", java.util.regex.Pattern.DOTALL);

    private final Clock clock;
    private final Function<String, String> env;
    private final Engine engine;
    private final java.nio.file.Path dataDirectory;
    private final Map<String, Map<String, OptionSpec>> options = new LinkedHashMap<>();

    ServedCommands(Clock clock, Function<String, String> env, Engine engine) {
        this(clock, env, engine, engine instanceof dev.reservoir.duckdb.DuckDbEngine d ? d.config().dataDirectory() : null);
    }

    /**
     * @param dataDirectory the engine's data directory, given to every command as {@code --data}
     *                      so that what it reads beside the database (the tenant's tags.yaml and
     *                      saved models) is the served tenant's; {@code null}: the environment's
     */
    ServedCommands(Clock clock, Function<String, String> env, Engine engine, java.nio.file.Path dataDirectory) {
        this.clock = clock;
        // A served command runs here, on this engine: never on another server.
        this.env = name -> name.equals(ServerOptions.SERVER_ENV) || name.equals(ServerOptions.TOKEN_ENV) ? null
                : env.apply(name);
        this.engine = engine;
        this.dataDirectory = dataDirectory;
        CommandLine root = commandLine(Locale.ENGLISH);
        List<String> served = new ArrayList<>(METRICS);
        served.add(REPORT);
        served.add(CUSTOMER);
        served.add(INFO);
        served.add(IMPORT);
        for (String name : served) {
            Map<String, OptionSpec> byName = new LinkedHashMap<>();
            for (OptionSpec o : root.getSubcommands().get(name).getCommandSpec().options()) {
                String longest = o.longestName();
                if (longest.startsWith("--") && !NOT_SERVED.contains(longest.substring(2))) {
                    byName.put(longest.substring(2), o);
                }
            }
            options.put(name, byName);
        }
    }

    @Override
    public Map<String, Set<String>> parameters() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        options.forEach((name, byName) -> {
            if (!name.equals(IMPORT)) {
                out.put(name, new TreeSet<>(byName.keySet()));
            }
        });
        return out;
    }

    @Override
    public Set<String> importParameters() {
        return new TreeSet<>(options.get(IMPORT).keySet());
    }

    /**
     * {@code reservoir import FILE} on the uploaded copy, with a built-in or saved mapping only: a
     * mapping named by path would be a file of the server's.
     */
    @Override
    public Output importFile(String tenant, java.nio.file.Path file, String name,
                             List<Map.Entry<String, String>> parameters, Locale locale, String format) {
        for (Map.Entry<String, String> p : parameters) {
            if (p.getKey().equals("mapping")
                    && dev.reservoir.ingest.BuiltinMapping.Layout.byName(p.getValue()).isEmpty()
                    && !dev.reservoir.ingest.SavedMappings.isName(p.getValue())) {
                return new Output(2, "", "mapping: expected a built-in mapping ("
                        + dev.reservoir.ingest.BuiltinMapping.Layout.names() + ") or the name of a mapping saved"
                        + " for the tenant (PUT /t/" + tenant + "/mappings/NAME), was '" + p.getValue()
                        + "'; a mapping file is not read by the server\n");
            }
        }
        return run(IMPORT, List.of(IMPORT, file.toString(), "--shown-as=" + name), tenant, null, parameters, locale, format);
    }

    /** {@code reservoir tags --save FILE} on the request's body, named {@code tags.yaml} in messages. */
    @Override
    public java.util.Optional<Output> saveTags(String tenant, java.nio.file.Path file,
                                               List<Map.Entry<String, String>> parameters, Locale locale, String format) {
        if (dataDirectory == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(run("tags", List.of("tags", "--save=" + file, "--shown-as=" + TagFile.FILE_NAME),
                tenant, null, parameters, locale, format));
    }

    @Override
    public java.util.Optional<java.nio.file.Path> tagsFile(String tenant) {
        return java.util.Optional.ofNullable(dataDirectory).map(d -> d.resolve(tenant).resolve(TagFile.FILE_NAME));
    }

    /** The tenant's saved mappings in the served data directory; none when it is the environment's. */
    @Override
    public java.util.Optional<dev.reservoir.ingest.SavedMappings> savedMappings(String tenant) {
        return java.util.Optional.ofNullable(dataDirectory)
                .map(d -> dev.reservoir.ingest.SavedMappings.ofTenant(d, tenant));
    }

    @Override
    public Output run(String command, String tenant, List<Map.Entry<String, String>> parameters, Locale locale,
                      String format) {
        return run(command, tenant, null, parameters, locale, format);
    }

    @Override
    public Output run(String command, String tenant, String argument, List<Map.Entry<String, String>> parameters,
                      Locale locale, String format) {
        if (command.equals(IMPORT)) {
            throw new IllegalArgumentException("import is served by importFile, with its file");
        }
        return run(command, List.of(command), tenant, argument, parameters, locale, format);
    }

    private Output run(String command, List<String> head, String tenant, String argument,
                       List<Map.Entry<String, String>> parameters, Locale locale, String format) {
        Map<String, OptionSpec> known = options.get(command);
        if (known == null) {
            throw new IllegalArgumentException("not a served command: " + command);
        }
        List<String> args = new ArrayList<>(head);
        args.addAll(List.of("--tenant", tenant, "--format", format,
                "--lang", "zh".equals(locale.getLanguage()) ? "zh" : "en"));
        if (dataDirectory != null) {
            args.add("--data=" + dataDirectory);
        }
        for (Map.Entry<String, String> p : parameters) {
            OptionSpec option = known.get(p.getKey());
            if (option == null) {
                return new Output(2, "", "unknown option --" + p.getKey() + "\n");
            }
            if (option.arity().max() == 0) {
                switch (p.getValue().toLowerCase(Locale.ROOT)) {
                    case "", "true" -> args.add("--" + p.getKey());
                    case "false" -> {
                        // a flag left off
                    }
                    default -> {
                        return new Output(2, "", "option " + p.getKey() + " takes true or false, was '" + p.getValue() + "'\n");
                    }
                }
            } else {
                // One argument "--name=value": a value can never be read as another option.
                args.add("--" + p.getKey() + "=" + p.getValue());
            }
        }
        if (argument != null) {
            // After "--" picocli reads every argument as a positional one: an id such as "--data=/"
            // stays the id.
            args.add("--");
            args.add(argument);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = commandLine(locale);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args.toArray(String[]::new));
        if (exit == 1 && !format.equals("json")) {
            // Only JSON puts the error on stdout; else it is the line "error [CODE]: message".
            return new Output(1, errorJson(err.toString()), err.toString());
        }
        return new Output(exit, out.toString(), err.toString());
    }

    /** {@code error [CODE]: message} (or {@code 错误 [CODE]：...}) as the JSON error object. */
    static String errorJson(String errorLine) {
        String text = errorLine.strip();
        java.util.regex.Matcher m = ERROR_LINE.matcher(text);
        com.fasterxml.jackson.databind.node.ObjectNode node = Json.object();
        boolean found = m.find();
        node.putObject("error").put("code", found ? m.group(1) : "INTERNAL")
                .put("message", found ? text.substring(m.end()) : text);
        return Json.write(node);
    }

    private CommandLine commandLine(Locale locale) {
        return new CommandLine(new ReservoirCommand(clock, env, locale, config -> new BorrowedEngine(engine), false));
    }
}
