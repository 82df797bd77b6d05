package dev.reservoir.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What happened to one imported file.
 * {@code read = accepted + duplicates + conflicts + rejected + skipped}.
 *
 * @param read        rows read from the file
 * @param accepted    rows stored as new events (or new / changed customers)
 * @param duplicates  rows whose event id the tenant already had with the same content (or that
 *                    repeated an earlier row of the same import): ignored, so resending is safe
 * @param conflicts   rows whose event id was already stored with different content: the first
 *                    is kept, these are listed in {@code conflictsFile}
 * @param rejected    rows that failed a check, listed in {@code rejectsFile}
 * @param anonymous   accepted rows without a customer id (anonymous visitors)
 * @param firstRejections at most 20 rejections, in line order, for the terminal
 * @param rejectsFile the file in the data directory with every rejected row, or {@code null}
 * @param conflictsFile the file in the data directory with every conflict, or {@code null}
 * @param skipped     rows the mapping leaves out by its documented rules, not errors (the
 *                    access log's assets, failed requests and crawlers); 0 for other mappings
 */
public record FileReport(
        Path file,
        long read,
        long accepted,
        long duplicates,
        long conflicts,
        long rejected,
        long anonymous,
        List<Rejection> firstRejections,
        Path rejectsFile,
        Path conflictsFile,
        Duration took,
        long skipped) {

    public static final int REJECTIONS_SHOWN = 20;

    public FileReport {
        Objects.requireNonNull(file, "file");
        firstRejections = List.copyOf(firstRejections);
        Objects.requireNonNull(took, "took");
        if (read != accepted + duplicates + conflicts + rejected + skipped) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%s: read %d != accepted %d + duplicates %d + conflicts %d + rejected %d + skipped %d",
                    file, read, accepted, duplicates, conflicts, rejected, skipped));
        }
    }

    /** A report of a file whose mapping skips no rows. */
    public FileReport(Path file, long read, long accepted, long duplicates, long conflicts, long rejected,
                      long anonymous, List<Rejection> firstRejections, Path rejectsFile, Path conflictsFile,
                      Duration took) {
        this(file, read, accepted, duplicates, conflicts, rejected, anonymous, firstRejections, rejectsFile,
                conflictsFile, took, 0);
    }
}
