package dev.reservoir.duckdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.event.Tenant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * One tenant's folder, {@code <data>/<tenant>/}: its settings ({@code tenant.json}), its DuckDB
 * database, its rejects and the engine's spill space. Deleting the folder deletes the tenant.
 */
record TenantFolder(Path root) {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SETTINGS = "tenant.json";

    Path settings() {
        return root.resolve(SETTINGS);
    }

    Path database() {
        return root.resolve("events.duckdb");
    }

    Path rejects() {
        return root.resolve("rejects");
    }

    Path spill() {
        return root.resolve("tmp");
    }

    boolean exists() {
        return Files.isRegularFile(settings());
    }

    Optional<Tenant> read() {
        if (!exists()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(settings().toFile());
            return Optional.of(new Tenant(node.get("id").asText(), Tenant.parseZone(node.get("time_zone").asText()),
                    Tenant.parseCurrency(node.get("currency").asText()), Instant.parse(node.get("created_at").asText())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + settings(), e);
        }
    }

    void write(Tenant tenant) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", tenant.id());
        node.put("time_zone", tenant.timeZone().getId());
        node.put("currency", tenant.currency().getCurrencyCode());
        node.put("created_at", tenant.createdAt().toString());
        try {
            // Written beside and moved into place, so a crash never leaves half a settings file.
            dev.reservoir.engine.AtomicFiles.writeString(settings(), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + settings(), e);
        }
    }
}
