package dev.reservoir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reservoir.duckdb.DuckDbEngine;
import dev.reservoir.engine.EngineConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Durability of ingestion (issue 8): {@code reservoir serve} runs as a process of its own, eight
 * client threads send 200,000 events in batches of 1,000, and the server is killed with SIGKILL
 * ({@link Process#destroyForcibly} on Linux) four times while requests are in flight, each time
 * restarted on the same data directory. A client whose request got no answer (connection reset,
 * refused while the server is down) sends the same batch again once the server is back.
 *
 * <p>What must hold afterwards: every event was acknowledged in the end; no event was answered
 * {@code accepted} twice; an event answered {@code duplicate} belongs to a batch sent before
 * without an answer (its first copy was committed just before a kill); and the store, opened
 * fresh, holds exactly the 200,000 events, each once, with its rollup equal to one built from
 * scratch. Every restart must open the killed server's data directory by itself (its lock file
 * stays behind; the OS lock does not).
 */
class ServerKillTest {
    static final int EVENTS = 200_000;
    static final int BATCH = 1_000;
    static final int CLIENTS = 8;
    static final int KILLS = 4;
    static final String ADMIN = "admin-token-for-the-kill-test-0123";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("Serving .* on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;
    private volatile Process server;
    private volatile int port;

    @AfterEach
    void stop() {
        Process p = server;
        if (p != null) {
            p.destroyForcibly();
        }
    }

    /** Starts {@code reservoir serve} on the data directory and waits until it listens. */
    private void start() throws IOException, InterruptedException {
        Path tokenFile = dir.resolve("admin-token");
        if (!Files.exists(tokenFile)) {
            Files.writeString(tokenFile, ADMIN, StandardCharsets.UTF_8);
        }
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "dev.reservoir.cli.ReservoirCommand", "serve",
                "--data", dir.resolve("data").toString(), "--port", "0", "--rate", "0",
                "--admin-token-file", tokenFile.toString(), "--memory-limit", "1GB", "--lang", "en")
                .redirectErrorStream(true).start();
        server = p;
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe empty
                        }
                    } catch (IOException e) {
                        // killed
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return;
            }
        }
        p.waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("the server did not start on the existing data directory:\n" + seen);
    }

    /** Event n: a visit, or every fifth a purchase, of one of 20,000 customers, in 2025. */
    static String event(int n) {
        String at = LocalDate.of(2025, 1, 1).plusDays((n * 37L) % 365) + "T" + String.format("%02d:%02d:00+08:00",
                n % 24, n % 60);
        String common = "\"event_id\":\"k" + n + "\",\"customer_id\":\"c" + (n % 20_000) + "\",\"occurred_at\":\"" + at + "\"";
        return n % 5 == 0 ? "{" + common + ",\"type\":\"purchase\",\"order_id\":\"o" + n + "\",\"amount\":12.5}"
                : "{" + common + ",\"type\":\"visit\"}";
    }

    static String batch(int b) {
        StringBuilder body = new StringBuilder(BATCH * 120).append("{\"events\":[");
        for (int n = b * BATCH; n < (b + 1) * BATCH; n++) {
            body.append(n == b * BATCH ? "" : ",").append(event(n));
        }
        return body.append("]}").toString();
    }

    private HttpResponse<String> call(HttpClient http, String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void killedServer_losesNoAcknowledgedEvent_andStoresNoneTwice() throws Exception {
        start();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertEquals(201, call(http, "POST", "/admin/tenants", ADMIN,
                "{\"id\":\"shop\",\"time_zone\":\"Asia/Shanghai\",\"currency\":\"CNY\"}").statusCode());
        String token = JSON.readTree(call(http, "POST", "/admin/tenants/shop/tokens", ADMIN, null).body())
                .get("token").asText();

        int batches = EVENTS / BATCH;
        ConcurrentLinkedQueue<Integer> todo = new ConcurrentLinkedQueue<>();
        for (int b = 0; b < batches; b++) {
            todo.add(b);
        }
        int[] attempts = new int[batches];
        String[][] answers = new String[batches][]; // the statuses of the answer that came
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger unanswered = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            Thread t = new Thread(() -> {
                Integer b;
                while (failure.get() == null && (b = todo.poll()) != null) {
                    String body = batch(b);
                    while (true) {
                        synchronized (attempts) {
                            attempts[b]++;
                        }
                        try {
                            HttpResponse<String> r = call(http, "POST", "/t/shop/events", token, body);
                            if (r.statusCode() == 200) {
                                JsonNode events = JSON.readTree(r.body()).get("events");
                                assertEquals(BATCH, events.size());
                                String[] statuses = new String[BATCH];
                                for (int i = 0; i < BATCH; i++) {
                                    statuses[i] = events.get(i).get("status").asText();
                                }
                                synchronized (answers) {
                                    answers[b] = statuses;
                                }
                                acknowledged.addAndGet(BATCH);
                                break;
                            }
                            // Anything else than an answer with statuses is no acknowledgement: resend.
                            unanswered.incrementAndGet();
                        } catch (IOException e) {
                            unanswered.incrementAndGet(); // killed under the request: no answer
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        }
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        }
                    }
                }
            }, "kill-test-client-" + c);
            t.setUncaughtExceptionHandler((th, e) -> failure.compareAndSet(null, e));
            clients.add(t);
        }
        clients.forEach(Thread::start);

        // Each kill comes once at least 15,000 more events were acknowledged since the last start,
        // after a random pause, so it lands while requests are being parsed, committed or answered.
        Random random = new Random(8);
        int kills = 0;
        while (kills < KILLS && acknowledged.get() < EVENTS) {
            int mark = acknowledged.get();
            while (acknowledged.get() < mark + 15_000 && clients.stream().anyMatch(Thread::isAlive)) {
                Thread.sleep(10);
            }
            Thread.sleep(random.nextInt(300));
            if (!clients.stream().anyMatch(Thread::isAlive)) {
                break;
            }
            Process old = server;
            old.destroyForcibly(); // SIGKILL: no shutdown hook, no engine close
            assertTrue(old.waitFor(30, TimeUnit.SECONDS));
            kills++;
            start();
        }
        for (Thread t : clients) {
            t.join(TimeUnit.MINUTES.toMillis(3));
            assertFalse(t.isAlive(), "a client is stuck");
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertEquals(KILLS, kills, "the server was killed while the clients were sending");
        assertTrue(unanswered.get() > 0, "some requests were cut off by the kills");
        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // and once more at the end
        server = null;

        int resentBatches = 0;
        for (int b = 0; b < batches; b++) {
            assertTrue(answers[b] != null, "batch " + b + " was acknowledged");
            for (String status : answers[b]) {
                if (attempts[b] == 1) {
                    // Sent once: nothing of it can have been stored before.
                    assertEquals("accepted", status, "batch " + b);
                } else {
                    assertTrue(status.equals("accepted") || status.equals("duplicate"), status);
                }
            }
            resentBatches += attempts[b] > 1 ? 1 : 0;
        }
        assertTrue(resentBatches > 0, "some batches were resent");

        // The store, opened by a fresh engine (the killed server's lock file is still there).
        try (DuckDbEngine engine = DuckDbEngine.open(EngineConfig.of(dir.resolve("data")))) {
            assertEquals("shop", engine.tenants().get(0).id());
            engine.store("shop");
        }
        Path database = dir.resolve("data/shop/events.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database); Statement st = c.createStatement()) {
            assertEquals(EVENTS, count(st, "SELECT count(*) FROM events"), "every event, once");
            assertEquals(EVENTS, count(st, "SELECT count(DISTINCT event_id) FROM events"
                    + " WHERE TRY_CAST(substr(event_id, 2) AS INTEGER) BETWEEN 0 AND " + (EVENTS - 1)));
            st.execute("CREATE TABLE kept_days AS SELECT * FROM customer_days");
            st.execute("DELETE FROM rollup_state"); // the next open builds the rollup from scratch
        }
        try (DuckDbEngine engine = DuckDbEngine.open(EngineConfig.of(dir.resolve("data")))) {
            engine.store("shop");
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database); Statement st = c.createStatement()) {
            assertTrue(count(st, "SELECT count(*) FROM customer_days") > 0);
            assertEquals(0, count(st, "SELECT count(*) FROM ((SELECT * FROM kept_days EXCEPT ALL SELECT * FROM customer_days)"
                    + " UNION ALL (SELECT * FROM customer_days EXCEPT ALL SELECT * FROM kept_days))"),
                    "the rollup kept through the kills equals the rollup built from scratch");
        }
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
