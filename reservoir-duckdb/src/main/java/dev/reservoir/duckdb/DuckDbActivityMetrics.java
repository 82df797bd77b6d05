package dev.reservoir.duckdb;

import dev.reservoir.metric.ActivityCounts;
import dev.reservoir.metric.ActivityCountsResult;
import dev.reservoir.metric.ActivityMetrics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** DAU, WAU, MAU and stickiness over a tenant's DuckDB store ({@code sql/metric/activity_counts.sql}). */
final class DuckDbActivityMetrics implements ActivityMetrics {
    private final DuckDbTenantStore store;

    DuckDbActivityMetrics(DuckDbTenantStore store) {
        this.store = store;
    }

    private record Count(String kind, LocalDate day, long customers) {
    }

    @Override
    public ActivityCountsResult counts(ActivityCounts def) {
        LocalDate d = def.asOf().date();
        // The types are wire names of EventType constants (an Activity holds only those), bound as
        // one text the SQL splits: no user text reaches the SQL.
        List<Count> counts = MetricQueries.query(store, "activity_counts", def.asOf(), Arrays.asList(
                String.join(",", def.activity().wireNames()),
                def.weekStart(), def.monthStart(), def.seriesStart()),
                rs -> new Count(rs.getString("kind"), rs.getObject("day", LocalDate.class), rs.getLong("customers")));
        Map<LocalDate, Long> byDay = new HashMap<>();
        long wau = 0;
        long mau = 0;
        for (Count c : counts) {
            switch (c.kind()) {
                case "day" -> byDay.put(c.day(), c.customers());
                case "week" -> wau = c.customers();
                case "month" -> mau = c.customers();
                default -> throw new IllegalStateException("unexpected row kind " + c.kind());
            }
        }
        List<ActivityCountsResult.Day> daily = new ArrayList<>();
        for (LocalDate day = def.seriesStart(); !day.isAfter(d); day = day.plusDays(1)) {
            daily.add(new ActivityCountsResult.Day(day, byDay.getOrDefault(day, 0L)));
        }
        return new ActivityCountsResult(def, byDay.getOrDefault(d, 0L), wau, mau, daily);
    }
}
