package dev.reservoir.duckdb;

import dev.reservoir.engine.TenantStore;

import java.nio.file.Path;
import java.util.List;

/**
 * reservoir-duckdb's shared Online Retail import (ImportedOnlineRetail, tenant Europe/London,
 * GBP) for the risk tests, through its test-jar: package-private there, so opened here.
 */
public final class SharedRetail {
    private SharedRetail() {
    }

    /** The tenant holding the whole file (skips when the dataset is missing, fails under CI=true). */
    public static TenantStore store() {
        return ImportedOnlineRetail.get().store();
    }

    /** The file's lines as reservoir-duckdb's own reader (no engine code) reads them. */
    public static List<String> lines() {
        return ImportedOnlineRetail.get().lines();
    }

    /**
     * Each customer's order days on or before {@code asOf}, sorted, read straight from the raw
     * lines by reservoir-duckdb's second computation (ChurnOnlineRetailFile: plain Java, no engine code).
     */
    public static java.util.Map<String, java.util.TreeSet<java.time.LocalDate>> orderDays(java.time.LocalDate asOf) {
        return new ChurnOnlineRetailFile(lines(), asOf).days;
    }

    public static Path file() {
        return ImportedOnlineRetail.get().file();
    }
}
