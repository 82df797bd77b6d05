package dev.reservoir.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a small text file aside and moves it into place, so that a reader (or a crash) never
 * sees half of it: settings, tokens, saved mappings and tags, reports.
 */
public final class AtomicFiles {
    /** Tells apart the temporary files of writers in one process. */
    private static final AtomicLong WRITES = new AtomicLong();

    private AtomicFiles() {
    }

    /** Replaces {@code file} with {@code text} (UTF-8), creating its folder when missing. */
    public static void writeString(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // Beside the file (the same file system, so the move is atomic), with the process id and a
        // counter in its name for concurrent writers. Not Files.createTempFile: its owner-only
        // permissions would stay on the file.
        Path temporary = parent.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + "."
                + WRITES.incrementAndGet() + ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
