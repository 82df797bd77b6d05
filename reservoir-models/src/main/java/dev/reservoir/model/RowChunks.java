package dev.reservoir.model;

import java.util.stream.IntStream;

/**
 * Sums over the rows of a large likelihood in a few chunks on the common fork-join pool, one
 * per processor. Small data (under 32,768 rows per chunk) is summed in one chunk, so a fit
 * such as CDNOW's gives the same bits on every machine.
 */
final class RowChunks {
    static final int MIN_ROWS_PER_CHUNK = 32_768;

    private RowChunks() {
    }

    interface Chunk {
        /** Adds the terms of rows [from, to) into {@code sums}. */
        void sum(int from, int to, double[] sums);
    }

    static double[] sum(int rows, int width, Chunk chunk) {
        int parts = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), rows / MIN_ROWS_PER_CHUNK));
        if (parts == 1) {
            double[] sums = new double[width];
            chunk.sum(0, rows, sums);
            return sums;
        }
        double[][] partial = new double[parts][width];
        IntStream.range(0, parts).parallel().forEach(p ->
                chunk.sum((int) ((long) rows * p / parts), (int) ((long) rows * (p + 1) / parts), partial[p]));
        double[] sums = new double[width];
        for (double[] part : partial) {
            for (int j = 0; j < width; j++) {
                sums[j] += part[j];
            }
        }
        return sums;
    }
}
