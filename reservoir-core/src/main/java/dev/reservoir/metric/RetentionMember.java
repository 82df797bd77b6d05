package dev.reservoir.metric;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One row of the per-customer table behind a {@link CohortRetentionResult}: a cohort member, its
 * entry date and the offsets of the periods in which it returned (ascending), so segments and
 * campaigns can pick, say, the members of the March cohort who never came back.
 */
public record RetentionMember(String customerId, LocalDate entryDate, LocalDate cohortStart, List<Integer> returnOffsets) {
    public RetentionMember {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(entryDate, "entryDate");
        Objects.requireNonNull(cohortStart, "cohortStart");
        returnOffsets = List.copyOf(returnOffsets);
    }
}
