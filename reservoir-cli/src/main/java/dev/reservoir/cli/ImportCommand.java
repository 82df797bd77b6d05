package dev.reservoir.cli;

import dev.reservoir.engine.Engine;
import dev.reservoir.ingest.BuiltinMapping;
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

    @Override
    public Integer call() {
        return shared.run(texts -> {
            Mapping resolved = mapping(texts);
            ImportRequest request = new ImportRequest(files, resolved, strict, futureTolerance);
            ImportReport report;
            try (Engine engine = shared.openEngine(); Progress shown = progress.open()) {
                report = engine.store(shared.tenant()).importFiles(request, (file, phase, fraction) ->
                        shown.show(file.getFileName() + ": " + phase.label(texts.locale()), fraction));
            }
            shared.print(() -> ImportView.table(report, texts), () -> ImportView.json(report, texts));
            return 0;
        });
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
