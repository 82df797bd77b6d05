package dev.reservoir.ingest;

import dev.reservoir.engine.AtomicFiles;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.ReservoirException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A tenant's saved mappings: the YAML of each, checked when saved, kept as {@code NAME.yaml} in
 * the tenant's {@code mappings/} folder beside its database. A saved mapping is named in an
 * import like a built-in one ({@code --mapping pos-export}), so that a mapping can reach a data
 * directory owned by {@code reservoir serve} (which never reads a file a request names) and be
 * used again without the file.
 */
public final class SavedMappings {
    /** What may name a saved mapping: also a safe file name on every system. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    /** More than any real mapping (a few hundred bytes): a bound on what a request may store. */
    public static final int MAX_BYTES = 64 * 1024;
    private static final String SUFFIX = ".yaml";

    private final Optional<Path> folder;

    private SavedMappings(Optional<Path> folder) {
        this.folder = folder;
    }

    /** The mappings saved in {@code folder} (which need not exist yet). */
    public static SavedMappings in(Path folder) {
        return new SavedMappings(Optional.of(folder));
    }

    /** The mappings of {@code tenant} in a data directory: its folder's {@code mappings/}. */
    public static SavedMappings ofTenant(Path dataDirectory, String tenant) {
        return in(dataDirectory.resolve(tenant).resolve("mappings"));
    }

    /** No saved mappings: where no tenant is known. */
    public static SavedMappings none() {
        return new SavedMappings(Optional.empty());
    }

    /** Whether {@code name} can name a saved mapping: the pattern, and no built-in mapping's name. */
    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches() && BuiltinMapping.Layout.byName(name).isEmpty();
    }

    /** Checks {@code yaml} as an import would and keeps it as {@code name}, replacing an earlier one. */
    public Mapping save(String name, String yaml) {
        Path dir = folder.orElseThrow(() -> new IllegalStateException("no folder to save mappings in"));
        if (!isName(name)) {
            throw new ReservoirException(ErrorCode.INVALID_MAPPING_NAME, name, BuiltinMapping.Layout.names());
        }
        if (yaml.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new ReservoirException(ErrorCode.INVALID_MAPPING, name, "more than " + MAX_BYTES + " bytes");
        }
        Mapping mapping = Mappings.parse(yaml, name, name);
        try {
            AtomicFiles.writeString(dir.resolve(name + SUFFIX), yaml);
        } catch (IOException e) {
            throw new ReservoirException(e, ErrorCode.FILE_NOT_WRITABLE, dir.resolve(name + SUFFIX), e.getMessage());
        }
        return mapping;
    }

    /** The saved mappings' names, sorted. */
    public List<String> names() {
        if (folder.isEmpty() || !Files.isDirectory(folder.get())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder.get())) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(SUFFIX))
                    .map(f -> f.substring(0, f.length() - SUFFIX.length())).filter(SavedMappings::isName).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The YAML saved as {@code name}, as it was sent. */
    public Optional<String> text(String name) {
        Optional<Path> file = file(name);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file.get(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ReservoirException(e, ErrorCode.UNREADABLE_FILE, file.get(), "YAML", e.getMessage());
        }
    }

    /** The mapping saved as {@code name}, checked again (the rules may have grown since it was saved). */
    public Optional<Mapping> find(String name) {
        return text(name).map(yaml -> Mappings.parse(yaml, name, name));
    }

    /** Deletes the mapping saved as {@code name}; false when there was none. */
    public boolean delete(String name) {
        Optional<Path> file = file(name);
        try {
            return file.isPresent() && Files.deleteIfExists(file.get());
        } catch (IOException e) {
            throw new ReservoirException(e, ErrorCode.FILE_NOT_WRITABLE, file.get(), e.getMessage());
        }
    }

    private Optional<Path> file(String name) {
        if (folder.isEmpty() || !isName(name)) {
            return Optional.empty();
        }
        Path file = folder.get().resolve(name + SUFFIX);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }
}
