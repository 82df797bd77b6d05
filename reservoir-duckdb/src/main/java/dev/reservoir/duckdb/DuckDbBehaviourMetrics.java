package dev.reservoir.duckdb;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.metric.BehaviourMetrics;
import dev.reservoir.metric.PageStatsResult;
import dev.reservoir.metric.PathQuery;
import dev.reservoir.metric.PathResult;
import dev.reservoir.segment.Quadrants;
import dev.reservoir.segment.QuadrantsResult;
import dev.reservoir.metric.ReferrerChannel;
import dev.reservoir.metric.SessionScope;
import dev.reservoir.metric.SessionSummary;
import dev.reservoir.metric.SessionSummaryResult;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sessions, pages, paths and four quadrants over a tenant's DuckDB store. Every query starts
 * from the sessions {@link BehaviourSessions} gives: the stored ones, or those computed from raw
 * events ({@code sql/metric/sessions.sql}).
 */
final class DuckDbBehaviourMetrics implements BehaviourMetrics {
    private final DuckDbTenantStore store;

    DuckDbBehaviourMetrics(DuckDbTenantStore store) {
        this.store = store;
    }

    /** The parameters every behaviour query binds after D and known-at: timeout, from. */
    private static List<Object> scopeParams(SessionScope scope) {
        return new ArrayList<>(Arrays.asList(scope.timeout().getSeconds(), scope.from()));
    }

    /** Runs {@code metric/<name>} (whose {@code {sessions}} MetricQueries puts in) as of the scope's date. */
    private <T> List<T> query(String name, SessionScope scope, List<Object> params, MetricQueries.RowReader<T> reader) {
        synchronized (store) {
            String sessions;
            try {
                sessions = BehaviourSessions.fragment(store.connection(), scope);
            } catch (SQLException e) {
                throw new ReservoirException(e, ErrorCode.STORE_FAILURE, store.tenant().id(),
                        name + ": " + SourceReader.firstLine(e.getMessage()));
            }
            return MetricQueries.query(store, name, sql -> sql.replace("{sessions}", sessions), scope.asOf(), params,
                    reader);
        }
    }

    @Override
    public SessionSummaryResult sessions(SessionSummary def) {
        List<Object> params = scopeParams(def.scope());
        // Host names were checked to be [a-z0-9.-] by SessionSummary: no comma can split one.
        params.add(String.join(",", def.siteHosts()));
        Map<ReferrerChannel, Long> channels = new EnumMap<>(ReferrerChannel.class);
        long[][] total = new long[1][];
        query("session_summary", def.scope(), params, rs -> {
            if ("channel".equals(rs.getString("kind"))) {
                channels.put(ReferrerChannel.valueOf(rs.getString("name").toUpperCase(Locale.ROOT)), rs.getLong("sessions"));
            } else {
                total[0] = new long[] {rs.getLong("visitors"), rs.getLong("sessions"), rs.getLong("page_views"),
                        rs.getLong("seconds"), rs.getLong("page_visitors"), rs.getLong("one_page_visitors"),
                        rs.getLong("new_visitors"), rs.getLong("first_sessions"), rs.getLong("online_days"),
                        rs.getLong("customer_online_days"), rs.getLong("customer_seconds")};
            }
            return null;
        });
        long[] t = total[0];
        return new SessionSummaryResult(def, t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10],
                channels);
    }

    @Override
    public PageStatsResult pages(SessionScope scope) {
        List<PageStatsResult.Page> pages = new ArrayList<>();
        long[] sessions = new long[1];
        query("session_pages", scope, scopeParams(scope), rs -> {
            if ("total".equals(rs.getString("kind"))) {
                sessions[0] = rs.getLong("sessions");
            } else {
                pages.add(new PageStatsResult.Page(rs.getString("page"), rs.getLong("views"), rs.getLong("sessions"),
                        rs.getLong("exits"), rs.getLong("entrances"), rs.getLong("bounces")));
            }
            return null;
        });
        pages.sort(java.util.Comparator.comparingLong(PageStatsResult.Page::sessions).reversed()
                .thenComparing(java.util.Comparator.comparingLong(PageStatsResult.Page::views).reversed())
                .thenComparing(PageStatsResult.Page::page));
        return new PageStatsResult(scope, sessions[0], pages);
    }

    @Override
    public PathResult paths(PathQuery def) {
        List<Object> params = scopeParams(def.scope());
        params.add(def.anchor().orElse(null));
        params.add(def.direction() == PathQuery.Direction.NEXT ? "next" : "previous");
        params.add(def.steps());
        Map<List<String>, Long> counted = new LinkedHashMap<>();
        long[] sessions = new long[1];
        query("paths", def.scope(), params, rs -> {
            Array steps = rs.getArray("steps");
            if (steps == null) {
                sessions[0] = rs.getLong("sessions");
            } else {
                List<String> list = new ArrayList<>();
                for (Object o : (Object[]) steps.getArray()) {
                    list.add((String) o);
                }
                counted.put(list, rs.getLong("sessions"));
            }
            return null;
        });
        return PathResult.of(def, sessions[0], counted);
    }

    @Override
    public QuadrantsResult quadrants(Quadrants def) {
        synchronized (store) {
            boolean stored;
            try {
                if (def.timeout().equals(BehaviourSessions.TIMEOUT)) {
                    BehaviourSessions.PENDING.catchUp(store.connection());
                }
                stored = BehaviourSessions.stored(store.connection(), def.scope())
                        && BehaviourSessions.stored(store.connection(), def.previousScope());
            } catch (SQLException e) {
                throw new ReservoirException(e, ErrorCode.STORE_FAILURE, store.tenant().id(),
                        "quadrant_weeks: " + SourceReader.firstLine(e.getMessage()));
            }
            if (stored) {
                // Both weeks in one pass over the stored sessions (metric/quadrant_weeks.sql), each
                // cut as of its own date exactly as two quadrant_activity calls would read them.
                List<Map<QuadrantsResult.Person, QuadrantsResult.Activity>> weeks = List.of(new HashMap<>(),
                        new HashMap<>());
                MetricQueries.query(store, "quadrant_weeks", def.asOf(),
                        Arrays.asList(def.timeout().getSeconds(), def.includeVisitors()),
                        rs -> weeks.get(rs.getInt("week")).put(
                                new QuadrantsResult.Person(rs.getString("person"), rs.getBoolean("customer")),
                                new QuadrantsResult.Activity(rs.getLong("sessions"), rs.getLong("seconds"))));
                return QuadrantsResult.of(def, weeks.get(0), weeks.get(1));
            }
        }
        return QuadrantsResult.of(def, activity(def, def.scope()), activity(def, def.previousScope()));
    }

    private Map<QuadrantsResult.Person, QuadrantsResult.Activity> activity(Quadrants def, SessionScope scope) {
        List<Object> params = scopeParams(scope);
        params.add(def.includeVisitors());
        Map<QuadrantsResult.Person, QuadrantsResult.Activity> week = new HashMap<>();
        query("quadrant_activity", scope, params, rs -> week.put(
                new QuadrantsResult.Person(rs.getString("person"), rs.getBoolean("customer")),
                new QuadrantsResult.Activity(rs.getLong("sessions"), rs.getLong("seconds"))));
        return week;
    }
}
