package dev.reservoir.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code reservoir serve} in a process of its own (the benchmark's classpath, which holds the
 * command line), so the server's memory and CPU time are its own and not the load generator's.
 * It writes its GC log to {@code gc.log} beside the data directory: the heap in use before each
 * collection is the server's heap peak as the JVM saw it.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("https?://[^:]+:(\\d+)");
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private final Process process;
    private final Path gcLog;
    private final int port;
    private final List<String> output = new ArrayList<>();

    private ServerProcess(Process process, Path gcLog, int port) {
        this.process = process;
        this.gcLog = gcLog;
        this.port = port;
    }

    /**
     * Starts the server on {@code data} (a free port of 127.0.0.1, no rate limit) and waits until
     * it listens.
     */
    static ServerProcess start(Path data, Path adminTokenFile, String memoryLimit, List<String> jvmOptions) {
        Path gcLog = data.resolveSibling(data.getFileName() + "-gc.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Xlog:gc:file=" + gcLog);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.reservoir.cli.ReservoirCommand");
        command.addAll(List.of("serve", "--data", data.toString(), "--port", "0", "--rate", "0",
                "--admin-token-file", adminTokenFile.toString(), "--memory-limit", memoryLimit, "--lang", "en"));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            List<String> seen = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                seen.add(line);
                Matcher m = LISTENING.matcher(line);
                if (line.startsWith("Serving") && m.find()) {
                    ServerProcess server = new ServerProcess(process, gcLog, Integer.parseInt(m.group(1)));
                    server.output.addAll(seen);
                    Thread drain = new Thread(() -> server.drain(reader), "reservoir-bench-server-output");
                    drain.setDaemon(true);
                    drain.start();
                    return server;
                }
            }
            process.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("the server did not start: " + String.join("\n", seen));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void drain(BufferedReader reader) {
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** CPU time the server process has used so far (user + system), from /proc; -1 off Linux. */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"), StandardCharsets.US_ASCII);
            // Fields after the command name (which is in parentheses and may hold spaces).
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
            return ticks / (double) CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Linux's USER_HZ: 100 on every architecture Java runs on. */
    private static final int CLOCK_TICKS = 100;

    /** A kB line of the server's /proc status in bytes ({@code VmHWM}: its peak RSS), -1 if unknown. */
    long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"),
                    StandardCharsets.US_ASCII)) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** The most heap in use the GC log saw (before a collection), and the largest heap committed. */
    record Heap(long peakUsed, long maxCommitted) {
    }

    Heap heap() {
        long used = -1;
        long committed = -1;
        try {
            for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
                Matcher m = GC_LINE.matcher(line);
                if (m.find()) {
                    used = Math.max(used, Long.parseLong(m.group(1)) << 20);
                    committed = Math.max(committed, Long.parseLong(m.group(3)) << 20);
                }
            }
        } catch (IOException e) {
            return new Heap(-1, -1);
        }
        return new Heap(used, committed);
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** Stops the server the ordinary way (SIGTERM: its shutdown hook closes the engine). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
