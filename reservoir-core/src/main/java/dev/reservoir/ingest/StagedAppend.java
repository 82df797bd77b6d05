package dev.reservoir.ingest;

/**
 * Events written aside by {@code TenantStore.stageAppend}, waiting for their commit. Staging is
 * the part of an append that needs no writer (the rows copied into the store's own form), so a
 * caller committing groups one after another stages the next group while the one before commits.
 * Closing without committing drops the staged rows.
 */
public interface StagedAppend extends AutoCloseable {
    /** Stores the staged events as {@code TenantStore.appendUnlessStored} would; once only. */
    AppendOutcome commit();

    /** Releases what the staging held (and drops its rows if they were not committed). */
    @Override
    void close();
}
