package dev.reservoir.segment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Movement of customers between groups (RFM classes, lifecycle stages) from one as-of date to
 * another. A customer in no group at a date (not yet seen, or not scored) is in {@link #NONE}.
 *
 * @param groups the groups in display order, {@link #NONE} last
 * @param counts {@code counts.get(i).get(j)}: customers in groups[i] at {@code from} and groups[j]
 *               at {@code to}
 */
public record Transitions(LocalDate from, LocalDate to, List<String> groups, List<List<Long>> counts) {
    public static final String NONE = "none";

    public Transitions {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        groups = List.copyOf(groups);
        counts = counts.stream().map(List::copyOf).toList();
    }

    /** Counts from two customer → group maps; {@code order} lists the groups (without NONE). */
    public static Transitions of(LocalDate from, Map<String, String> before, LocalDate to, Map<String, String> after,
                                 List<String> order) {
        List<String> groups = new ArrayList<>(order);
        groups.add(NONE);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            index.put(groups.get(i), i);
        }
        long[][] c = new long[groups.size()][groups.size()];
        Set<String> ids = new HashSet<>(before.keySet());
        ids.addAll(after.keySet());
        for (String id : ids) {
            c[index.get(before.getOrDefault(id, NONE))][index.get(after.getOrDefault(id, NONE))]++;
        }
        List<List<Long>> rows = new ArrayList<>();
        for (long[] row : c) {
            rows.add(java.util.Arrays.stream(row).boxed().toList());
        }
        return new Transitions(from, to, groups, rows);
    }

    public long count(String fromGroup, String toGroup) {
        return counts.get(groups.indexOf(fromGroup)).get(groups.indexOf(toGroup));
    }
}
