package dev.reservoir.metric;

import dev.reservoir.time.Period;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** The result of {@link GroupChurn}: per period, a row for all groups, then one per group id in text order. */
public record GroupChurnResult(GroupChurn definition, List<Row> rows) {
    public GroupChurnResult {
        Objects.requireNonNull(definition, "definition");
        rows = rows.stream().sorted(Comparator.comparing((Row r) -> r.period().start())
                .thenComparing(Row::groupId, Comparator.nullsFirst(Comparator.naturalOrder()))).toList();
    }

    /**
     * @param groupId        the group, {@code null} for all groups together
     * @param membersAtStart members at the start of the period
     * @param left           of those, members who left during the period (up to D)
     * @param rejoined       of those who left, members again at the end of the period (or at D)
     * @param activeMembers  members during the period with an activity day in it
     * @param activeDays     (member, activity day) pairs in the period
     * @param onlineSeconds  online time over those days
     */
    public record Row(Period period, String groupId, long membersAtStart, long left, long rejoined,
                      long activeMembers, long activeDays, double onlineSeconds) {
        public Row {
            Objects.requireNonNull(period, "period");
            if (left > membersAtStart || rejoined > left) {
                throw new IllegalArgumentException("left " + left + ", rejoined " + rejoined + " of " + membersAtStart);
            }
        }

        /** left ÷ members at the start; {@code null} when there were none. */
        public Double churnRate() {
            return Rates.rate(left, membersAtStart);
        }

        /** Mean online seconds per member activity day; {@code null} without activity. */
        public Double averageDailyOnlineSeconds() {
            return activeDays == 0 ? null : onlineSeconds / activeDays;
        }
    }
}
