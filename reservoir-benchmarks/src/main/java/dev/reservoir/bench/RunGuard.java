package dev.reservoir.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Model.CommandSpec;

import dev.reservoir.engine.ReservoirException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What every benchmark subcommand does around its run the same way: say why it could not run
 * (on stderr, and as a JSON error when JSON was asked for), end the process when the run
 * overruns {@code --timeout}, and remove its work directory unless {@code --keep}.
 */
final class RunGuard {
    private final BenchmarkCommand root;
    private final CommandSpec spec;
    private final Texts texts;
    private final boolean json;

    RunGuard(BenchmarkCommand root, CommandSpec spec, Texts texts, Format format) {
        this.root = root;
        this.spec = spec;
        this.texts = texts;
        this.json = format == Format.JSON;
    }

    /** What a benchmark measures in its new run directory; returns the text to print. */
    interface Body {
        String run(Path runDirectory, MemoryProbe probe) throws IOException, SQLException;
    }

    /**
     * Runs a benchmark: checks the disk under {@code parent}, makes a new run directory in it, runs
     * {@code body} there under the {@code timeout} watchdog, prints what it returns, and removes the
     * directory afterwards unless {@code keep}. Returns the exit code: 0, or 1 with the reason printed.
     */
    int run(Path parent, Duration timeout, boolean keep, Consumer<Path> checkDisk, Body body) {
        Path runDirectory = null;
        ScheduledExecutorService watchdog = null;
        try {
            Files.createDirectories(parent);
            checkDisk.accept(parent);
            runDirectory = Files.createTempDirectory(parent, "reservoir-bench-");
            watchdog = watchdog(runDirectory, timeout, keep);
            String output;
            try (MemoryProbe probe = new MemoryProbe()) {
                output = body.run(runDirectory, probe);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(output);
            out.flush();
            return 0;
        } catch (ReservoirException e) {
            return fail(e.code().name(), e.message(texts.locale()));
        } catch (SQLException e) {
            return fail("SQL", e.getMessage());
        } catch (UncheckedIOException e) {
            return fail("IO", describe(e.getCause()));
        } catch (IOException e) {
            return fail("IO", describe(e));
        } finally {
            if (watchdog != null) {
                watchdog.shutdownNow();
            }
            if (runDirectory != null && !keep) {
                deleteQuietly(runDirectory);
            }
        }
    }

    /** Prints {@code error [CODE]: message} (and the JSON error); returns exit code 1. */
    int fail(String code, String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(texts.format("error.line", code, message));
        err.flush();
        if (json) {
            ObjectNode error = new ObjectMapper().createObjectNode();
            error.putObject("error").put("code", code).put("message", message);
            PrintWriter out = spec.commandLine().getOut();
            out.println(error.toPrettyString());
            out.flush();
        }
        return 1;
    }

    /** Ends the process with exit code 4 after {@code timeout}: a benchmark always stops by itself. */
    private ScheduledExecutorService watchdog(Path runDirectory, Duration timeout, boolean keep) {
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "reservoir-bench-timeout");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.schedule(() -> {
            fail("TIMEOUT", texts.format("error.timeout", ImportBenchmark.TimeoutConverter.text(timeout)));
            if (!keep) {
                deleteQuietly(runDirectory);
            }
            root.halt(4);
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        return watchdog;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    static void deleteQuietly(Path dir) {
        try {
            BaseStore.delete(dir);
        } catch (IOException | RuntimeException e) {
            // Best effort: the directory is named in the output, the user can remove it.
        }
    }
}
