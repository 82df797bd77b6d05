package dev.reservoir.duckdb;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The stored events' {@code id_key} (schema.sql): {@code hash(event_id)}, the compact screen the
 * import checks new ids against. DuckDB's hash() is only promised within one version, so the
 * store records which version filled the keys and fills them again under another.
 */
final class EventKeys {
    /** The key of an id, as every writer of events computes it. */
    static final String KEY_OF_EVENT_ID = "hash(event_id)";

    private EventKeys() {
    }

    /** Fills every stored event's id_key unless this DuckDB version already did (in its own transaction). */
    static void ensure(Statement st) throws SQLException {
        String version;
        try (ResultSet rs = st.executeQuery("SELECT library_version FROM pragma_version()")) {
            rs.next();
            version = rs.getString(1);
        }
        if (Importer.count(st, "SELECT count(*) FROM id_key_state WHERE duckdb_version = "
                + Sql.literal(version)) > 0) {
            return;
        }
        st.execute("BEGIN TRANSACTION");
        try {
            st.execute("UPDATE events SET id_key = " + KEY_OF_EVENT_ID);
            st.execute("DELETE FROM id_key_state");
            st.execute("INSERT INTO id_key_state VALUES (" + Sql.literal(version) + ")");
            st.execute("COMMIT");
        } catch (SQLException e) {
            st.execute("ROLLBACK"); // left unfilled: the next open tries again
            throw e;
        }
    }
}
