package dev.reservoir.duckdb;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.metric.Funnel;
import dev.reservoir.metric.FunnelDropOff;
import dev.reservoir.metric.FunnelMetrics;
import dev.reservoir.metric.FunnelOrder;
import dev.reservoir.metric.FunnelResult;
import dev.reservoir.metric.FunnelStep;
import dev.reservoir.metric.FunnelWalk;
import dev.reservoir.metric.RepurchaseGroup;
import dev.reservoir.metric.StepFilter;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Funnels over a tenant's DuckDB store. {@code sql/metric/funnel_events.sql} numbers the people
 * with an entry and streams their candidate events sorted by person and time; {@link FunnelWalk}
 * (core, shared by every engine) walks each person's events once and the furthest attempt goes to
 * a temporary table, which {@code funnel_steps.sql} and {@code funnel_drop_offs.sql} aggregate.
 * Sorted per-person streams instead of one self-join per step: the events are read and sorted once,
 * whatever the number of steps. (DuckDB's list lambdas could walk the steps inside SQL, but they
 * copy captured lists per element and ran out of memory on a million events.) The temporary tables
 * live on the store's connection, used by one caller at a time (the store is locked).
 */
final class DuckDbFunnelMetrics implements FunnelMetrics {
    /** funnel_events.sql packs an event's epoch day and step mask (at most 20 bits) as day * 2^21 + mask. */
    private static final long DAY_SHIFT = 1L << 21;

    private final DuckDbTenantStore store;

    DuckDbFunnelMetrics(DuckDbTenantStore store) {
        this.store = store;
    }

    @Override
    public FunnelResult funnel(Funnel def) {
        synchronized (store) {
            try {
                walk(def);
                int n = def.steps().size();
                Map<RepurchaseGroup, Counts> byGroup = new HashMap<>();
                byGroup.put(RepurchaseGroup.ALL, new Counts(n)); // all zeros when no one entered
                try (PreparedStatement ps = prepare("funnel_steps", def)) {
                    bindSplit(ps, def);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            RepurchaseGroup group = MetricQueries.group(rs);
                            if (group != RepurchaseGroup.ALL && def.split().isEmpty()) {
                                continue; // without a split the group rows are all "unknown"
                            }
                            int k = rs.getInt("step");
                            Counts counts = byGroup.computeIfAbsent(group, g -> new Counts(n));
                            counts.reached[k] = rs.getLong("reached");
                            counts.median[k] = (Double) rs.getObject("median_secs");
                            counts.p90[k] = (Double) rs.getObject("p90_secs");
                        }
                    }
                }
                List<FunnelResult.Row> rows = new ArrayList<>();
                byGroup.forEach((group, c) -> {
                    for (int k = 1; k <= n; k++) {
                        rows.add(new FunnelResult.Row(group, k, c.reached[k], c.reached[Math.max(1, k - 1)],
                                c.reached[1], k == 1 ? null : c.median[k], k == 1 ? null : c.p90[k]));
                    }
                });
                return new FunnelResult(def, rows);
            } catch (SQLException e) {
                throw failure(e);
            } finally {
                dropTables();
            }
        }
    }

    /** One group's figures by step (index 1..steps). */
    private static final class Counts {
        final long[] reached;
        final Double[] median;
        final Double[] p90;

        Counts(int steps) {
            reached = new long[steps + 1];
            median = new Double[steps + 1];
            p90 = new Double[steps + 1];
        }
    }

    @Override
    public List<FunnelDropOff> dropOffs(Funnel def, OptionalInt droppedAt) {
        if (droppedAt.isPresent() && (droppedAt.getAsInt() < 2 || droppedAt.getAsInt() > def.steps().size())) {
            throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "dropped-at", Localizable.of(
                    "a step from 2 to " + def.steps().size(), "2 到 " + def.steps().size() + " 之间的步骤"),
                    droppedAt.getAsInt());
        }
        synchronized (store) {
            try {
                walk(def);
                List<FunnelDropOff> out = new ArrayList<>();
                try (PreparedStatement ps = prepare("funnel_drop_offs", def)) {
                    bindSplit(ps, def);
                    ps.setInt(4, def.steps().size());
                    ps.setObject(5, droppedAt.isPresent() ? droppedAt.getAsInt() : null);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            long us = rs.getLong("at_us");
                            out.add(new FunnelDropOff(rs.getString("person"), !rs.getBoolean("is_customer"),
                                    rs.getInt("last_step"), Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L),
                                    Math.floorMod(us, 1_000_000L) * 1000),
                                    def.split().isEmpty() ? RepurchaseGroup.ALL : RepurchaseGroup.of(rs.getString("grp"))));
                        }
                    }
                }
                return out;
            } catch (SQLException e) {
                throw failure(e);
            } finally {
                dropTables();
            }
        }
    }

    /** Fills funnel_people and funnel_reached: every entered person's counted attempt. */
    private void walk(Funnel def) throws SQLException {
        Connection c = store.connection();
        List<Object> params = new ArrayList<>(Arrays.asList(def.asOf().date(), Rollup.knownAt(def.asOf()),
                def.from(), String.join(",", def.steps().stream().map(st -> st.type().wireName()).distinct().toList()),
                def.order() == FunnelOrder.STRICT));
        String mask = stepMask(def.steps(), params);
        List<String> parts = Sql.statements("metric/funnel_events", Map.of("{step_mask}", mask));
        String candidates = parts.get(3);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE OR REPLACE TEMP TABLE funnel_reached (pid BIGINT, step INTEGER, at_us BIGINT, secs DOUBLE)");
        }
        try (PreparedStatement ps = c.prepareStatement(parts.get(0).replace("{candidates}", candidates))) {
            bind(ps, params);
            ps.execute();
        }
        try (Statement st = c.createStatement()) {
            st.execute(parts.get(1));
        }
        int n = def.steps().size();
        FunnelWalk walk = new FunnelWalk(n, def.order(), def.window());
        // Buffered, then appended once the stream is closed: DuckDB runs one statement at a time
        // per connection, and an appender flushing mid-stream would be a second one.
        Reached reached = new Reached();
        try (PreparedStatement st = c.prepareStatement(parts.get(2).replace("{candidates}", candidates))) {
            bind(st, params);
            try (ResultSet rs = st.executeQuery()) {
                long person = -1;
                SameInstant instant = new SameInstant();
                while (rs.next()) {
                    long pid = rs.getLong(1);
                    long t = rs.getLong(2);
                    if (pid != person || t != instant.micros) {
                        instant.feed(walk);
                    }
                    if (pid != person) {
                        if (person >= 0) {
                            reached.add(person, walk.times());
                        }
                        walk.reset();
                        person = pid;
                    }
                    instant.add(t, rs.getLong(3));
                }
                instant.feed(walk);
                if (person >= 0) {
                    reached.add(person, walk.times());
                }
            }
        }
        try (DuckDBAppender out = ((DuckDBConnection) c).createAppender("temp", "main", "funnel_reached")) {
            reached.appendTo(out);
        }
    }

    /**
     * A person's events at one instant, fed to the walk in its order: the lowest step matched
     * first, events matching no step last, then by mask (FunnelWalk's contract). Usually one event.
     */
    private static final class SameInstant {
        long micros = Long.MIN_VALUE;
        private long[] packed = new long[8];
        private int size;

        void add(long t, long dayAndMask) {
            micros = t;
            if (size == packed.length) {
                packed = Arrays.copyOf(packed, 2 * size);
            }
            packed[size++] = dayAndMask;
        }

        void feed(FunnelWalk walk) {
            if (size > 1) {
                Long[] order = new Long[size];
                for (int i = 0; i < size; i++) {
                    order[i] = packed[i];
                }
                Arrays.sort(order, java.util.Comparator.comparingLong(SameInstant::key));
                for (int i = 0; i < size; i++) {
                    packed[i] = order[i];
                }
            }
            for (int i = 0; i < size; i++) {
                walk.add(micros, Math.floorDiv(packed[i], DAY_SHIFT), Math.floorMod(packed[i], DAY_SHIFT));
            }
            size = 0;
        }

        private static long key(long dayAndMask) {
            long m = Math.floorMod(dayAndMask, DAY_SHIFT);
            return m == 0 ? Long.MAX_VALUE : (Long.lowestOneBit(m) << 21) + m;
        }
    }

    /** (person, step, time) of every step reached, in three growing arrays. */
    private static final class Reached {
        private long[] pids = new long[1024];
        private int[] steps = new int[1024];
        private long[] times = new long[1024];
        private int size;

        void add(long pid, long[] personTimes) {
            for (int k = 1; k <= personTimes.length; k++) {
                if (size == pids.length) {
                    pids = java.util.Arrays.copyOf(pids, 2 * size);
                    steps = java.util.Arrays.copyOf(steps, 2 * size);
                    times = java.util.Arrays.copyOf(times, 2 * size);
                }
                pids[size] = pid;
                steps[size] = k;
                times[size++] = personTimes[k - 1];
            }
        }

        void appendTo(DuckDBAppender out) throws SQLException {
            for (int i = 0; i < size; i++) {
                out.beginRow();
                out.append(pids[i]).append(steps[i]).append(times[i]);
                if (steps[i] == 1) {
                    out.appendNull();
                } else {
                    out.append((times[i] - times[i - 1]) / 1e6); // the previous row is this person's previous step
                }
                out.endRow();
            }
        }
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    /** {@code metric/<name>} with the shared {@code {split_groups}} put in, as every metric query gets it. */
    private PreparedStatement prepare(String name, Funnel def) throws SQLException {
        return store.connection().prepareStatement(MetricQueries.text(store, name, def.asOf()));
    }

    private static void bindSplit(PreparedStatement ps, Funnel def) throws SQLException {
        ps.setObject(1, Rollup.knownAt(def.asOf()));
        ps.setString(2, MetricQueries.splitSelector(def.split()));
        ps.setString(3, MetricQueries.attributePath(def.split()));
    }

    /**
     * The mask expression of {@code funnel_events.sql}: for step k, {@code (CASE WHEN e.type = ?
     * AND <filter> AND ... THEN 2^(k-1) ELSE 0 END)}, summed. Only fixed fragments and column
     * names from the closed {@link StepFilter.Field} set are written; every value (types, filter
     * values, JSON pointers of properties keys) is appended to {@code values}, to be bound in order.
     */
    static String stepMask(List<FunnelStep> steps, List<Object> values) {
        StringBuilder b = new StringBuilder();
        for (int k = 1; k <= steps.size(); k++) {
            FunnelStep step = steps.get(k - 1);
            b.append(k == 1 ? "(" : " + (").append("CASE WHEN e.type = ?::VARCHAR");
            values.add(step.type().wireName());
            for (StepFilter f : step.filters()) {
                String column = switch (f.field()) {
                    case PAGE -> "e.page";
                    case CATEGORY -> "e.category";
                    case ITEM_ID -> "e.item_id";
                    case STORE_ID -> "e.store_id";
                    case CHANNEL -> "e.channel";
                    case PROPERTY -> "json_extract_string(e.properties, ?::VARCHAR)";
                };
                if (f.field() == StepFilter.Field.PROPERTY) {
                    values.add("/" + f.key().replace("~", "~0").replace("/", "~1"));
                }
                b.append(f.prefix() ? " AND coalesce(starts_with(" + column + ", ?::VARCHAR), false)"
                        : " AND coalesce(" + column + " = ?::VARCHAR, false)");
                values.add(f.match());
            }
            b.append(" THEN ").append(1L << (k - 1)).append(" ELSE 0 END)");
        }
        return b.toString();
    }

    private void dropTables() {
        try (Statement st = store.connection().createStatement()) {
            st.execute("DROP TABLE IF EXISTS funnel_people");
            st.execute("DROP TABLE IF EXISTS funnel_reached");
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private ReservoirException failure(SQLException e) {
        return new ReservoirException(e, ErrorCode.STORE_FAILURE, store.tenant().id(),
                "funnel: " + SourceReader.firstLine(e.getMessage()));
    }
}
