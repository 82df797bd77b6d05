package dev.reservoir.duckdb;

import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;

import java.util.Set;

/**
 * Crawler detection for the access-log import by YAUAA's maintained rules, not a list of our
 * own. A user agent is a crawler when YAUAA's {@code DeviceClass} is one of
 * {@link #CRAWLER_CLASSES}: robots (search engines, feed fetchers, monitors), robots posing as
 * browsers, spies and hackers (which includes an empty or missing user agent).
 */
final class UserAgents {
    static final Set<String> CRAWLER_CLASSES = Set.of("Robot", "Robot Mobile", "Robot Imitator", "Spy", "Hacker");

    /** What YAUAA says about one user agent. */
    record Agent(boolean crawler, String deviceClass, String name) {
    }

    private UserAgents() {
    }

    /**
     * Loading YAUAA's rules takes seconds, so the analyzer is built once per JVM, on first use,
     * and only for the two fields read here. It holds no state that depends on input.
     */
    private static final class Holder {
        static final UserAgentAnalyzer ANALYZER = UserAgentAnalyzer.newBuilder()
                .hideMatcherLoadStats()
                .dropTests()
                .withField(UserAgent.DEVICE_CLASS)
                .withField(UserAgent.AGENT_NAME)
                // YAUAA's own bounded cache: a second import of the same site's log meets the
                // same agents again; each import also keeps its own map of the agents it saw.
                .withCache(20_000)
                .immediateInitialization()
                .build();
    }

    static Agent classify(String userAgent) {
        UserAgent parsed;
        synchronized (Holder.ANALYZER) {
            parsed = Holder.ANALYZER.parse(userAgent);
        }
        String deviceClass = parsed.getValue(UserAgent.DEVICE_CLASS);
        return new Agent(CRAWLER_CLASSES.contains(deviceClass), deviceClass, parsed.getValue(UserAgent.AGENT_NAME));
    }
}
