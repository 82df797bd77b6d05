package dev.reservoir.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokensTest {
    @TempDir
    Path dir;
    Clock clock = Clock.fixed(Instant.parse("2025-06-01T04:00:00Z"), ZoneOffset.UTC);

    @Test
    void issuedToken_opensItsTenantOnly_andSurvivesARestart_asAHash() throws Exception {
        Tokens tokens = new Tokens(dir, clock);
        Tokens.Issued a = tokens.issue("a");
        assertEquals(Optional.of("a"), tokens.tenantOf(a.text()));
        String file = Files.readString(dir.resolve("tokens.json"));
        assertFalse(file.contains(a.text()));
        assertTrue(file.contains(Tokens.sha256(a.text())));

        Tokens reopened = new Tokens(dir, clock);
        assertEquals(Optional.of("a"), reopened.tenantOf(a.text()), "read back from the file");
        // The right id with another secret, or no secret, opens nothing.
        String forged = a.text().substring(0, a.text().lastIndexOf('_') + 1) + "A".repeat(43);
        assertEquals(Optional.empty(), reopened.tenantOf(forged));
        assertEquals(Optional.empty(), reopened.tenantOf("rsv_" + a.token().id()));
        assertEquals(Optional.empty(), reopened.tenantOf(null));
        assertEquals(Optional.empty(), reopened.tenantOf("Bearer"));
    }

    @Test
    void revokeAll_removesEveryTokenOfTheTenant() {
        Tokens tokens = new Tokens(dir, clock);
        Tokens.Issued a1 = tokens.issue("a");
        Tokens.Issued a2 = tokens.issue("a");
        Tokens.Issued b = tokens.issue("b");
        assertEquals(2, tokens.revokeAll("a"));
        assertEquals(Optional.empty(), tokens.tenantOf(a1.text()));
        assertEquals(Optional.empty(), tokens.tenantOf(a2.text()));
        assertEquals(Optional.of("b"), new Tokens(dir, clock).tenantOf(b.text()));
    }

    @Test
    void sha256_isTheStandardDigest() {
        // FIPS 180-2's example: SHA-256("abc").
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Tokens.sha256("abc"));
    }
}
