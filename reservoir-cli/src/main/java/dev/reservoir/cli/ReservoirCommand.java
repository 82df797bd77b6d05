package dev.reservoir.cli;

import dev.reservoir.duckdb.DuckDbEngine;
import dev.reservoir.engine.Engine;
import dev.reservoir.engine.EngineConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code reservoir}: the top command, listing one class per subcommand. It holds what the
 * subcommands must not look up themselves (the clock, the environment, the default language,
 * how an engine is opened), so tests run every command in-process with a fixed clock and a
 * fake environment:
 *
 * <pre>{@code
 * CommandLine cmd = new CommandLine(new ReservoirCommand(clock, Map.of("RESERVOIR_DATA", dir)::get));
 * cmd.setOut(out);
 * int exit = cmd.execute("info", "--format", "json");
 * }</pre>
 *
 * <p>Exit codes: 0 success, 1 a {@link dev.reservoir.engine.ReservoirException} (printed as
 * {@code error [CODE]: message}), 2 bad usage (picocli's message).
 */
@Command(name = "reservoir", mixinStandardHelpOptions = true, versionProvider = ReservoirCommand.Version.class,
        resourceBundle = Texts.MESSAGES, sortOptions = false,
        subcommands = {TenantCommand.class, ImportCommand.class, InfoCommand.class, GenerateCommand.class,
                DemoCommand.class, RetentionCommand.class, ChurnCommand.class, WarnCommand.class,
                RepurchaseCommand.class, AnnualCommand.class, ActivityCommand.class, SessionsCommand.class,
                PagesCommand.class, PathsCommand.class, QuadrantsCommand.class, FunnelCommand.class,
                GroupsCommand.class, RfmCommand.class, LifecycleCommand.class, TagsCommand.class,
                CustomersCommand.class, FitCommand.class, PredictCommand.class, ClvCommand.class, RiskCommand.class,
                ReportCommand.class, ServeCommand.class, HelpCommand.class,
                CustomerCommand.class})
public final class ReservoirCommand implements Callable<Integer> {
    /** The environment variable naming the data directory when {@code --data} is not given. */
    static final String DATA_ENV = "RESERVOIR_DATA";

    private final Clock clock;
    private final Function<String, String> env;
    private final Locale defaultLocale;
    private final Function<EngineConfig, Engine> engines;
    private final boolean terminal;
    private Language language;

    @Spec
    private CommandSpec spec;

    /**
     * @param clock the time of ingestion and of "today" (the default as-of date)
     * @param env   environment lookup ({@code System::getenv}); returns {@code null} when unset
     */
    public ReservoirCommand(Clock clock, Function<String, String> env) {
        this(clock, env, Locale.getDefault(), DuckDbEngine::open, false);
    }

    /**
     * @param defaultLocale the language when {@code --lang} is not given (Chinese for zh)
     * @param engines       opens the engine on a data directory
     * @param terminal      whether stderr is a terminal, so progress is shown without {@code --progress}
     */
    ReservoirCommand(Clock clock, Function<String, String> env, Locale defaultLocale,
                     Function<EngineConfig, Engine> engines, boolean terminal) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.env = Objects.requireNonNull(env, "env");
        this.defaultLocale = Objects.requireNonNull(defaultLocale, "defaultLocale");
        this.engines = Objects.requireNonNull(engines, "engines");
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        // Always UTF-8, whatever the platform's default: Chinese labels must survive a pipe.
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        // Java 17: console() is non-null only when attached to a terminal (not redirected).
        boolean terminal = System.console() != null;
        CommandLine cmd = new CommandLine(new ReservoirCommand(Clock.systemUTC(), System::getenv,
                Locale.getDefault(), DuckDbEngine::open, terminal));
        cmd.setOut(out);
        cmd.setErr(err);
        int exit = cmd.execute(args);
        out.flush();
        err.flush();
        System.exit(exit);
    }

    /** {@code reservoir --lang zh --help}: the help (and messages) in that language. */
    @Option(names = "--lang", paramLabel = "en|zh", converter = Language.Converter.class, descriptionKey = "lang")
    void language(Language value) {
        language = value;
        useLanguage(spec, value);
    }

    /**
     * Switches the whole command tree's help to {@code language}. picocli reads descriptions
     * from the bundle when it prints help, after parsing, so a {@code --lang} anywhere on the
     * command line decides the language of {@code --help}.
     */
    static void useLanguage(CommandSpec anySpec, Language language) {
        anySpec.root().commandLine().setResourceBundle(Texts.bundle(Texts.MESSAGES, language));
    }

    @Override
    public Integer call() {
        throw missingSubcommand(spec, language());
    }

    /** For a command that only groups subcommands and was run without one: a usage error. */
    static ParameterException missingSubcommand(CommandSpec spec, Language language) {
        return new ParameterException(spec.commandLine(), Texts.of(language).format("error.missing-subcommand",
                spec.qualifiedName()));
    }

    Clock clock() {
        return clock;
    }

    String env(String name) {
        return env.apply(name);
    }

    /** {@code --lang} given to the top command, else the default locale's. */
    Language language() {
        return language != null ? language : Language.of(defaultLocale);
    }

    Engine openEngine(EngineConfig config) {
        return engines.apply(config);
    }

    boolean terminal() {
        return terminal;
    }

    /** The build's version from the jar manifest; a development build has none. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ReservoirCommand.class.getPackage().getImplementationVersion();
            return new String[] {"Reservoir " + (version == null ? "(development build)" : version)};
        }
    }
}
