package dev.reservoir.duckdb;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.metric.GroupChurn;
import dev.reservoir.metric.GroupChurnResult;
import dev.reservoir.metric.GroupMetrics;
import dev.reservoir.time.Period;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Group churn, active members and online time over a tenant's DuckDB store
 * ({@code sql/metric/group_churn.sql}), reading the kept tables of {@link GroupTables}.
 */
final class DuckDbGroupMetrics implements GroupMetrics {
    private final DuckDbTenantStore store;

    DuckDbGroupMetrics(DuckDbTenantStore store) {
        this.store = store;
    }

    @Override
    public GroupChurnResult churn(GroupChurn def) {
        List<Period> periods = def.periodList();
        Map<LocalDate, Period> byStart = periods.stream().collect(Collectors.toMap(Period::start, Function.identity()));
        // Dates written by the engine, bound as one text the SQL splits: no user text reaches the SQL.
        String starts = periods.stream().map(p -> p.start().toString()).collect(Collectors.joining(","));
        String ends = periods.stream().map(p -> p.end().toString()).collect(Collectors.joining(","));
        List<GroupChurnResult.Row> rows;
        synchronized (store) {
            String groupEvents;
            String onlineDays;
            try {
                groupEvents = GroupTables.groupEventsSource(store.connection(), def.asOf());
                onlineDays = GroupTables.onlineDaysSource(store.connection(), def.asOf(), def.sessionGap());
            } catch (SQLException e) {
                throw new ReservoirException(e, ErrorCode.STORE_FAILURE, store.tenant().id(),
                        "group_churn: " + SourceReader.firstLine(e.getMessage()));
            }
            rows = MetricQueries.query(store, "group_churn",
                    sql -> sql.replace("{group_events}", groupEvents).replace("{online_days}", onlineDays),
                    def.asOf(), Arrays.asList(starts, ends, def.sessionGap().toNanos() / 1000),
                    rs -> new GroupChurnResult.Row(byStart.get(rs.getObject("period_start", LocalDate.class)),
                            rs.getString("group_id"), rs.getLong("members_at_start"), rs.getLong("left_members"),
                            rs.getLong("rejoined"), rs.getLong("active_members"), rs.getLong("active_days"),
                            rs.getDouble("online_seconds")));
        }
        return new GroupChurnResult(def, rows);
    }
}
