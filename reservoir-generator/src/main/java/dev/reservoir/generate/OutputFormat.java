package dev.reservoir.generate;

/** The file format {@link ShopGenerator#writeTo} writes. */
public enum OutputFormat {
    /** Parquet files with typed columns (TIMESTAMPTZ, DECIMAL(18,2), BIGINT, BOOLEAN). */
    PARQUET("parquet"),
    /** UTF-8 CSV with a header; instants as ISO-8601 in UTC ({@code 2025-03-01T10:15:00Z}). */
    CSV("csv");

    private final String extension;

    OutputFormat(String extension) {
        this.extension = extension;
    }

    /** The file name extension, without the dot. */
    public String extension() {
        return extension;
    }
}
