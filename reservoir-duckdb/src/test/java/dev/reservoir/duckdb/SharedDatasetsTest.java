package dev.reservoir.duckdb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedDatasetsTest {
    @TempDir
    Path shared;

    @Test
    void locate_missingFolderOutsideCi_skips() {
        Path absent = shared.resolve("nowhere");
        TestAbortedException e = assertThrows(TestAbortedException.class,
                () -> SharedDatasets.locate(absent.toString(), null, "cdnow/CDNOW_master.txt"));
        assertTrue(e.getMessage().contains(absent.resolve("datasets/cdnow/CDNOW_master.txt").toString()), e.getMessage());
    }

    @Test
    void locate_missingFolderOnCi_failsNamingThePath() {
        Path absent = shared.resolve("nowhere");
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> SharedDatasets.locate(absent.toString(), "true", "cdnow/CDNOW_master.txt"));
        assertTrue(e.getMessage().contains(absent.resolve("datasets/cdnow/CDNOW_master.txt").toString()), e.getMessage());
    }

    @Test
    void locate_propertyUnsetOnCi_failsNamingTheProperty() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> SharedDatasets.locate(null, "true", "online_retail/online_retail.csv.gz"));
        assertTrue(e.getMessage().contains("reservoir.shared"), e.getMessage());
    }

    @Test
    void locate_ciOtherThanTrue_skips() {
        // Only CI=true turns a skip into a failure; CI=false or CI=1 is a developer's machine.
        assertThrows(TestAbortedException.class, () -> SharedDatasets.locate(shared.toString(), "false", "x.csv"));
    }

    @Test
    void locate_presentFile_returnsItsAbsolutePath() throws IOException {
        Path file = shared.resolve("datasets/cdnow/CDNOW_sample.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x");
        assertEquals(file.toAbsolutePath(), SharedDatasets.locate(shared.toString(), "true", "cdnow/CDNOW_sample.txt"));
    }
}
