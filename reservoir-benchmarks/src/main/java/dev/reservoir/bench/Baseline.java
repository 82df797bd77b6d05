package dev.reservoir.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * DuckDB's plain load of the same files, the yardstick of every ratio: a fresh database file,
 * an empty table of the files' own columns and types, then one
 * {@code INSERT INTO t SELECT * FROM read_parquet(files)} (or {@code read_csv} with the same
 * types). No checks, no de-duplication, no derived columns: the least any import must do.
 * Opened with the same memory limit and spill directory as a tenant store, on as many threads.
 */
final class Baseline implements AutoCloseable {
    private final Connection connection;
    private final EventFiles files;

    private Baseline(Connection connection, EventFiles files) {
        this.connection = connection;
        this.files = files;
    }

    /** Creates the database and the empty table; not timed. */
    static Baseline open(Path database, Path spill, String memoryLimit, EventFiles files) throws SQLException {
        Properties props = new Properties();
        props.setProperty("memory_limit", memoryLimit);
        props.setProperty("temp_directory", spill.toAbsolutePath().toString());
        Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database.toAbsolutePath(), props);
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE t AS SELECT * FROM " + files.scan() + " LIMIT 0");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new Baseline(connection, files);
    }

    /** The timed statement; returns the rows inserted. */
    long insert() throws SQLException {
        try (Statement st = connection.createStatement()) {
            return st.executeUpdate("INSERT INTO t SELECT * FROM " + files.scan());
        }
    }

    /** Rows in the table: the check that the load read every event. */
    long rows() throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
