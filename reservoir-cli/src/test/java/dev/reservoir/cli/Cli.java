package dev.reservoir.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.reservoir.duckdb.DuckDbEngine;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs {@code reservoir} in-process, as picocli's "Testing Your Application" does: a fixed
 * clock, a fake environment pointing at a temporary data directory, an English default locale
 * (whatever the machine's), and stdout / stderr captured.
 */
final class Cli {
    /** 2025-06-01 12:00 in Shanghai: after every fixture event and the tiny demo shop's window. */
    static final Instant NOW = Instant.parse("2025-06-01T04:00:00Z");

    private final Map<String, String> env = new HashMap<>();
    private final Clock clock;
    private final Locale defaultLocale;

    Cli(Path data) {
        this(data, Clock.fixed(NOW, ZoneOffset.UTC), Locale.ENGLISH);
    }

    Cli(Path data, Clock clock, Locale defaultLocale) {
        env.put(ReservoirCommand.DATA_ENV, data.toString());
        this.clock = clock;
        this.defaultLocale = defaultLocale;
    }

    /** Sets an environment variable the commands see ({@code null} removes it). */
    Cli env(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    record Result(int exit, String out, String err) {
        JsonNode json() {
            try {
                // Decimals as BigDecimal, so "37.50" reads back with its two places.
                return new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                        .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true)).readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("stdout is not JSON:\n" + out + "\nstderr:\n" + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new ReservoirCommand(clock, env::get, defaultLocale, DuckDbEngine::open,
                false));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    static String[] args(Object... parts) {
        List<String> all = new ArrayList<>();
        for (Object p : parts) {
            all.add(p.toString());
        }
        return all.toArray(String[]::new);
    }
}
