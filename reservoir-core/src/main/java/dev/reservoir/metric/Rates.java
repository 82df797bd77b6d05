package dev.reservoir.metric;

/** SPEC: a rate whose denominator is 0 is undefined ({@code null}, shown as "—"), never 0. */
public final class Rates {
    private Rates() {
    }

    public static Double rate(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }
}
