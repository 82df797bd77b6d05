package dev.reservoir.bench;

import dev.reservoir.cli.Language;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import java.util.function.ToLongFunction;

/**
 * {@code bench}: Reservoir's benchmark command, one subcommand per benchmark. Like the
 * {@code reservoir} command it holds what its subcommands must not look up themselves (the
 * clock, the default language, the working directory, how the process ends when a run overruns
 * its time limit), so tests run it in-process:
 *
 * <pre>{@code
 * CommandLine cmd = new CommandLine(new BenchmarkCommand(Clock.systemUTC(), Locale.ENGLISH, dir, false, code -> { }));
 * int exit = cmd.execute("import", "--events", "20000", "--format", "json");
 * }</pre>
 *
 * <p>Exit codes: 0 the benchmark ran (whether the targets were met is in its output), 1 it
 * could not run (not enough disk, a failed step), 2 bad usage, 4 stopped by {@code --timeout}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, resourceBundle = Texts.MESSAGES, sortOptions = false,
        versionProvider = BenchmarkCommand.Version.class, subcommands = {ImportBenchmark.class, MetricsBenchmark.class,
                SegmentsBenchmark.class, ModelsBenchmark.class, RiskBenchmark.class, IngestBenchmark.class,
                HelpCommand.class})
public final class BenchmarkCommand implements Callable<Integer> {
    private final Clock clock;
    private final Locale defaultLocale;
    private final Path currentDirectory;
    private final boolean terminal;
    private final IntConsumer halt;
    private final ToLongFunction<Path> freeDisk;
    private Language language;

    @Spec
    private CommandSpec spec;

    /**
     * @param clock            the ingestion time the stores record (times are taken with {@link System#nanoTime})
     * @param defaultLocale    the language when {@code --lang} is not given
     * @param currentDirectory where the work directory goes when {@code --work} is not given
     * @param terminal         whether stderr is a terminal, so the percentage line is shown
     * @param halt             ends the process with an exit code when {@code --timeout} passes
     */
    public BenchmarkCommand(Clock clock, Locale defaultLocale, Path currentDirectory, boolean terminal, IntConsumer halt) {
        this(clock, defaultLocale, currentDirectory, terminal, halt, BenchmarkCommand::usableSpace);
    }

    /** @param freeDisk the usable bytes on the file system of a directory (tests make the disk small) */
    BenchmarkCommand(Clock clock, Locale defaultLocale, Path currentDirectory, boolean terminal, IntConsumer halt,
                     ToLongFunction<Path> freeDisk) {
        this.freeDisk = Objects.requireNonNull(freeDisk, "freeDisk");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultLocale = Objects.requireNonNull(defaultLocale, "defaultLocale");
        this.currentDirectory = Objects.requireNonNull(currentDirectory, "currentDirectory");
        this.terminal = terminal;
        this.halt = Objects.requireNonNull(halt, "halt");
    }

    public static void main(String[] args) {
        // Always UTF-8, whatever the platform's default: Chinese labels must survive a pipe.
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        CommandLine cmd = new CommandLine(new BenchmarkCommand(Clock.systemUTC(), Locale.getDefault(),
                Path.of("").toAbsolutePath(), System.console() != null, code -> Runtime.getRuntime().halt(code)));
        cmd.setOut(out);
        cmd.setErr(err);
        int exit = cmd.execute(args);
        out.flush();
        err.flush();
        System.exit(exit);
    }

    @Option(names = "--lang", paramLabel = "en|zh", converter = Language.Converter.class, descriptionKey = "lang")
    void language(Language value) {
        language = value;
        useLanguage(spec, value);
    }

    /** Switches the whole command tree's help to {@code language}. */
    static void useLanguage(CommandSpec anySpec, Language language) {
        anySpec.root().commandLine().setResourceBundle(Texts.bundle(Texts.MESSAGES, language));
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "bench: name a benchmark (import, metrics, segments, models, risk, ingest); see --help");
    }

    Clock clock() {
        return clock;
    }

    Language language() {
        return language != null ? language : Language.of(defaultLocale);
    }

    Path currentDirectory() {
        return currentDirectory;
    }

    boolean terminal() {
        return terminal;
    }

    void halt(int code) {
        halt.accept(code);
    }

    long freeDisk(Path directory) {
        return freeDisk.applyAsLong(directory);
    }

    private static long usableSpace(Path directory) {
        try {
            return Files.getFileStore(directory).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the free space of " + directory, e);
        }
    }

    /** The build's version from the jar manifest; a development build has none. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = BenchmarkCommand.class.getPackage().getImplementationVersion();
            return new String[] {"Reservoir benchmarks " + (version == null ? "(development build)" : version)};
        }
    }
}
