package dev.reservoir.duckdb;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Finds the real public datasets ({@code shared/datasets} beside the checkout) for tests.
 *
 * <p>The root pom passes {@code ${maven.multiModuleProjectDirectory}/../shared} to Surefire as
 * the system property {@code reservoir.shared}. A checkout without the datasets skips the tests
 * that need them, so a contributor can build anywhere; on CI (environment variable {@code CI}
 * is {@code true}) a missing file fails instead, so a green CI build always means the real data
 * was read.
 */
final class SharedDatasets {
    static final String PROPERTY = "reservoir.shared";

    private SharedDatasets() {
    }

    /** {@code datasets/online_retail/online_retail.csv.gz}. */
    static Path onlineRetail() {
        return file("online_retail/online_retail.csv.gz");
    }

    /** A file of {@code datasets/cdnow/}, such as {@code CDNOW_master.txt}. */
    static Path cdnow(String name) {
        return file("cdnow/" + name);
    }

    /** A file under {@code datasets/}; skips (or on CI fails) the calling test when it is missing. */
    static Path file(String relative) {
        return locate(System.getProperty(PROPERTY), System.getenv("CI"), relative);
    }

    /** The rule itself, with its inputs passed in so that it can be tested without CI. */
    static Path locate(String sharedProperty, String ciVariable, String relative) {
        boolean ci = "true".equalsIgnoreCase(ciVariable);
        if (sharedProperty == null || sharedProperty.isBlank()) {
            String why = "system property '" + PROPERTY + "' is not set (the root pom sets it to"
                    + " ${maven.multiModuleProjectDirectory}/../shared); cannot find datasets/" + relative;
            missing(ci, why);
        }
        Path file = Path.of(sharedProperty).resolve("datasets").resolve(relative).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            missing(ci, "dataset file not found: " + file + " (" + PROPERTY + " = " + sharedProperty + ")");
        }
        return file;
    }

    /** The file's SHA-256 in lower-case hex, to check it is the one PROVENANCE.md describes. */
    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void missing(boolean ci, String why) {
        if (ci) {
            Assertions.fail("CI=true and the real data is required: " + why);
        }
        Assumptions.abort(why + "; skipping (set CI=true to make this a failure)");
    }
}
