package dev.reservoir.metric;

import dev.reservoir.time.Period;

import java.util.List;
import java.util.Objects;

/**
 * The retention matrix of a {@link CohortRetention}: one row per cohort, oldest first, each with
 * its size and a cell per offset whose period has begun by the as-of date (so the matrix is a
 * triangle). A cell whose period ends after D is incomplete: its count is what is known so far.
 */
public record CohortRetentionResult(CohortRetention definition, List<Cohort> cohorts) {
    public CohortRetentionResult {
        Objects.requireNonNull(definition, "definition");
        cohorts = List.copyOf(cohorts);
    }

    /**
     * @param period the cohort's period; incomplete when it ends after D (members still entering)
     * @param size   members of the cohort, the denominator of every rate in the row
     */
    public record Cohort(Period period, long size, List<Cell> cells) {
        public Cohort {
            Objects.requireNonNull(period, "period");
            cells = List.copyOf(cells);
        }
    }

    /**
     * @param offset   k: periods after the cohort's own
     * @param period   the k-th period after the cohort's; {@code period.complete()} is false when it ends after D
     * @param retained members retained at k; {@code null} where the mode has no value (within at k = 0)
     * @param rate     retained ÷ size; {@code null} when there is no value or the cohort is empty
     */
    public record Cell(int offset, Period period, Long retained, Double rate) {
        public Cell {
            Objects.requireNonNull(period, "period");
            if (offset < 0) {
                throw new IllegalArgumentException("offset must be at least 0, was " + offset);
            }
        }

        public boolean complete() {
            return period.complete();
        }
    }
}
