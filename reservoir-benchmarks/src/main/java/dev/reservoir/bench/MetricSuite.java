package dev.reservoir.bench;

import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.EventType;
import dev.reservoir.metric.Activity;
import dev.reservoir.metric.ActivityCounts;
import dev.reservoir.metric.AnnualRetention;
import dev.reservoir.metric.ChurnPreset;
import dev.reservoir.metric.ChurnRate;
import dev.reservoir.metric.ChurnRule;
import dev.reservoir.metric.CohortRetention;
import dev.reservoir.metric.CohortRetentionCounts;
import dev.reservoir.metric.ConversionWindow;
import dev.reservoir.metric.Funnel;
import dev.reservoir.metric.FunnelOrder;
import dev.reservoir.metric.FunnelStep;
import dev.reservoir.metric.GroupChurn;
import dev.reservoir.metric.InactiveCustomers;
import dev.reservoir.metric.NDayRetention;
import dev.reservoir.metric.PathQuery;
import dev.reservoir.metric.PeriodChurn;
import dev.reservoir.metric.RepurchaseAfterFirst;
import dev.reservoir.metric.RepurchaseInPeriod;
import dev.reservoir.metric.RepurchaseLadder;
import dev.reservoir.metric.RetentionEntry;
import dev.reservoir.metric.RetentionMode;
import dev.reservoir.metric.ReturnGaps;
import dev.reservoir.metric.SessionScope;
import dev.reservoir.metric.SessionSummary;
import dev.reservoir.segment.Quadrants;
import dev.reservoir.time.AsOf;
import dev.reservoir.time.PeriodUnit;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * What {@code bench metrics} times, each metric as the command line computes it by default (the
 * parameters are in the names and in docs/benchmarks.md): every metric of the retention issue,
 * held together to one target, and the behaviour metrics, each held to it alone.
 */
final class MetricSuite {
    /** One metric: its key in Labels (the {@code metric.} prefix), and the call that computes it. */
    record Metric(String key, Function<TenantStore, Object> compute) {
    }

    private MetricSuite() {
    }

    static List<Metric> retention(AsOf asOf) {
        ChurnRule apparel = ChurnRule.of(ChurnPreset.APPAREL);
        return List.of(
                new Metric("churn-rate", s -> s.churn().churnRate(new ChurnRate(apparel, PeriodUnit.MONTH, 12, asOf))),
                new Metric("period-churn", s -> s.churn().periodChurn(
                        new PeriodChurn(Activity.ORDERS, PeriodUnit.MONTH, 12, asOf))),
                new Metric("return-gaps", s -> s.churn().returnGaps(ReturnGaps.of(Activity.ORDERS, asOf))),
                new Metric("silent", s -> s.churn().inactiveCustomers(InactiveCustomers.silent(apparel, asOf))),
                new Metric("churned", s -> s.churn().inactiveCustomers(InactiveCustomers.churned(apparel, 30, asOf))),
                new Metric("cohorts", s -> {
                    // One computation, the matrix in each of the three modes made from it.
                    CohortRetention cohorts = CohortRetention.defaults(asOf);
                    List<CohortRetentionCounts> counts = s.retention().counts(cohorts);
                    return Arrays.stream(RetentionMode.values()).map(m -> cohorts.withMode(m).result(counts)).toList();
                }),
                new Metric("n-day", s -> s.retention().nDay(
                        NDayRetention.defaults(RetentionEntry.FIRST_PURCHASE, Activity.ORDERS, asOf))),
                new Metric("repurchase-in-period", s -> s.repurchase().inPeriod(
                        new RepurchaseInPeriod(PeriodUnit.MONTH, 12, asOf, Optional.empty()))),
                new Metric("repurchase-after-first", s -> s.repurchase().afterFirst(new RepurchaseAfterFirst(
                        PeriodUnit.MONTH, 12, RepurchaseAfterFirst.DEFAULT_WITHIN, asOf, Optional.empty()))),
                new Metric("order-ladder", s -> s.repurchase().ladder(
                        new RepurchaseLadder(10, OptionalInt.empty(), asOf, Optional.empty()))),
                new Metric("annual", s -> s.repurchase().annual(AnnualRetention.of(asOf))),
                new Metric("activity", s -> s.activity().counts(ActivityCounts.of(asOf))));
    }

    /**
     * The behaviour metrics (sessions, pages, paths, funnel, groups, quadrants) over the 30 days
     * ending on the as-of date, the commands' default period; the funnel is the event funnel the
     * demo shop's sessions walk, with the commands' default 14-day window.
     */
    static List<Metric> behaviour(AsOf asOf) {
        SessionScope scope = SessionScope.of(asOf);
        Funnel funnel = new Funnel(List.of(FunnelStep.of(EventType.PAGE_VIEW), FunnelStep.of(EventType.ADD_TO_CART),
                FunnelStep.of(EventType.CHECKOUT), FunnelStep.of(EventType.PURCHASE)), new ConversionWindow.Days(14),
                FunnelOrder.ORDERED, scope.from(), asOf, Optional.empty());
        return List.of(
                new Metric("sessions", s -> s.behaviour().sessions(SessionSummary.of(scope))),
                new Metric("pages", s -> s.behaviour().pages(scope)),
                new Metric("paths", s -> s.behaviour().paths(PathQuery.next(scope, "/home", 3))),
                new Metric("funnel", s -> s.funnels().funnel(funnel)),
                new Metric("funnel-drop-offs", s -> s.funnels().dropOffs(funnel, OptionalInt.empty())),
                new Metric("groups", s -> s.groups().churn(GroupChurn.monthly(6, asOf))),
                new Metric("quadrants", s -> s.behaviour().quadrants(Quadrants.of(asOf))));
    }
}
