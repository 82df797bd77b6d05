package dev.reservoir.metric;

import java.util.Locale;

/**
 * Where a session came from, by the referrer of its first event (docs/metrics.md, "Referrer
 * channels"). Checked in this order: no referrer is {@link #DIRECT}; a host of the site itself
 * is {@link #INTERNAL} (a session that timed out while the visitor stayed on the site); a
 * known social network is {@link #SOCIAL}; a known search engine is {@link #SEARCH}; anything
 * else is {@link #WEBSITE}.
 */
public enum ReferrerChannel {
    DIRECT, INTERNAL, SEARCH, SOCIAL, WEBSITE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
