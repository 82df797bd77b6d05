package dev.reservoir.ingest;

/**
 * How the {@code access-log} mapping treats client addresses and crawlers.
 *
 * @param maskBytes       how many trailing bytes of the client address are set to zero before
 *                        it is stored, as Matomo's IP anonymisation does: 0 (none), 1, 2 or 3.
 *                        IPv4 {@code 83.149.9.216} becomes {@code 83.149.9.0}, {@code 83.149.0.0}
 *                        or {@code 83.0.0.0}; an IPv6 address keeps its first 64, 48 or 24 bits.
 *                        The visitor is derived from the masked address, so masking can merge
 *                        visitors (as it does in Matomo).
 * @param includeCrawlers store the requests of crawlers too (flagged {@code "crawler": true} in
 *                        the event's properties); by default they are left out
 */
public record AccessLogSettings(int maskBytes, boolean includeCrawlers) {
    public static final AccessLogSettings DEFAULT = new AccessLogSettings(0, false);

    public AccessLogSettings {
        if (maskBytes < 0 || maskBytes > 3) {
            throw new IllegalArgumentException("maskBytes must be 0, 1, 2 or 3, was " + maskBytes);
        }
    }
}
