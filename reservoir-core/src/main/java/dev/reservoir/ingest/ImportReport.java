package dev.reservoir.ingest;

import java.time.Duration;
import java.util.List;

/** What happened to each file of one import, and the totals. */
public record ImportReport(String tenant, String mapping, List<FileReport> files) {
    public ImportReport {
        files = List.copyOf(files);
    }

    public long read() {
        return files.stream().mapToLong(FileReport::read).sum();
    }

    public long accepted() {
        return files.stream().mapToLong(FileReport::accepted).sum();
    }

    public long duplicates() {
        return files.stream().mapToLong(FileReport::duplicates).sum();
    }

    public long conflicts() {
        return files.stream().mapToLong(FileReport::conflicts).sum();
    }

    public long rejected() {
        return files.stream().mapToLong(FileReport::rejected).sum();
    }

    public long anonymous() {
        return files.stream().mapToLong(FileReport::anonymous).sum();
    }

    public Duration took() {
        return files.stream().map(FileReport::took).reduce(Duration.ZERO, Duration::plus);
    }
}
