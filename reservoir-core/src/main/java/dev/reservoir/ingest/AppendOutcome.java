package dev.reservoir.ingest;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an append of events did with each one ({@code TenantStore.appendUnlessStored}): an event
 * is a duplicate (its id was stored already, or came earlier in the same append: the first one
 * counts), rejected by the store's checks (with why), or else accepted: stored by this append.
 *
 * @param report     the append as an import: its counts, and its rejects file
 * @param duplicates the positions (0-based, in the appended list) of the duplicates
 * @param rejections by position, the events the store's checks rejected (every one, not just
 *                   the first few the report keeps)
 */
public record AppendOutcome(ImportReport report, Set<Integer> duplicates, Map<Integer, Rejection> rejections) {
    public AppendOutcome {
        Objects.requireNonNull(report, "report");
        duplicates = Set.copyOf(duplicates);
        rejections = Map.copyOf(rejections);
    }
}
