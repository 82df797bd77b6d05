package dev.reservoir.metric;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of {@link SessionSummary}. Every rate has its numerator and denominator beside it.
 *
 * @param visitors             people with a session that began in the period
 * @param sessions             sessions that began in the period
 * @param pageViews            page views in those sessions
 * @param sessionSeconds       sum of session lengths (last event − first event; 0 for one event)
 * @param pageVisitors         people with at least one page view in those sessions (the bounce
 *                             rate's denominator)
 * @param oneVisitPageVisitors people among them with exactly one page view in the period
 * @param newVisitors          people whose first session ever (as of D) began in the period;
 *                             the others are returning
 * @param firstSessions        sessions that are their person's first ever; the others are
 *                             returning sessions
 * @param onlineDays           person-days (tenant zone) with a session that began that day
 * @param customerOnlineDays   the same for identified customers only
 * @param customerSessionSeconds session seconds of identified customers' sessions
 * @param channels             sessions by the referrer channel of their first event
 */
public record SessionSummaryResult(SessionSummary definition, long visitors, long sessions, long pageViews,
                                   long sessionSeconds, long pageVisitors, long oneVisitPageVisitors,
                                   long newVisitors, long firstSessions, long onlineDays, long customerOnlineDays,
                                   long customerSessionSeconds, Map<ReferrerChannel, Long> channels) {
    public SessionSummaryResult {
        Objects.requireNonNull(definition, "definition");
        channels = Map.copyOf(channels);
        if (newVisitors > visitors || firstSessions > sessions || oneVisitPageVisitors > pageVisitors
                || pageVisitors > visitors) {
            throw new IllegalArgumentException("counts out of order: " + List.of(visitors, newVisitors, sessions,
                    firstSessions, pageVisitors, oneVisitPageVisitors));
        }
        if (channels.values().stream().mapToLong(Long::longValue).sum() != sessions) {
            throw new IllegalArgumentException("channel counts " + channels + " do not add up to " + sessions + " sessions");
        }
    }

    public long returningVisitors() {
        return visitors - newVisitors;
    }

    public long returningSessions() {
        return sessions - firstSessions;
    }

    public Double pagesPerSession() {
        return Rates.rate(pageViews, sessions);
    }

    /** Average session length in seconds; {@code null} without sessions. */
    public Double averageSessionSeconds() {
        return Rates.rate(sessionSeconds, sessions);
    }

    /** 跳失率: people with exactly one page view ÷ people with page views. */
    public Double bounceRate() {
        return Rates.rate(oneVisitPageVisitors, pageVisitors);
    }

    /** Average online seconds per person per day with a session. */
    public Double dailyOnlineSeconds() {
        return Rates.rate(sessionSeconds, onlineDays);
    }

    /** Average online seconds per identified customer per day with a session. */
    public Double customerDailyOnlineSeconds() {
        return Rates.rate(customerSessionSeconds, customerOnlineDays);
    }

    public long channel(ReferrerChannel channel) {
        return channels.getOrDefault(channel, 0L);
    }
}
