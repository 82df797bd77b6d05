package dev.reservoir.duckdb;

import com.carrotsearch.hppc.LongHashSet;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@code id_key}s of a tenant's stored events, held in memory by HTTP ingestion
 * ({@link EventAppend}) so that a commit's duplicate probe looks its new ids up here instead of
 * scanning the stored key column, which costs the whole store at every commit. A key found here
 * only means "maybe stored": the commit then runs the exact probe in the store, as it always did.
 * A key missing here means not stored, which holds because the set is brought up to date before
 * every use with the events of every import after the last one it has seen (this process is the
 * store's only writer, and every writer of events numbers its import); keys of events deleted
 * since (a customer forgotten) only cost that exact probe.
 *
 * <p>Memory: about 16 bytes a stored event at worst (a power-of-two table of longs, at most three
 * quarters full). Above {@link #MAX_KEYS} stored events the set is dropped and every commit scans
 * the store's keys again, as before.
 */
final class StoredKeys {
    /** At most about 256 MB of keys (a 2^25-slot table). */
    static final int MAX_KEYS = 24_000_000;

    /** Null once the store held too many events to screen in memory. */
    private LongHashSet keys = new LongHashSet();
    /** The highest import whose events' keys are in the set; -1 before the first load. */
    private long upToImport = -1;

    /**
     * Brings the set up to {@code lastImport} with {@code since} ({@code SELECT id_key FROM events
     * WHERE import_id > ?}); false when the store holds too many events to screen in memory.
     */
    boolean catchUp(PreparedStatement since, long lastImport) throws SQLException {
        if (keys == null) {
            return false;
        }
        if (upToImport >= lastImport) {
            return true;
        }
        since.setLong(1, upToImport);
        try (ResultSet rs = since.executeQuery()) {
            while (rs.next()) {
                keys.add(rs.getLong(1));
                if (keys.size() > MAX_KEYS) {
                    keys = null; // the memory goes; the store's own probe answers from now on
                    return false;
                }
            }
        }
        upToImport = lastImport;
        return true;
    }

    /** How many of {@code batch} may be stored (0: none is). */
    int candidates(long[] batch) {
        int found = 0;
        for (long k : batch) {
            if (keys.contains(k)) {
                found++;
            }
        }
        return found;
    }

    /**
     * After a commit: the keys of its batch (a superset of the events it stored), and the import
     * it recorded, if it recorded one (-1 if it stored nothing and wrote no imports row, whose
     * number the next import then takes).
     */
    void committed(long importId, long[] batch) {
        if (keys == null) {
            return;
        }
        for (long k : batch) {
            keys.add(k);
        }
        upToImport = Math.max(upToImport, importId);
    }
}
