package dev.reservoir.cli;

import dev.reservoir.engine.Engine;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.server.ReservoirServer;
import dev.reservoir.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code reservoir serve}: the HTTP API (docs/server.md) on the data directory, which it owns
 * while it runs. The admin token comes from {@code --admin-token-file} or
 * {@code $RESERVOIR_ADMIN_TOKEN}, never from the command line (where {@code ps} would show it).
 * Runs until stopped (Ctrl-C); the engine and the server are closed on the way out. While it
 * runs, {@code <data>/server/owner.json} names it, so that a command pointed at the data
 * directory says which server owns it and to use {@code --server} ({@link ServerOptions}).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false)
final class ServeCommand implements Callable<Integer> {
    static final String ADMIN_TOKEN_ENV = "RESERVOIR_ADMIN_TOKEN";

    @Mixin
    private SharedOptions shared;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = ServerConfig.DEFAULT_HOST, descriptionKey = "serve-host")
    private String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "7070", descriptionKey = "serve-port")
    private int port;

    @Option(names = "--admin-token-file", paramLabel = "FILE", descriptionKey = "serve-admin-token-file")
    private Path adminTokenFile;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "16777216", descriptionKey = "serve-max-body")
    private long maxBody;

    @Option(names = "--max-batch", paramLabel = "EVENTS", defaultValue = "10000", descriptionKey = "serve-max-batch")
    private int maxBatch;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "200", descriptionKey = "serve-rate")
    private double rate;

    @Option(names = "--burst", paramLabel = "REQUESTS", defaultValue = "400", descriptionKey = "serve-burst")
    private int burst;

    @Option(names = "--max-upload", paramLabel = "BYTES", defaultValue = "1073741824", descriptionKey = "serve-max-upload")
    private long maxUpload;

    /**
     * The engine's worker threads. Not given: all cores but one (at least one), which the
     * server's own threads use (reading bodies, checking events, writing answers). Measured on 2
     * cores (docs/benchmarks.md, the ingestion load benchmark): DuckDB with one worker instead
     * of two spends about a fifth less CPU an event on ingestion's many small commits, and
     * ingestion is about a tenth faster; queries on a large store run on fewer threads.
     */
    @Option(names = "--engine-threads", paramLabel = "N", descriptionKey = "serve-engine-threads")
    private Integer engineThreads;

    static int defaultEngineThreads(int cores) {
        return Math.max(1, cores - 1);
    }

    @Override
    public Integer call() {
        return shared.run(texts -> {
            String token = adminTokenFile != null ? Files.readString(adminTokenFile, StandardCharsets.UTF_8).strip()
                    : shared.env(ADMIN_TOKEN_ENV);
            if (token == null || token.strip().length() < ServerConfig.MIN_ADMIN_TOKEN_LENGTH) {
                throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "--admin-token-file / " + ADMIN_TOKEN_ENV,
                        Localizable.of("an admin token of at least " + ServerConfig.MIN_ADMIN_TOKEN_LENGTH + " characters",
                                "至少 " + ServerConfig.MIN_ADMIN_TOKEN_LENGTH + " 个字符的管理员令牌"),
                        token == null ? "" : "(" + token.strip().length() + " characters)");
            }
            ServerConfig config;
            try {
                config = new ServerConfig(host, port, token, shared.dataDirectory().resolve("server"), maxBody, maxBatch,
                        rate, burst, shared.clock(), maxUpload);
            } catch (IllegalArgumentException e) {
                throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "serve",
                        Localizable.of("valid server settings", "有效的服务设置"), e.getMessage());
            }
            if (engineThreads != null && engineThreads < 1) {
                throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "--engine-threads",
                        Localizable.of("at least 1", "至少为 1"), engineThreads.toString());
            }
            Engine engine = shared.openEngine(engineThreads != null ? engineThreads
                    : defaultEngineThreads(Runtime.getRuntime().availableProcessors()));
            ReservoirServer server = ReservoirServer.start(config, engine,
                    new ServedCommands(shared.clock(), shared::env, engine, shared.dataDirectory()));
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                engine.close();
                stopped.countDown();
            }, "reservoir-serve-shutdown"));
            shared.out().println(texts.format("serve.listening", shared.dataDirectory(), config.host(), server.port()));
            shared.out().flush();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        });
    }
}
