package dev.reservoir.server;

import dev.reservoir.engine.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code <data>/server/owner.json}: which {@code reservoir serve} owns the data directory, so a
 * command pointed at it can name the server's address instead of only "another process". It is
 * advice, never the authority: the data directory's lock is. A file left by a killed server is
 * replaced by the next server and ignored by commands, which trust it only when its process is
 * the one holding the lock.
 */
public final class OwnerFile {
    static final String FILE_NAME = "owner.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param pid       the server's process
     * @param url       where it listens, for a command on this machine ({@code http://127.0.0.1:7070})
     * @param startedAt when it started
     */
    public record Owner(long pid, String url, Instant startedAt) {
    }

    private OwnerFile() {
    }

    /** Records {@code owner} in {@code stateDirectory}, whole (written beside, then moved over). */
    static void write(Path stateDirectory, Owner owner) {
        try {
            String text = JSON.createObjectNode().put("pid", owner.pid()).put("url", owner.url())
                    .put("started_at", owner.startedAt().toString()).toPrettyString();
            AtomicFiles.writeString(stateDirectory.resolve(FILE_NAME), text + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + stateDirectory.resolve(FILE_NAME), e);
        }
    }

    /** Removes the record if it is still {@code owner}'s (a newer server's record stays). */
    static void remove(Path stateDirectory, Owner owner) {
        if (read(stateDirectory).filter(owner::equals).isPresent()) {
            try {
                Files.deleteIfExists(stateDirectory.resolve(FILE_NAME));
            } catch (IOException e) {
                // A record left behind is harmless: the lock, not this file, says who owns the data.
            }
        }
    }

    /** The recorded owner; empty when there is none or it cannot be read (it is only advice). */
    public static Optional<Owner> read(Path stateDirectory) {
        Path file = stateDirectory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (!node.path("pid").canConvertToLong() || !node.path("url").isTextual()) {
                return Optional.empty();
            }
            return Optional.of(new Owner(node.get("pid").asLong(), node.get("url").asText(),
                    Instant.parse(node.path("started_at").asText())));
        } catch (IOException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The address a command on this machine uses: a wildcard host means this machine's loopback. */
    static String url(String host, int port) {
        String h = switch (host) {
            case "0.0.0.0", "::", "[::]", "" -> "127.0.0.1";
            default -> host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        };
        return "http://" + h + ":" + port;
    }
}
