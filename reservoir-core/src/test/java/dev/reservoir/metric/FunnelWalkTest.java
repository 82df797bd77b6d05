package dev.reservoir.metric;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The walk alone, on steps A → B → C (mask bits 1, 2, 4); times in minutes (as microseconds),
 * all on day 0 unless said.
 */
class FunnelWalkTest {
    private static final long MIN = 60_000_000L;
    private static final ConversionWindow TEN_MINUTES = new ConversionWindow.Span(Duration.ofMinutes(10));

    private static long[] walk(FunnelOrder order, ConversionWindow window, long[]... events) {
        FunnelWalk w = new FunnelWalk(3, order, window);
        for (long[] e : events) {
            w.add(e[0] * MIN, e.length > 2 ? e[2] : 0, e[1]);
        }
        return w.times();
    }

    private static long[] minutes(long... m) {
        long[] out = new long[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i] * MIN;
        }
        return out;
    }

    @Test
    void ordered_aLaterStartRescuesAStepOutsideTheFirstWindow() {
        // A at 0 and 8, B at 15: from 0 the window closes at 10; from 8, B is 7 minutes later.
        assertArrayEquals(minutes(8, 15), walk(FunnelOrder.ORDERED, TEN_MINUTES, new long[] {0, 1},
                new long[] {8, 1}, new long[] {15, 2}));
    }

    @Test
    void ordered_takesTheFirstMatchingEventOfAStep() {
        // A 0, B 1, B 2, C 3: step 2 is the first B.
        assertArrayEquals(minutes(0, 1, 3), walk(FunnelOrder.ORDERED, TEN_MINUTES, new long[] {0, 1},
                new long[] {1, 2}, new long[] {2, 2}, new long[] {3, 4}));
        // One event matching A and B serves one step only: A+B at 0, then nothing: step 1.
        assertArrayEquals(minutes(0), walk(FunnelOrder.ORDERED, TEN_MINUTES, new long[] {0, 3}));
    }

    @Test
    void ordered_personCountedByTheAttemptThatGetsFurthestFirst() {
        // Attempt 1: A 0, B 1 (stops). Attempt 2: A 20, B 21, C 22. Attempt 2 reaches C.
        assertArrayEquals(minutes(20, 21, 22), walk(FunnelOrder.ORDERED, TEN_MINUTES, new long[] {0, 1},
                new long[] {1, 2}, new long[] {20, 1}, new long[] {21, 2}, new long[] {22, 4}));
    }

    @Test
    void ordered_twoAttemptsReachingTheLastStepAtOneInstant_theLaterStartCounts() {
        // Four events matching all three steps (a page funnel /blog/* -> /blog/* -> /blog/*): 0, 1,
        // 4, 4. From 0: 0, 1, 4 (the first 4); from 1: 1, 4, 4. Both reach step 3 at minute 4: the
        // later start counts (docs/metrics.md), so the times are 1 -> 4 -> 4, not 0 -> 1 -> 4.
        // Found on the real access log (AccessLogFunnelTest): the walk used to keep the first.
        assertArrayEquals(minutes(1, 4, 4), walk(FunnelOrder.ORDERED, TEN_MINUTES, new long[] {0, 7},
                new long[] {1, 7}, new long[] {4, 7}, new long[] {4, 7}));
        assertArrayEquals(minutes(1, 4, 4), walk(FunnelOrder.STRICT, TEN_MINUTES, new long[] {0, 7},
                new long[] {1, 7}, new long[] {4, 7}, new long[] {4, 7}));
        // Two starts at one instant: 0, 0, 3, 3. From the first: 0, 0, 3; from the second: 0, 3, 3;
        // both reach step 3 at minute 3, and the second start is the later one (in event order).
        assertArrayEquals(minutes(0, 3, 3), walk(FunnelOrder.ORDERED, TEN_MINUTES, new long[] {0, 7},
                new long[] {0, 7}, new long[] {3, 7}, new long[] {3, 7}));
        // No tie: 0, 1, 4, 5. From 0 step 3 is reached at 4, from 1 at 5: the first attempt counts.
        assertArrayEquals(minutes(0, 1, 4), walk(FunnelOrder.ORDERED, TEN_MINUTES, new long[] {0, 7},
                new long[] {1, 7}, new long[] {4, 7}, new long[] {5, 7}));
    }

    @Test
    void strict_anyOtherEventBetweenEndsTheAttempt() {
        // A 0, another event 1, B 2: stops at A. A 0, B 0 (same instant, fed in step order): B counts.
        assertArrayEquals(minutes(0), walk(FunnelOrder.STRICT, TEN_MINUTES, new long[] {0, 1},
                new long[] {1, 0}, new long[] {2, 2}));
        assertArrayEquals(minutes(0, 0, 5), walk(FunnelOrder.STRICT, TEN_MINUTES, new long[] {0, 1},
                new long[] {0, 2}, new long[] {5, 4}));
        // A 0, A 1, B 2: the second A starts an attempt that B follows at once.
        assertArrayEquals(minutes(1, 2), walk(FunnelOrder.STRICT, TEN_MINUTES, new long[] {0, 1},
                new long[] {1, 1}, new long[] {2, 2}));
    }

    @Test
    void any_stepsAfterTheEntryInAnyOrder_timeIsWhenAllWereDone() {
        // A 0, C 1, B 2: all three; B's time 2, C's time max(2, 1) = 2.
        assertArrayEquals(minutes(0, 2, 2), walk(FunnelOrder.ANY, TEN_MINUTES, new long[] {0, 1},
                new long[] {1, 4}, new long[] {2, 2}));
        // B before A does not count: B -1, A 0, C 1 -> step 1 only (C needs B first in the list of steps).
        assertArrayEquals(minutes(0), walk(FunnelOrder.ANY, TEN_MINUTES, new long[] {-1, 2},
                new long[] {0, 1}, new long[] {1, 4}));
        // Two complete attempts: the one that completes first (0 -> 3) is counted, not 20 -> 21.
        assertArrayEquals(minutes(0, 3, 3), walk(FunnelOrder.ANY, TEN_MINUTES, new long[] {0, 1},
                new long[] {2, 4}, new long[] {3, 2}, new long[] {20, 1}, new long[] {20, 2}, new long[] {21, 4}));
    }

    @Test
    void days_countDates_notHours() {
        // Window 1 day: A on day 0 at 23:00, B on day 1 at 22:00 (23 h later) counts; C on day 2 does not.
        long[] got = walk(FunnelOrder.ORDERED, new ConversionWindow.Days(1), new long[] {23 * 60, 1, 0},
                new long[] {46 * 60, 2, 1}, new long[] {47 * 60 + 30, 4, 2});
        assertArrayEquals(minutes(23 * 60, 46 * 60), got);
    }
}
