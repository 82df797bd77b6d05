package dev.reservoir.bench;

import dev.reservoir.generate.OutputFormat;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A store made by an earlier {@code bench metrics --keep} run, reused by {@code --reuse DIR} so
 * that a change to the metrics or the rollup's upkeep can be measured again at 100M events
 * without generating, filling and building for half an hour first. A kept run saves, before it
 * measures anything, a copy of its store with the rollup and the stored sessions built
 * ({@code base/}) and what it generated ({@code base.properties}: the event count, the generated
 * customers, the generated files relative to the run directory). A reusing run copies that store
 * (the late import it times changes the store, so the copy is never opened in place).
 *
 * @param files     the earlier run's generated files (the late batch is made from the first)
 * @param customers how many customers the generator made
 */
record ReusedRun(EventFiles files, int customers) {
    static final String BASE = "base";
    private static final String MANIFEST = "base.properties";

    /** Saves {@code store} as {@code runDirectory/base} with its manifest. */
    static void save(Path runDirectory, Path store, EventFiles files, int customers, long events) throws IOException {
        BaseStore.copy(store, runDirectory.resolve(BASE));
        Properties p = new Properties();
        p.setProperty("events", Long.toString(events));
        p.setProperty("customers", Integer.toString(customers));
        p.setProperty("generated-events", Long.toString(files.events()));
        p.setProperty("generated-bytes", Long.toString(files.bytes()));
        List<String> names = new ArrayList<>();
        for (Path f : files.files()) {
            names.add(runDirectory.toAbsolutePath().relativize(f.toAbsolutePath()).toString());
        }
        p.setProperty("files", String.join("\n", names));
        try (Writer w = Files.newBufferedWriter(runDirectory.resolve(MANIFEST), StandardCharsets.UTF_8)) {
            p.store(w, "bench metrics --keep: the store in base/ before anything was measured");
        }
    }

    /** Reads a kept run directory; it must hold a base store of exactly {@code events} events. */
    static ReusedRun read(Path runDirectory, long events, Texts t) throws IOException {
        Path manifest = runDirectory.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest) || !Files.isDirectory(runDirectory.resolve(BASE))) {
            throw new IOException(t.format("error.reuse-missing", runDirectory, MANIFEST, BASE));
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        long saved = Long.parseLong(p.getProperty("events"));
        if (saved != events) {
            throw new IOException(t.format("error.reuse-events", runDirectory, t.count(saved), t.count(events)));
        }
        List<Path> paths = new ArrayList<>();
        for (String name : p.getProperty("files").split("\n")) {
            paths.add(runDirectory.resolve(name));
        }
        EventFiles files = new EventFiles(OutputFormat.PARQUET, paths, Long.parseLong(p.getProperty("generated-events")),
                Long.parseLong(p.getProperty("generated-bytes")), Duration.ZERO);
        return new ReusedRun(files, Integer.parseInt(p.getProperty("customers")));
    }
}
