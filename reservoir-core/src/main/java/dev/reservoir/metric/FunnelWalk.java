package dev.reservoir.metric;

import java.util.Arrays;

/**
 * One person's way through a funnel, fed their events in order; engine-independent, so every
 * engine finds the same attempt. Events come in time order, events at the same instant in step
 * order (the lowest step an event matches first), events that match no step after them. Each
 * event carries a mask: bit k − 1 set when it matches step k (bit 0 only for entries, step-1
 * events dated in [from, D]).
 *
 * <p>An <em>attempt</em> starts at a step-1 event s and continues, within the window of s:
 * <ul>
 *   <li>{@link FunnelOrder#ORDERED}: step k is the first step-k event after the event used for
 *       step k − 1 (greedy, which finds the furthest step any choice could reach);</li>
 *   <li>{@link FunnelOrder#STRICT}: step k must be the person's very next event after step k − 1
 *       (the engine then feeds every customer-initiated event, matching or not);</li>
 *   <li>{@link FunnelOrder#ANY}: step j (j ≥ 2) is the first step-j event after s; the attempt
 *       reaches step k when steps 2..k all occur, and the time of step k is the latest of those
 *       times.</li>
 * </ul>
 * One event never serves two steps of an ordered or strict attempt. The person's result is the
 * attempt that reaches the furthest step; among those, the one that reaches it first, and among
 * those the latest start (later in the order above, so of two starts at the same instant the
 * second). So a person who tried twice is counted once, by the better try.
 */
public final class FunnelWalk {
    private final int steps;
    private final FunnelOrder order;
    private final ConversionWindow window;

    // ORDERED / STRICT: for each level k (1-based), the attempt at level k with the latest start.
    private final long[][] chainTimes;
    private final long[] chainStartDay;
    private final long[] chainLastEvent;
    // The index of each chain's start event: starts are compared by it, so that of two starts at
    // the same instant the later in the order is the later start.
    private final long[] chainStartEvent;
    private final boolean[] alive;

    // ANY: the person's events, walked backwards at the end.
    private long[] times = new long[16];
    private long[] days = new long[16];
    private long[] masks = new long[16];

    private int events;
    private int bestLevel;
    private long[] best = new long[0];
    private long bestStartEvent;

    public FunnelWalk(int steps, FunnelOrder order, ConversionWindow window) {
        this.steps = steps;
        this.order = order;
        this.window = window;
        chainTimes = new long[steps + 1][];
        chainStartDay = new long[steps + 1];
        chainLastEvent = new long[steps + 1];
        chainStartEvent = new long[steps + 1];
        alive = new boolean[steps + 1];
    }

    /** Starts over for the next person. */
    public void reset() {
        Arrays.fill(alive, false);
        events = 0;
        bestLevel = 0;
        best = new long[0];
    }

    /** The person's next event: its time in epoch microseconds, its local epoch day, its step mask. */
    public void add(long micros, long day, long mask) {
        int i = events++;
        if (order == FunnelOrder.ANY) {
            if (i == times.length) {
                times = Arrays.copyOf(times, 2 * i);
                days = Arrays.copyOf(days, 2 * i);
                masks = Arrays.copyOf(masks, 2 * i);
            }
            times[i] = micros;
            days[i] = day;
            masks[i] = mask;
            return;
        }
        // Highest level first, so this event extends an attempt that existed before it, never itself.
        for (int k = steps; k >= 2; k--) {
            // An attempt at level k with the same start is kept: its step k came earlier, and the
            // greedy rule takes the first step-k event. A later start replaces it (at least as much
            // window left; at the same instant, the same window and the later start wins ties).
            if ((mask >>> (k - 1) & 1) == 1 && alive[k - 1]
                    && window.contains(chainTimes[k - 1][0], chainStartDay[k - 1], micros, day)
                    && (order == FunnelOrder.ORDERED || chainLastEvent[k - 1] == i - 1)
                    && (!alive[k] || chainStartEvent[k] < chainStartEvent[k - 1])) {
                long[] extended = Arrays.copyOf(chainTimes[k - 1], k);
                extended[k - 1] = micros;
                chainTimes[k] = extended;
                chainStartDay[k] = chainStartDay[k - 1];
                chainStartEvent[k] = chainStartEvent[k - 1];
                chainLastEvent[k] = i;
                alive[k] = true;
                // A later start reaching the furthest step at the same instant is the counted one.
                if (k > bestLevel || k == bestLevel && micros == best[k - 1] && chainStartEvent[k] > bestStartEvent) {
                    bestLevel = k;
                    best = extended;
                    bestStartEvent = chainStartEvent[k];
                }
            }
        }
        // Every entry replaces the level-1 attempt: it starts later (or at the same instant, later in
        // the order, with the same window), and whatever the older start could take from this event
        // on, the newer can too; this event's own use as a later step of the older one is done above.
        if ((mask & 1) == 1) {
            chainTimes[1] = new long[] {micros};
            chainStartDay[1] = day;
            chainStartEvent[1] = i;
            chainLastEvent[1] = i;
            alive[1] = true;
            if (bestLevel == 0) {
                bestLevel = 1;
                best = chainTimes[1];
                bestStartEvent = i;
            }
        }
        if (order == FunnelOrder.STRICT) {
            for (int k = 1; k <= steps; k++) {
                alive[k] &= chainLastEvent[k] == i; // an attempt whose next event was not its next step is over
            }
        }
    }

    /**
     * The furthest step reached (0 when the person has no entry) and the time of each step
     * reached, in epoch microseconds ({@code times()[k - 1]} for step k).
     */
    public long[] times() {
        if (order == FunnelOrder.ANY) {
            walkBackwards();
        }
        return best.clone();
    }

    private void walkBackwards() {
        long[] nextTime = new long[steps + 1];
        long[] nextDay = new long[steps + 1];
        boolean[] seen = new boolean[steps + 1];
        bestLevel = 0;
        best = new long[0];
        for (int i = events - 1; i >= 0; i--) {
            if ((masks[i] & 1) == 1) {
                long[] attempt = new long[steps];
                attempt[0] = times[i];
                int level = 1;
                while (level < steps && seen[level + 1]
                        && window.contains(times[i], days[i], nextTime[level + 1], nextDay[level + 1])) {
                    attempt[level] = Math.max(attempt[level - 1], nextTime[level + 1]);
                    level++;
                }
                // Walking backwards, starts come latest first: replace only on a strictly better attempt.
                if (level > bestLevel || level == bestLevel && attempt[level - 1] < best[level - 1]) {
                    bestLevel = level;
                    best = Arrays.copyOf(attempt, level);
                }
            }
            for (int j = 2; j <= steps; j++) {
                if ((masks[i] >>> (j - 1) & 1) == 1) {
                    nextTime[j] = times[i];
                    nextDay[j] = days[i];
                    seen[j] = true;
                }
            }
        }
    }
}
