package dev.reservoir.server;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Requests per token: a token bucket per key (a tenant token's id, or the admin token) holding up
 * to {@code burst} requests and refilled at {@code perSecond}. Time is the config's clock, so a
 * test with a fixed clock sees an exact, repeatable limit.
 */
final class RateLimit {
    private final double perSecond;
    private final int burst;
    private final Clock clock;
    private final Map<String, double[]> buckets = new HashMap<>(); // key -> {tokens, last millis}

    RateLimit(double perSecond, int burst, Clock clock) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = clock;
    }

    /** 0 when the request may go ahead, else the milliseconds until it could. */
    synchronized long acquire(String key) {
        if (perSecond == 0) {
            return 0;
        }
        long now = clock.millis();
        double[] bucket = buckets.computeIfAbsent(key, k -> new double[] {burst, now});
        bucket[0] = Math.min(burst, bucket[0] + (now - bucket[1]) * perSecond / 1000.0);
        bucket[1] = now;
        if (bucket[0] >= 1) {
            bucket[0] -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - bucket[0]) * 1000.0 / perSecond);
    }
}
