package dev.reservoir.segment;

import dev.reservoir.metric.ChurnRule;
import dev.reservoir.time.AsOf;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Lifecycle stages as of D from the tenant's churn rule (activity, warning day W, window N).
 * With the activity days of the rule up to D, L the last, d = D − L:
 * <ol>
 * <li><b>acquired</b> (新注册未购买): registered or seen, never active under the rule (with the
 * default rule, orders: no order yet);</li>
 * <li><b>churned</b> (流失): d ≥ N;</li>
 * <li><b>silent</b> (沉寂): W ≤ d &lt; N;</li>
 * <li><b>converted</b> (新转化): d &lt; W and the first activity is within the last N days
 * (D − first &lt; N): new, and has not had the time to churn;</li>
 * <li><b>reactivated</b> (回流): d &lt; W, not converted, and the latest return after a gap of
 * N or more days came within the last N days;</li>
 * <li><b>active</b> (活跃): every other customer with d &lt; W.</li>
 * </ol>
 * The first rule that applies wins, so the stages partition the customers.
 */
public record Lifecycle(AsOf asOf, ChurnRule rule) {
    public Lifecycle {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(rule, "rule");
    }

    public LifecycleStage stage(SegmentFacts f) {
        LocalDate last = f.lastActivity();
        if (last == null) {
            return LifecycleStage.ACQUIRED;
        }
        long d = asOf.date().toEpochDay() - last.toEpochDay();
        if (d >= rule.churnDays()) {
            return LifecycleStage.CHURNED;
        }
        if (d >= rule.warningDays()) {
            return LifecycleStage.SILENT;
        }
        long sinceFirst = asOf.date().toEpochDay() - f.firstActivity().toEpochDay();
        if (sinceFirst < rule.churnDays()) {
            return LifecycleStage.CONVERTED;
        }
        if (f.lastReturn() != null && asOf.date().toEpochDay() - f.lastReturn().toEpochDay() < rule.churnDays()) {
            return LifecycleStage.REACTIVATED;
        }
        return LifecycleStage.ACTIVE;
    }

    public static Optional<UsageStage> usage(SegmentFacts f) {
        return UsageStage.of(f.activeDays7());
    }

    /** Stage and usage counts as of D. */
    public record Counts(LocalDate asOf, boolean complete, List<Long> stages, List<Long> usage, long notActiveThisWeek) {
        public Counts {
            Objects.requireNonNull(asOf, "asOf");
            stages = List.copyOf(stages);
            usage = List.copyOf(usage);
        }

        public long stage(LifecycleStage s) {
            return stages.get(s.ordinal());
        }

        public long usage(UsageStage s) {
            return usage.get(s.ordinal());
        }

        public long customers() {
            return stages.stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * @param complete whether the period the counts stand for ended by the report's date (a week
     *                 series' last week is incomplete when D is not a Sunday)
     */
    public Counts count(List<SegmentFacts> facts, boolean complete) {
        long[] stages = new long[LifecycleStage.values().length];
        long[] usage = new long[UsageStage.values().length];
        long none = 0;
        for (SegmentFacts f : facts) {
            stages[stage(f).ordinal()]++;
            Optional<UsageStage> u = usage(f);
            if (u.isPresent()) {
                usage[u.get().ordinal()]++;
            } else {
                none++;
            }
        }
        return new Counts(asOf.date(), complete, Arrays.stream(stages).boxed().toList(),
                Arrays.stream(usage).boxed().toList(), none);
    }

    /**
     * The as-of dates of a weekly series of {@code weeks} ISO weeks (Monday first) ending with the
     * week of D: each week's Sunday, or D itself for D's own week when D is not a Sunday.
     */
    public static List<LocalDate> weekEnds(LocalDate d, int weeks) {
        if (weeks < 1) {
            throw new IllegalArgumentException("a weekly series needs at least 1 week, was " + weeks);
        }
        LocalDate sunday = d.with(java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.SUNDAY));
        List<LocalDate> out = new ArrayList<>();
        for (int i = weeks - 1; i >= 0; i--) {
            LocalDate end = sunday.minusWeeks(i);
            out.add(end.isAfter(d) ? d : end);
        }
        return out;
    }

    /** Stage of every customer, by id: the input of {@link Transitions}. */
    public Map<String, String> stagesById(List<SegmentFacts> facts) {
        Map<String, String> out = new java.util.HashMap<>(facts.size() * 2);
        for (SegmentFacts f : facts) {
            out.put(f.customerId(), stage(f).wireName());
        }
        return out;
    }
}
