package dev.reservoir.bench;

import dev.reservoir.generate.OutputFormat;

import java.util.List;

/**
 * What a run will write, estimated before it starts, so a run that cannot finish is refused
 * at once instead of failing after half an hour. Sizes per event were measured on the
 * generator's tea-chain files (DuckDB 1.5): Parquet 16 bytes, CSV 105 bytes; a store of 98M
 * such events 28 bytes, taken as {@link #STORE_BYTES} to leave room for less repetitive data
 * and for DuckDB's not yet reclaimed blocks.
 *
 * <p>Without {@code --keep} each database is deleted once measured, so at most the base store,
 * its working copy and one other database exist at a time; with {@code --keep} all of them stay.
 *
 * @param files  the generated event files (and the generator's customers and truth files)
 * @param stores the databases that exist at the same time, at most
 * @param margin spill files and DuckDB's write-ahead log
 */
record DiskPlan(long files, long stores, long margin) {
    static final long PARQUET_BYTES = 16;
    static final long CSV_BYTES = 105;
    static final long STORE_BYTES = 64;
    static final long MARGIN = 1L << 30;

    static DiskPlan of(long events, long baseEvents, List<OutputFormat> formats, int repeat, boolean keep) {
        long files = 0;
        for (OutputFormat f : formats) {
            files += events * (f == OutputFormat.PARQUET ? PARQUET_BYTES : CSV_BYTES);
        }
        files += files / 10; // customers, truth, the generator's spill
        long one = events * STORE_BYTES;
        long base = baseEvents * STORE_BYTES;
        long stores;
        if (keep) {
            // Per format and run: the baseline, the empty store, and a copy of the base store grown by the events.
            stores = base + (long) formats.size() * repeat * (2 * one + (baseEvents > 0 ? base + one : 0));
        } else {
            stores = baseEvents > 0 ? base + base + one : one;
        }
        return new DiskPlan(files, stores, MARGIN + (events + baseEvents) * 8);
    }

    long total() {
        return files + stores + margin;
    }
}
