package dev.reservoir.metric;

import java.util.List;

/**
 * The cohort retention in the modes on, on or after and within, and N-day retention of new members (SPEC metric 5), as an engine computes them. Each method takes a definition record (its
 * parameters, including the as-of date and known-at) and returns a result record.
 */
public interface RetentionMetrics {

    /** The retention matrix: one row per cohort with its size, a cell per begun offset. */
    CohortRetentionResult cohorts(CohortRetention definition);

    /** The members of the definition's cohorts, by cohort then customer id, with the offsets they returned in. */
    List<RetentionMember> members(CohortRetention definition);

    /** N-day retention of new members, one row per N. */
    NDayRetentionResult nDay(NDayRetention definition);
}
