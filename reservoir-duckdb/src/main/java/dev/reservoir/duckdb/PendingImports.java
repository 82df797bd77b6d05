package dev.reservoir.duckdb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Imports whose events a derived table (the rollup, the stored sessions) does not hold yet, noted
 * in a one-column table of import ids. An append of events (each HTTP ingestion commit: often, and
 * small) only notes its import; the derived table is brought up to date for all pending imports at
 * once, as if they were one import, by the next reader or the next file import. A customer touched
 * by a hundred commits is so rolled up once, not a hundred times.
 */
final class PendingImports {
    /** Brings a derived table up to date with the imports {@code ids}, in the caller's transaction. */
    @FunctionalInterface
    interface Refresh {
        void run(Statement st, List<Long> ids) throws SQLException;
    }

    private final String table;
    private final Refresh refresh;

    /** @param table the pending table's name (a constant of this package, never user text) */
    PendingImports(String table, Refresh refresh) {
        this.table = table;
        this.refresh = refresh;
    }

    /**
     * Whether a derived table holding every stored event answers as of {@code asOf}: there is no
     * known-at, or it is not before the last import (so no stored event was ingested after it).
     */
    static boolean holdsAllKnownAt(Connection connection, dev.reservoir.time.AsOf asOf) throws SQLException {
        if (asOf.knownAt().isEmpty()) {
            return true;
        }
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT max(started_at) FROM imports")) {
            rs.next();
            java.time.OffsetDateTime last = rs.getObject(1, java.time.OffsetDateTime.class);
            return last == null || !asOf.knownAt().get().isBefore(last.toInstant());
        }
    }

    /**
     * How many parts of about {@code batchEvents} stored events a whole build splits them into (by
     * a hash of who they are about): a build sorts its input, and a whole large store at once could
     * take more memory than the limit allows.
     */
    static long parts(Statement st, long batchEvents) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM events")) {
            rs.next();
            return Math.max(1, (rs.getLong(1) + batchEvents - 1) / batchEvents);
        }
    }

    /** Notes import {@code importId} as pending, in its transaction. */
    void defer(Statement st, long importId) throws SQLException {
        st.execute("INSERT INTO " + table + " VALUES (" + importId + ")");
    }

    /** {@link #defer}'s statement with the import id as its parameter, to prepare once. */
    String deferStatement() {
        return "INSERT INTO " + table + " VALUES (?)";
    }

    /** Brings the table up to date with import {@code importId} and every pending one, in its transaction. */
    void refresh(Statement st, long importId) throws SQLException {
        List<Long> ids = ids(st);
        ids.add(importId);
        refresh.run(st, ids);
        if (ids.size() > 1) {
            st.execute("DELETE FROM " + table);
        }
    }

    /**
     * Brings the table up to date with every pending import, in a transaction of its own (or the
     * caller's, when one is open); does nothing when none is pending.
     */
    void catchUp(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            List<Long> ids = ids(st);
            if (ids.isEmpty()) {
                return;
            }
            boolean own = connection.getAutoCommit();
            if (own) {
                connection.setAutoCommit(false);
            }
            try {
                refresh.run(st, ids);
                st.execute("DELETE FROM " + table);
                if (own) {
                    connection.commit();
                }
            } catch (SQLException | RuntimeException e) {
                if (own) {
                    connection.rollback();
                }
                throw e;
            } finally {
                if (own) {
                    connection.setAutoCommit(true);
                }
            }
        }
    }

    /** Forgets every pending import: the derived table was just built from every stored event. */
    void clear(Statement st) throws SQLException {
        st.execute("DELETE FROM " + table);
    }

    /** The pending imports' ids, in order. */
    private List<Long> ids(Statement st) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT import_id FROM " + table + " ORDER BY import_id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /**
     * {@code ids} as an SQL list: numbers written in (never user text), a constant list the scan
     * can skip other imports' row groups by.
     */
    static String list(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
