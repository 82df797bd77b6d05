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

    @Override
    public Integer call() {
        return shared.run(texts -> {
            Mapping resolved = accessLog(mapping(texts), texts);
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
                        done.addAll(store.importFiles(request, (file, phase, fraction) ->
                                shown.show(file.getFileName() + ": " + phase.label(texts.locale()),
                                        base + fraction / files.size())).files());
                    } catch (ReservoirException e) {
                        if (done.isEmpty()) {
                            throw e;
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

    /** {@code --customers} turns the canonical layout into canonical-customers. */
    private Mapping mapping(Texts texts) {
        Mapping resolved = Mappings.resolve(mapping);
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
