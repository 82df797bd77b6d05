package dev.reservoir.cli;

import dev.reservoir.engine.Engine;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.ingest.BuiltinMapping;
import dev.reservoir.ingest.FileReport;
import dev.reservoir.ingest.ImportReport;
import dev.reservoir.ingest.ImportRequest;
import dev.reservoir.ingest.ImportTarget;
import dev.reservoir.ingest.Mapping;
import dev.reservoir.ingest.Mappings;
import dev.reservoir.ingest.SavedMappings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code reservoir import FILE... [--mapping NAME|mapping.yaml] [--customers] [--strict]
 * [--future-tolerance 1d]}: each file is stored whole or not at all; rows already stored are
 * counted as duplicates, so importing again is safe.
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false)
final class ImportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private SharedOptions shared;

    @Mixin
    private ServerOptions server;

    @Mixin
    private ProgressOption progress;

    @Parameters(paramLabel = "FILE", arity = "1..*", descriptionKey = "files")
    private List<Path> files;

    @Option(names = "--mapping", paramLabel = "NAME|FILE.yaml", defaultValue = "canonical", descriptionKey = "mapping")
    private String mapping;

    @Option(names = "--customers", descriptionKey = "import-customers")
    private boolean customers;

    @Option(names = "--strict", descriptionKey = "strict")
    private boolean strict;

    @Option(names = "--future-tolerance", paramLabel = "DURATION", defaultValue = "1d",
            converter = Converters.DurationConverter.class, descriptionKey = "future-tolerance")
    private Duration futureTolerance;

    @Option(names = "--mask-ip", paramLabel = "BYTES", descriptionKey = "import-mask-ip")
    private Integer maskIp;

    @Option(names = "--include-crawlers", descriptionKey = "import-include-crawlers")
    private boolean includeCrawlers;

    /**
     * What the answer calls the one file, when it is a copy: the server imports an upload under
     * the name its sender typed. Not for people, hence hidden.
     */
    @Option(names = "--shown-as", hidden = true, paramLabel = "NAME")
    private String shownAs;

    @Override
    public Integer call() {
        return shared.run(texts -> {
            if (server.given(shared)) {
                return remote(texts);
            }
            Mapping resolved = accessLog(mapping(texts, SavedMappings.ofTenant(shared.dataDirectory(), shared.tenant())), texts);
            List<FileReport> done = new ArrayList<>();
            String tenant;
            try (Engine engine = shared.openEngine(); Progress shown = progress.open()) {
                TenantStore store = engine.store(shared.tenant());
                tenant = store.tenant().id();
                // One file at a time: each is committed on its own, so when file 3 fails the
                // user must still hear that files 1 and 2 were stored.
                for (int i = 0; i < files.size(); i++) {
                    double base = (double) i / files.size();
                    ImportRequest request = new ImportRequest(List.of(files.get(i)), resolved, strict,
                            futureTolerance);
                    try {
                        store.importFiles(request, (file, phase, fraction) ->
                                shown.show(file.getFileName() + ": " + phase.label(texts.locale()),
                                        base + fraction / files.size())).files().forEach(f -> done.add(named(f)));
                    } catch (ReservoirException e) {
                        if (done.isEmpty()) {
                            throw named(e, files.get(i));
                        }
                        shown.close();
                        ImportReport partial = new ImportReport(tenant, resolved.name(), done);
                        return shared.failAfter(e, () -> ImportView.table(partial, texts),
                                () -> ImportView.json(partial, texts));
                    }
                }
            }
            ImportReport report = new ImportReport(tenant, resolved.name(), done);
            shared.print(() -> ImportView.table(report, texts), () -> ImportView.json(report, texts));
            return 0;
        });
    }

    /** The report of a copy under {@code --shown-as}: the file and its rejections named as the sender named it. */
    private FileReport named(FileReport f) {
        if (shownAs == null) {
            return f;
        }
        String copy = f.file().toString();
        List<dev.reservoir.ingest.Rejection> rejections = f.firstRejections().stream()
                .map(r -> r.file().equals(copy) ? new dev.reservoir.ingest.Rejection(shownAs, r.line(), r.column(),
                        r.value(), r.code(), r.args()) : r)
                .toList();
        return new FileReport(shownPath(), f.read(), f.accepted(), f.duplicates(), f.conflicts(), f.rejected(),
                f.anonymous(), rejections, f.rejectsFile(), f.conflictsFile(), f.took(), f.skipped());
    }

    /** An error about a copy under {@code --shown-as}, naming the file as the sender named it. */
    private ReservoirException named(ReservoirException e, Path copy) {
        if (shownAs == null) {
            return e;
        }
        Object[] args = e.args().stream()
                .map(a -> a != null && a.toString().equals(copy.toString()) ? shownAs : a).toArray();
        return new ReservoirException(e.getCause(), e.code(), args);
    }

    private Path shownPath() {
        return Path.of(shownAs.replace('\0', '_')); // NUL is the one character no path on Linux may hold
    }

    /**
     * Each file uploaded to the server ({@code POST /t/{tenant}/import}) and imported there, one
     * after another as locally. A mapping file is checked here, saved for the tenant on the server
     * ({@code PUT /t/{tenant}/mappings/NAME}, NAME from the file's name) and named in each import;
     * a built-in or saved mapping is named as given. A table is printed per file as the server
     * answers; JSON is one object for all.
     */
    private int remote(Texts texts) throws java.io.IOException {
        List<java.util.Map.Entry<String, String>> named = List.of();
        boolean builtin = BuiltinMapping.Layout.byName(mapping).isPresent();
        Path yaml = Path.of(mapping);
        boolean mappingFile = !builtin && !SavedMappings.isName(mapping) && java.nio.file.Files.isRegularFile(yaml);
        if (builtin || mappingFile) {
            accessLog(mapping(texts, SavedMappings.none()), texts); // the same checks as locally, before anything is sent
        }
        if (mappingFile) {
            String name = savedName(yaml);
            server.save(shared, "mappings/" + name, java.nio.file.Files.readString(yaml));
            named = List.of(java.util.Map.entry("mapping", name));
        } else if (!builtin && !SavedMappings.isName(mapping)) {
            throw new ParameterException(spec.commandLine(), texts.format("server.import-mapping", mapping,
                    BuiltinMapping.Layout.names()));
        }
        boolean table = shared.format() == Format.TABLE;
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        // Asked first (this also checks the token): a file over the limit is never sent.
        long limit = mapper.readTree(server.describe(shared, "import")).path("max_upload_bytes").asLong(Long.MAX_VALUE);
        List<com.fasterxml.jackson.databind.JsonNode> done = new ArrayList<>();
        for (Path file : files) {
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new ReservoirException(dev.reservoir.engine.ErrorCode.FILE_NOT_FOUND, file);
            }
            long size = java.nio.file.Files.size(file);
            if (size > limit) {
                ReservoirException e = new ReservoirException(dev.reservoir.engine.ErrorCode.UPLOAD_TOO_LARGE, file, size,
                        limit);
                if (done.isEmpty() || table) {
                    throw e;
                }
                return shared.failAfter(e, () -> "", () -> combined(done));
            }
            String body;
            try {
                // The name as typed: the answer shows it, as a local import would.
                List<java.util.Map.Entry<String, String>> extra = new ArrayList<>(named);
                extra.add(java.util.Map.entry("name", file.toString()));
                body = server.upload(shared, "import", file, table ? "table" : "json",
                        named.isEmpty() ? java.util.Set.of() : java.util.Set.of("mapping"), extra);
            } catch (ServerOptions.Failure e) {
                if (done.isEmpty() || table) {
                    throw e; // with a table, the files stored before were printed already
                }
                return shared.failAfter(e, () -> combined(done));
            }
            if (table) {
                shared.out().print(body);
                shared.out().flush();
            } else {
                done.add(mapper.readTree(body));
            }
        }
        if (!table) {
            shared.out().println(Json.write(combined(done)));
            shared.out().flush();
        }
        return 0;
    }

    /**
     * The server's answers for several files as one, as a local import of them all prints it:
     * every file in order and the total (its rate from the summed milliseconds).
     */
    static com.fasterxml.jackson.databind.JsonNode combined(List<com.fasterxml.jackson.databind.JsonNode> answers) {
        if (answers.size() == 1) {
            return answers.get(0);
        }
        com.fasterxml.jackson.databind.node.ObjectNode node = Json.object();
        node.put("tenant", answers.get(0).path("tenant").asText());
        node.put("mapping", answers.get(0).path("mapping").asText());
        com.fasterxml.jackson.databind.node.ArrayNode all = node.putArray("files");
        com.fasterxml.jackson.databind.node.ObjectNode total = node.putObject("total");
        List<String> counts = List.of("read", "accepted", "duplicates", "conflicts", "rejected", "anonymous", "took_ms");
        long[] sums = new long[counts.size()];
        for (com.fasterxml.jackson.databind.JsonNode answer : answers) {
            answer.path("files").forEach(all::add);
            for (int i = 0; i < counts.size(); i++) {
                sums[i] += answer.path("total").path(counts.get(i)).asLong();
            }
        }
        for (int i = 0; i < counts.size(); i++) {
            total.put(counts.get(i), sums[i]);
        }
        long read = sums[0];
        long millis = sums[counts.size() - 1];
        if (millis == 0) {
            total.putNull("rows_per_second");
        } else {
            total.put("rows_per_second", Math.round(read * 1000.0 / millis));
        }
        return node;
    }

    /**
     * The name a mapping file is saved under on the server: its file name without the
     * {@code .yaml} ending, in lower case, other characters as {@code -}; a name that would be a
     * built-in mapping's gets {@code file-} before it.
     */
    static String savedName(Path file) {
        String stem = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).replaceFirst("\\.ya?ml$", "")
                .replaceAll("[^a-z0-9_-]", "-").replaceFirst("^[-_]+", "");
        String name = stem.isEmpty() ? "mapping" : stem.substring(0, Math.min(stem.length(), 59));
        return SavedMappings.isName(name) ? name : "file-" + name;
    }

    /** {@code --mask-ip} and {@code --include-crawlers} change the access-log mapping's settings. */
    private Mapping accessLog(Mapping resolved, Texts texts) {
        if (maskIp == null && !includeCrawlers) {
            return resolved;
        }
        if (!(resolved instanceof BuiltinMapping b && b.layout() == BuiltinMapping.Layout.ACCESS_LOG)) {
            throw new ParameterException(spec.commandLine(), texts.format("import.access-log-only", resolved.name()));
        }
        if (maskIp != null && (maskIp < 0 || maskIp > 3)) {
            throw new ParameterException(spec.commandLine(), texts.format("import.mask-ip-range", maskIp));
        }
        return new BuiltinMapping(b.layout(), b.zoneOverride(), new dev.reservoir.ingest.AccessLogSettings(
                maskIp != null ? maskIp : b.accessLog().maskBytes(), includeCrawlers || b.accessLog().includeCrawlers()));
    }

    /**
     * The mapping named (built-in, saved for the tenant, or a YAML file); {@code --customers}
     * turns the canonical layout into canonical-customers.
     */
    private Mapping mapping(Texts texts, SavedMappings saved) {
        Mapping resolved = Mappings.resolve(mapping, saved);
        if (!customers) {
            return resolved;
        }
        if (resolved instanceof BuiltinMapping b && b.layout() == BuiltinMapping.Layout.CANONICAL) {
            return new BuiltinMapping(BuiltinMapping.Layout.CANONICAL_CUSTOMERS, b.zoneOverride());
        }
        if (resolved.target() != ImportTarget.CUSTOMERS) {
            throw new ParameterException(spec.commandLine(), texts.format("import.customers-mismatch",
                    resolved.name()));
        }
        return resolved;
    }
}
