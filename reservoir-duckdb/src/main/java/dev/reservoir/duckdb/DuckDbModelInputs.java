package dev.reservoir.duckdb;

import dev.reservoir.model.CustomerSummaries;
import dev.reservoir.model.CustomerSummariesResult;
import dev.reservoir.model.CustomerSummary;
import dev.reservoir.model.ModelInputs;
import dev.reservoir.model.RiskFeature;
import dev.reservoir.model.RiskFeatures;
import dev.reservoir.model.RiskFeaturesResult;
import dev.reservoir.metric.Activity;
import dev.reservoir.time.AsOf;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The customer-base models' summaries over a tenant's DuckDB store
 * ({@code sql/metric/customer_summaries.sql}, {@code sql/metric/repeat_purchase_days.sql}).
 */
final class DuckDbModelInputs implements ModelInputs {
    private final DuckDbTenantStore store;

    DuckDbModelInputs(DuckDbTenantStore store) {
        this.store = store;
    }

    @Override
    public CustomerSummariesResult summaries(CustomerSummaries def) {
        List<CustomerSummary> customers = MetricQueries.query(store, "customer_summaries", def.calibrationEnd(),
                Arrays.asList(def.lastDay(), (double) def.unit().days()),
                rs -> new CustomerSummary(rs.getString("customer_id"), rs.getObject("first_day", LocalDate.class),
                        rs.getLong("x"), rs.getDouble("t_x"), rs.getDouble("t"), rs.getDouble("monetary"),
                        rs.getLong("holdout_x")));
        List<CustomerSummariesResult.DayCount> series = new ArrayList<>();
        if (def.holdoutEnd().isPresent() && !customers.isEmpty()) {
            Map<LocalDate, Long> byDay = new HashMap<>();
            MetricQueries.query(store, "repeat_purchase_days", def.calibrationEnd(), List.of(def.lastDay()),
                    rs -> byDay.put(rs.getObject("day", LocalDate.class), rs.getLong("repeat_purchases")));
            LocalDate first = customers.stream().map(CustomerSummary::firstPurchase).min(LocalDate::compareTo).orElseThrow();
            for (LocalDate day = first; !day.isAfter(def.lastDay()); day = day.plusDays(1)) {
                series.add(new CustomerSummariesResult.DayCount(day, byDay.getOrDefault(day, 0L)));
            }
        }
        return new CustomerSummariesResult(def, customers, series);
    }

    @Override
    public RiskFeaturesResult riskFeatures(RiskFeatures def) {
        RiskFeature[] features = RiskFeature.values();
        List<RiskFeaturesResult.Row> rows = MetricQueries.query(store, "risk_features", def.at(),
                List.of(String.join(",", def.rule().activity().wireNames()), def.rule().warningDays(),
                        def.rule().churnDays()),
                rs -> {
                    double[] values = new double[features.length];
                    for (RiskFeature f : features) {
                        double v = rs.getDouble(f.wireName());
                        values[f.ordinal()] = rs.wasNull() ? Double.NaN : v;
                    }
                    return new RiskFeaturesResult.Row(rs.getString("customer_id"), values);
                });
        return new RiskFeaturesResult(def, rows);
    }

    @Override
    public Map<String, LocalDate> lastActivity(Activity activity, AsOf at) {
        Map<String, LocalDate> last = new HashMap<>();
        MetricQueries.query(store, "last_activity", at, List.of(String.join(",", activity.wireNames())),
                rs -> last.put(rs.getString("customer_id"), rs.getObject("last_active", LocalDate.class)));
        return last;
    }
}
