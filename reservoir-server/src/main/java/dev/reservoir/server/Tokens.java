package dev.reservoir.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The per-tenant API tokens. A token is {@code rsv_<id>_<secret>}: the id (public, used to revoke
 * it) and 32 random bytes. Only the SHA-256 of the whole token is kept, in
 * {@code <state>/tokens.json}; the token itself is shown once, when issued. A plain hash is
 * enough (no salt, no slow hash) because the secret is 256 random bits, not a password.
 */
final class Tokens {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String PREFIX = "rsv_";

    /** One issued token, without its secret. */
    record Token(String id, String tenant, String sha256, String createdAt) {
        Token {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }

    /** A token just issued: the only time its text exists outside the client. */
    record Issued(Token token, String text) {
    }

    private final Path file;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Token> byId = new LinkedHashMap<>();

    Tokens(Path stateDirectory, Clock clock) {
        this.file = stateDirectory.resolve("tokens.json");
        this.clock = clock;
        load();
    }

    synchronized Issued issue(String tenant) {
        byte[] idBytes = new byte[6];
        random.nextBytes(idBytes);
        String id = HexFormat.of().formatHex(idBytes);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String text = PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Token token = new Token(id, tenant, sha256(text), clock.instant().toString());
        byId.put(id, token);
        save();
        return new Issued(token, text);
    }

    /** The tenant a token belongs to, when it is one this server issued and has not revoked. */
    synchronized Optional<String> tenantOf(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int split = text.indexOf('_', PREFIX.length());
        if (split < 0) {
            return Optional.empty();
        }
        Token token = byId.get(text.substring(PREFIX.length(), split));
        if (token == null || !matches(text, token.sha256())) {
            return Optional.empty();
        }
        return Optional.of(token.tenant());
    }

    /** The public id part of a token's text ({@code rsv_<id>_...}), the key of its rate limit. */
    static String idOf(String text) {
        int split = text.indexOf('_', PREFIX.length());
        return text.substring(PREFIX.length(), split);
    }

    synchronized List<Token> of(String tenant) {
        return byId.values().stream().filter(t -> t.tenant().equals(tenant)).toList();
    }

    synchronized boolean revoke(String id) {
        boolean removed = byId.remove(id) != null;
        if (removed) {
            save();
        }
        return removed;
    }

    /** Revokes every token of a tenant (when it is deleted); returns how many. */
    synchronized int revokeAll(String tenant) {
        List<String> ids = of(tenant).stream().map(Token::id).toList();
        ids.forEach(byId::remove);
        if (!ids.isEmpty()) {
            save();
        }
        return ids.size();
    }

    /** Constant-time comparison of a token's hash with a stored one. */
    static boolean matches(String text, String sha256Hex) {
        return MessageDigest.isEqual(sha256(text).getBytes(StandardCharsets.US_ASCII),
                sha256Hex.getBytes(StandardCharsets.US_ASCII));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            for (JsonNode t : root.get("tokens")) {
                Token token = new Token(t.get("id").asText(), t.get("tenant").asText(), t.get("sha256").asText(),
                        t.get("created_at").asText());
                byId.put(token.id(), token);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(file + ": not a tokens file written by reservoir serve: " + e.getMessage(), e);
        }
    }

    /** Written whole to a temporary file and moved over the old one: never half a file. */
    private void save() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("tokens");
        for (Token t : byId.values()) {
            list.addObject().put("id", t.id()).put("tenant", t.tenant()).put("sha256", t.sha256())
                    .put("created_at", t.createdAt());
        }
        try {
            dev.reservoir.engine.AtomicFiles.writeString(file, JSON.writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** For listing: every token's id and tenant, never a hash. */
    static List<Map<String, String>> describe(List<Token> tokens) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Token t : tokens) {
            out.add(Map.of("token_id", t.id(), "tenant", t.tenant(), "created_at", t.createdAt()));
        }
        return out;
    }
}
