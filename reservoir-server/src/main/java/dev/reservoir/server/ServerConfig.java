package dev.reservoir.server;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * How {@code reservoir serve} runs.
 *
 * @param host           the address to listen on ({@code 127.0.0.1} by default: not the network)
 * @param port           the port; 0 picks a free one (tests)
 * @param adminToken     the admin token (tenant management); only its hash is kept by the server
 * @param stateDirectory where the tenant tokens' hashes are kept ({@code <data>/server})
 * @param maxBodyBytes   the largest request body accepted; larger ones get 413 BODY_TOO_LARGE
 * @param maxBatchEvents the most events one ingestion request may hold; more get 413 BATCH_TOO_LARGE
 * @param requestsPerSecond the sustained requests a second one token may make; 0 for no limit
 * @param burst          the requests a token may make at once before the rate applies
 * @param clock          when tokens were issued, and the rate limit's time
 * @param maxUploadBytes the largest file {@code POST /t/{tenant}/import} accepts (a file, not a
 *                       batch: its own, larger limit); larger ones get 413 BODY_TOO_LARGE
 */
public record ServerConfig(String host, int port, String adminToken, Path stateDirectory, long maxBodyBytes,
                           int maxBatchEvents, double requestsPerSecond, int burst, Clock clock, long maxUploadBytes) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7070;
    /** 16 MiB: a batch of 10,000 events of about 1 KB each, with room. */
    public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;
    public static final int DEFAULT_MAX_BATCH_EVENTS = 10_000;
    /** 200 a second (100,000 events a second in batches of 500), 400 at once. */
    public static final double DEFAULT_REQUESTS_PER_SECOND = 200;
    public static final int DEFAULT_BURST = 400;
    /** Shorter admin tokens are refused: the admin token guards every tenant. */
    public static final int MIN_ADMIN_TOKEN_LENGTH = 16;
    /** 1 GiB: an export of a few million orders; the file is streamed to disk, never held in memory. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 1024L * 1024 * 1024;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(adminToken, "adminToken");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(clock, "clock");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
        }
        if (adminToken.strip().length() < MIN_ADMIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("the admin token must have at least " + MIN_ADMIN_TOKEN_LENGTH
                    + " characters, had " + adminToken.strip().length());
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1024, was " + maxBodyBytes);
        }
        if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requestsPerSecond must be 0 (no limit) or more, was " + requestsPerSecond);
        }
        if (requestsPerSecond > 0 && burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1 with a rate limit, was " + burst);
        }
        if (maxBatchEvents < 1) {
            throw new IllegalArgumentException("maxBatchEvents must be at least 1, was " + maxBatchEvents);
        }
        if (maxUploadBytes < 1024) {
            throw new IllegalArgumentException("maxUploadBytes must be at least 1024, was " + maxUploadBytes);
        }
    }

    /** The settings with the default upload limit. */
    public ServerConfig(String host, int port, String adminToken, Path stateDirectory, long maxBodyBytes,
                        int maxBatchEvents, double requestsPerSecond, int burst, Clock clock) {
        this(host, port, adminToken, stateDirectory, maxBodyBytes, maxBatchEvents, requestsPerSecond, burst, clock,
                DEFAULT_MAX_UPLOAD_BYTES);
    }

    @Override
    public String toString() {
        // Never print the admin token.
        return "ServerConfig[host=" + host + ", port=" + port + ", stateDirectory=" + stateDirectory
                + ", maxBodyBytes=" + maxBodyBytes + ", maxBatchEvents=" + maxBatchEvents
                + ", requestsPerSecond=" + requestsPerSecond + ", burst=" + burst
                + ", maxUploadBytes=" + maxUploadBytes + "]";
    }
}
