package dev.reservoir.metric;

import dev.reservoir.segment.Quadrants;
import dev.reservoir.segment.QuadrantsResult;

/**
 * Sessions, pages, paths and four quadrants (SPEC metrics 8 and 10, § Segments), as an engine
 * computes them. Each method takes a definition record and returns a result record.
 */
public interface BehaviourMetrics {
    /** Sessions, page views, bounce, new vs returning, online time and referrer channels. */
    SessionSummaryResult sessions(SessionSummary definition);

    /** Exit rate and landing-page bounce rate of every page viewed in the period. */
    PageStatsResult pages(SessionScope scope);

    /** The most common sequences after (before) a step, transitions and a main path. */
    PathResult paths(PathQuery definition);

    /** Four quadrants this week and the movement from last week. */
    QuadrantsResult quadrants(Quadrants definition);
}
