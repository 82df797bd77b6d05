package dev.reservoir.metric;

import java.util.List;

/**
 * The cohort retention in the modes on, on or after and within, and N-day retention of new members (SPEC metric 5), as an engine computes them. Each method takes a definition record (its
 * parameters, including the as-of date and known-at) and returns a result record.
 */
public interface RetentionMetrics {

    /**
     * What every mode's matrix follows from: per cohort, its size and the members by the offsets
     * they returned in, first returned in and last returned in. One computation serves all three
     * modes ({@code definition.withMode(m).result(counts)}); the definition's mode is not used.
     */
    List<CohortRetentionCounts> counts(CohortRetention definition);

    /** The retention matrix: one row per cohort with its size, a cell per begun offset. */
    default CohortRetentionResult cohorts(CohortRetention definition) {
        return definition.result(counts(definition));
    }

    /** The members of the definition's cohorts, by cohort then customer id, with the offsets they returned in. */
    List<RetentionMember> members(CohortRetention definition);

    /** N-day retention of new members, one row per N. */
    NDayRetentionResult nDay(NDayRetention definition);
}
