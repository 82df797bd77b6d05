package dev.reservoir.risk;

import dev.reservoir.metric.ChurnRule;
import dev.reservoir.model.ModelInputs;
import dev.reservoir.time.AsOf;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The label of a customer of the population at F: churned by the tenant's rule as of
 * E = F + h, i.e. E − (last activity day ≤ E) ≥ N. With h ≥ N this is "no activity in (F, E]"
 * for every member (they were active less than N days before F); with h &lt; N only those
 * already silent for at least N − h days at F can churn.
 */
final class Labels {
    private Labels() {
    }

    static boolean[] of(ModelInputs inputs, ChurnRule rule, FeatureTable features, AsOf end) {
        Map<String, LocalDate> last = inputs.lastActivity(rule.activity(), end);
        boolean[] churned = new boolean[features.size()];
        for (int i = 0; i < churned.length; i++) {
            LocalDate l = last.get(features.customers().get(i));
            if (l == null) {
                throw new IllegalStateException("customer " + features.customers().get(i)
                        + " was active by " + features.at().date() + " but has no activity by " + end.date());
            }
            churned[i] = ChronoUnit.DAYS.between(l, end.date()) >= rule.churnDays();
        }
        return churned;
    }
}
