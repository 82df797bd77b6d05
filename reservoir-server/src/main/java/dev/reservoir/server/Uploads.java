package dev.reservoir.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Files sent to {@code POST /t/{tenant}/import}: streamed to disk (never held in memory) in a
 * folder of their own under {@code <data>/server/uploads}, counted against the upload limit, and
 * deleted after the import. The file keeps the sender's file name, reduced to safe characters,
 * because its ending ({@code .csv.gz}, {@code .parquet}, ...) tells the importer its format.
 */
final class Uploads {
    private static final int BUFFER = 64 * 1024;
    private static final int MAX_NAME = 120;

    private Uploads() {
    }

    /**
     * Writes {@code body} to a new file named for {@code name}; 413 when {@code declaredLength}
     * (-1 when unknown) or the bytes actually read pass {@code limit}.
     */
    static Path receive(InputStream body, long declaredLength, Path uploads, String name, long limit) {
        if (declaredLength > limit) {
            throw new ApiException(ApiError.BODY_TOO_LARGE, limit);
        }
        Path folder = uploads.resolve(UUID.randomUUID().toString());
        Path file = folder.resolve(safeName(name));
        try {
            Files.createDirectories(folder);
            long total = 0;
            try (InputStream in = body; OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[BUFFER];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    total += n;
                    if (total > limit) {
                        throw new ApiException(ApiError.BODY_TOO_LARGE, limit);
                    }
                    out.write(buffer, 0, n);
                }
            }
            return file;
        } catch (IOException e) {
            delete(file);
            throw new UncheckedIOException("cannot receive upload " + name, e);
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    /** Deletes an uploaded file and its folder; what cannot be deleted is left (it is only a copy). */
    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        } catch (IOException e) {
            // left behind: a copy of a file the sender still has
        }
    }

    /**
     * The last segment of {@code name} with anything but letters, digits, {@code . _ -} made
     * {@code _}: never a path, never hidden, never empty, at most {@value #MAX_NAME} characters
     * (keeping the ending).
     */
    static String safeName(String name) {
        String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder b = new StringBuilder();
        last.codePoints().forEach(c -> b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_'
                || c == '-') ? (char) c : '_'));
        String safe = b.toString();
        if (safe.isEmpty() || safe.startsWith(".")) {
            safe = "upload" + safe;
        }
        return safe.length() > MAX_NAME ? safe.substring(safe.length() - MAX_NAME) : safe;
    }
}
