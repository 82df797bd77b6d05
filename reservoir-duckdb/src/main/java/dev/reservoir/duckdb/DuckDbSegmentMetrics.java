package dev.reservoir.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.event.EventType;
import dev.reservoir.segment.SegmentFacts;
import dev.reservoir.segment.SegmentFactsQuery;
import dev.reservoir.segment.SegmentMetrics;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The segment facts of one tenant's DuckDB database ({@code sql/segment/segment_facts.sql}): this
 * class binds the parameters and turns rows into {@link SegmentFacts}; scoring, stages and tags
 * are computed from them by reservoir-core and reservoir-segments.
 */
final class DuckDbSegmentMetrics implements SegmentMetrics {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
    };

    private final DuckDbTenantStore store;

    DuckDbSegmentMetrics(DuckDbTenantStore store) {
        this.store = store;
    }

    @Override
    public List<SegmentFacts> facts(SegmentFactsQuery query) {
        synchronized (store) {
            try (PreparedStatement ps = store.connection().prepareStatement(text(query))) {
                MetricQueries.bindAsOf(ps, query.asOf());
                ps.setObject(3, query.windowStart());
                // wire names of EventType constants only (Activity holds enums), so the list is safe text
                ps.setString(4, String.join(",", query.rule().activity().wireNames()));
                ps.setInt(5, query.rule().churnDays());
                ps.setString(6, store.tenant().timeZone().getId());
                List<SegmentFacts> out = new ArrayList<>();
                RowReader reader = new RowReader();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(reader.row(rs));
                    }
                }
                return out;
            } catch (SQLException e) {
                throw new ReservoirException(e, ErrorCode.STORE_FAILURE, store.tenant().id(),
                        "segment_facts: " + SourceReader.firstLine(e.getMessage()));
            }
        }
    }

    /** The merchant's own types: not customer-initiated, so not "active" (docs/segments.md). */
    private static final Set<EventType> MERCHANT_TYPES = EnumSet.of(EventType.MESSAGE_SENT, EventType.COUPON_SENT);

    /**
     * segment_facts.sql as of the query's D: the rollup (or the rows known at its known-at) put
     * in as for the metric queries, and the values it takes as constants written in, made from
     * the query's own values (dates, a count, enum bits, an instant), never user text.
     */
    private String text(SegmentFactsQuery query) throws SQLException {
        Set<EventType> customerTypes = EnumSet.complementOf(EnumSet.copyOf(MERCHANT_TYPES));
        boolean ordersAlone = query.rule().activity().types().equals(EnumSet.of(EventType.PURCHASE));
        return MetricQueries.expand(Sql.statements("segment/segment_facts", Map.of()).get(0), store, query.asOf())
                .replace("{activity_links}", MetricQueries.links(query.rule().activity()))
                .replace("{first_activity}", ordersAlone ? "l.first_order" : "a.first_activity")
                .replace("{last_activity}", ordersAlone ? "l.last_order" : "a.last_activity")
                .replace("{last_return}", ordersAlone ? "l.order_last_return" : "a.last_return")
                .replace("{activity_join}", ordersAlone ? ""
                        : "LEFT JOIN activity_facts a ON a.customer_key = l.customer_key")
                .replace("{window_start}", "DATE '" + query.windowStart() + "'")
                .replace("{churn_days}", Integer.toString(query.rule().churnDays()))
                .replace("{register_bit}", Integer.toString(Rollup.bits(EnumSet.of(EventType.REGISTER))))
                .replace("{customer_bits}", Integer.toString(Rollup.bits(customerTypes)))
                .replace("{known_at}", StagingSql.timestamp(Rollup.knownAt(query.asOf()).toInstant()));
    }

    /**
     * Reads the rows of one query. A million customers share a few hundred dates and a few hundred
     * sets of categories: each distinct one is made once and shared (LocalDate and the immutable
     * lists are values), which saves millions of objects for the collector.
     */
    private static final class RowReader {
        /** Distinct category texts remembered; past it, each row makes its own list. */
        private static final int CATEGORY_SETS = 16_384;

        private final Map<Long, LocalDate> dates = new HashMap<>();
        private final Map<String, List<String>> categories = new HashMap<>();

        /**
         * One row, its columns read by position in the query's order (a lookup by name costs a
         * case-insensitive search of the column names for every value).
         */
        SegmentFacts row(ResultSet rs) throws SQLException {
            String customerId = rs.getString(1);
            LocalDate registered = date(rs, 2);
            LocalDate firstSeen = date(rs, 3);
            LocalDate lastActive = date(rs, 4);
            int activeDays7 = rs.getInt(5);
            LocalDate firstOrder = date(rs, 6);
            LocalDate lastOrder = date(rs, 7);
            long orders = rs.getLong(8);
            BigDecimal money = money(rs, 9);
            long windowOrders = rs.getLong(10);
            BigDecimal windowMoney = money(rs, 11);
            LocalDate windowLastOrder = date(rs, 12);
            long windowRefunds = rs.getLong(13);
            LocalDate firstActivity = date(rs, 14);
            LocalDate lastActivity = date(rs, 15);
            LocalDate lastReturn = date(rs, 16);
            long complaints = rs.getLong(17);
            long reviews = rs.getLong(18);
            long fiveStar = rs.getLong(19);
            int minRating = rs.getInt(20);
            Number average = (Number) rs.getObject(21);
            List<String> categories = categories(rs.getString(22));
            Boolean paidMember = (Boolean) rs.getObject(23);
            return new SegmentFacts(customerId, registered, firstSeen, lastActive, activeDays7, firstOrder, lastOrder,
                    orders, money, windowOrders, windowMoney, windowLastOrder, windowRefunds, firstActivity, lastActivity,
                    lastReturn, complaints, reviews, fiveStar, minRating, average == null ? null : average.doubleValue(),
                    categories, paidMember, rs.getString(24), rs.getString(25), rs.getString(26),
                    attributes(rs.getString(27)));
        }

        /** The query gives dates as days since 1970-01-01, NULL for none. */
        private LocalDate date(ResultSet rs, int column) throws SQLException {
            long days = rs.getLong(column);
            return rs.wasNull() ? null : dates.computeIfAbsent(days, LocalDate::ofEpochDay);
        }

        private List<String> categories(String joined) {
            if (joined == null || joined.isEmpty()) {
                return List.of();
            }
            List<String> known = categories.get(joined);
            if (known != null) {
                return known;
            }
            List<String> made = DuckDbSegmentMetrics.categories(joined);
            if (categories.size() < CATEGORY_SETS) {
                categories.put(joined, made);
            }
            return made;
        }
    }

    private static BigDecimal money(ResultSet rs, int column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? BigDecimal.ZERO : value;
    }

    /**
     * The query joins a customer's categories with U+001F (a control character no category holds),
     * repeats included, in no order: distinct here, and sorted by code point, the order of their
     * UTF-8 bytes, which is DuckDB's order of text (String.compareTo orders UTF-16 units, which
     * differs for characters beyond U+FFFF).
     */
    static List<String> categories(String joined) {
        if (joined == null || joined.isEmpty()) {
            return List.of();
        }
        String[] all = joined.split("\u001f", -1);
        Arrays.sort(all, DuckDbSegmentMetrics::byCodePoint);
        List<String> out = new ArrayList<>(all.length);
        for (String c : all) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(c)) {
                out.add(c);
            }
        }
        return List.copyOf(out);
    }

    static int byCodePoint(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static Map<String, String> attributes(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, ATTRIBUTES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored attributes are not a JSON object of strings: " + json, e);
        }
    }
}
