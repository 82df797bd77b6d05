package dev.reservoir.metric;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Sessions, page views, bounce, new vs returning visitors, daily online time and referrer
 * channels over the sessions of a {@link SessionScope} (SPEC metric 8).
 *
 * @param siteHosts the site's own host names, lower case: a referrer from one of them is
 *                  {@link ReferrerChannel#INTERNAL} ({@code www.} is ignored on both sides);
 *                  empty means no referrer is internal
 */
public record SessionSummary(SessionScope scope, List<String> siteHosts) {
    public SessionSummary {
        Objects.requireNonNull(scope, "scope");
        siteHosts = siteHosts.stream().map(h -> {
            String host = h.strip().toLowerCase(Locale.ROOT);
            if (host.isEmpty() || !host.matches("[a-z0-9.-]+")) {
                throw new IllegalArgumentException("site host must be a host name such as shop.example.com, was '" + h + "'");
            }
            return host.startsWith("www.") ? host.substring(4) : host;
        }).distinct().toList();
    }

    public static SessionSummary of(SessionScope scope) {
        return new SessionSummary(scope, List.of());
    }
}
