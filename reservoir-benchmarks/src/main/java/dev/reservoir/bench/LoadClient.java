package dev.reservoir.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.reservoir.event.Event;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bounded load generator: {@code clients} threads send the events in batches of
 * {@code batchSize} to {@code POST /t/{tenant}/events} with one shared {@link HttpClient}, each
 * thread taking the next unsent batch until none is left (so the total is fixed and each batch
 * is sent once). The bodies are written before the load ({@link #bodies}); during it a thread
 * sends a body, waits for the answer and reads its counts, which is the load generator's CPU time
 * (it runs on the same cores as the server). A request's latency runs from sending to the whole
 * answer read.
 */
final class LoadClient {
    private static final JsonFactory JSON = new JsonFactory();

    private LoadClient() {
    }

    /**
     * What one load run gave.
     *
     * @param latenciesNanos every request's latency, sorted
     * @param accepted       events the server answered accepted (the others were duplicates or rejected)
     */
    record Result(long events, int requests, double seconds, long[] latenciesNanos, long accepted, long duplicates,
                  long rejected, double cpuSeconds, double bodiesSeconds) {
        double eventsPerSecond() {
            return events / seconds;
        }

        double percentileMillis(double p) {
            int i = (int) Math.min(latenciesNanos.length - 1, Math.ceil(p * latenciesNanos.length) - 1);
            return latenciesNanos[Math.max(0, i)] / 1e6;
        }
    }

    static Result run(int port, String tenant, String token, List<Event> events, int batchSize, int clients) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/t/" + tenant + "/events");
        int batches = (events.size() + batchSize - 1) / batchSize;
        long renderStarted = System.nanoTime();
        byte[][] bodies = bodies(events, batchSize, batches, clients);
        double renderSeconds = (System.nanoTime() - renderStarted) / 1e9;
        AtomicInteger next = new AtomicInteger();
        long[] latencies = new long[batches];
        AtomicLong accepted = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long cpuBefore = MemoryProbe.processCpuNanos();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                int b;
                while (failure.get() == null && (b = next.getAndIncrement()) < batches) {
                    try {
                        byte[] body = bodies[b];
                        bodies[b] = null; // sent once: its memory can go
                        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
                                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                        long sent = System.nanoTime();
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        latencies[b] = System.nanoTime() - sent;
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("batch " + b + ": HTTP " + response.statusCode() + " "
                                    + new String(response.body(), 0, Math.min(500, response.body().length),
                                    java.nio.charset.StandardCharsets.UTF_8));
                        }
                        long[] counts = counts(response.body());
                        accepted.addAndGet(counts[0]);
                        duplicates.addAndGet(counts[1]);
                        rejected.addAndGet(counts[2]);
                    } catch (IOException e) {
                        failure.compareAndSet(null, new UncheckedIOException(e));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        failure.compareAndSet(null, new IllegalStateException(e));
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }, "reservoir-bench-client-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long cpuAfter = MemoryProbe.processCpuNanos();
        if (failure.get() != null) {
            throw failure.get();
        }
        Arrays.sort(latencies);
        return new Result(events.size(), batches, seconds, latencies, accepted.get(), duplicates.get(), rejected.get(),
                cpuBefore < 0 || cpuAfter < 0 ? -1 : (cpuAfter - cpuBefore) / 1e9, renderSeconds);
    }

    /**
     * Every request's body, written before the load starts: a load generator sends requests (as
     * wrk or vegeta send prepared bodies), and the events' JSON is the sending application's
     * work, done once whatever the server. Written on as many threads as there will be clients.
     */
    static byte[][] bodies(List<Event> events, int batchSize, int batches, int clients) {
        byte[][] bodies = new byte[batches][];
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(clients);
        try {
            pool.submit(() -> java.util.stream.IntStream.range(0, batches).parallel().forEach(b -> {
                try {
                    bodies[b] = body(events.subList(b * batchSize, Math.min(events.size(), (b + 1) * batchSize)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
        return bodies;
    }

    /** {@code {"events": [...]}} with SPEC's canonical fields, written with Jackson's streaming writer. */
    static byte[] body(List<Event> events) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 320);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("events");
            for (Event e : events) {
                g.writeStartObject();
                g.writeStringField("event_id", e.eventId());
                text(g, "customer_id", e.customerId());
                text(g, "visitor_id", e.visitorId());
                g.writeStringField("occurred_at", e.occurredAt().atOffset(ZoneOffset.UTC).toString());
                g.writeStringField("type", e.type().wireName());
                text(g, "page", e.page());
                text(g, "item_id", e.itemId());
                text(g, "category", e.category());
                text(g, "order_id", e.orderId());
                if (e.quantity() != null) {
                    g.writeNumberField("quantity", e.quantity());
                }
                if (e.amount() != null) {
                    g.writeNumberField("amount", e.amount());
                }
                text(g, "currency", e.currency());
                text(g, "store_id", e.storeId());
                text(g, "channel", e.channel());
                text(g, "session_id", e.sessionId());
                if (!e.properties().isEmpty()) {
                    g.writeObjectFieldStart("properties");
                    for (Map.Entry<String, String> p : e.properties().entrySet()) {
                        g.writeStringField(p.getKey(), p.getValue());
                    }
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void text(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    /** The answer's {@code accepted}, {@code duplicates} and {@code rejected}, which come first. */
    static long[] counts(byte[] answer) throws IOException {
        long[] counts = {-1, -1, -1};
        try (JsonParser p = JSON.createParser(answer)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.getCurrentName();
                p.nextToken();
                switch (name) {
                    case "accepted" -> counts[0] = p.getLongValue();
                    case "duplicates" -> counts[1] = p.getLongValue();
                    case "rejected" -> counts[2] = p.getLongValue();
                    default -> p.skipChildren();
                }
                if (counts[0] >= 0 && counts[1] >= 0 && counts[2] >= 0) {
                    break;
                }
            }
        }
        return counts;
    }
}
