package dev.reservoir.metric;

import java.util.List;
import java.util.Objects;

/**
 * Per-page exit and bounce figures over the sessions of a {@link SessionScope} (SPEC metric 8),
 * most-viewed pages first (by sessions that viewed the page, then page views, then page).
 *
 * @param sessions all sessions that began in the period
 */
public record PageStatsResult(SessionScope scope, long sessions, List<Page> pages) {
    public PageStatsResult {
        Objects.requireNonNull(scope, "scope");
        pages = List.copyOf(pages);
    }

    /**
     * @param views      page views of the page
     * @param sessions   sessions that viewed it at least once
     * @param exits      sessions whose last page view was it
     * @param entrances  sessions whose first page view was it (landing page)
     * @param bounces    of those, sessions with exactly one page view
     */
    public record Page(String page, long views, long sessions, long exits, long entrances, long bounces) {
        public Page {
            Objects.requireNonNull(page, "page");
            if (exits > sessions || entrances > sessions || bounces > entrances) {
                throw new IllegalArgumentException(page + ": counts out of order");
            }
        }

        /** 页面流失率: exits ÷ sessions that viewed the page. */
        public Double exitRate() {
            return Rates.rate(exits, sessions);
        }

        /** Bounce rate as a landing page: single-page sessions ÷ sessions that began here. */
        public Double bounceRate() {
            return Rates.rate(bounces, entrances);
        }
    }
}
