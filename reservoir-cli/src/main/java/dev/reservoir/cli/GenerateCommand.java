package dev.reservoir.cli;

import dev.reservoir.generate.GeneratedShop;
import dev.reservoir.generate.GeneratorSpec;
import dev.reservoir.generate.OutputFormat;
import dev.reservoir.generate.Profile;
import dev.reservoir.generate.ShopGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code reservoir generate --profile tea-chain --customers N --days D --seed S --out DIR
 * [--file-format parquet|csv]}: a synthetic shop with a known ground truth. The file format is
 * {@code --file-format} because {@code --format} means table or JSON on every command.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false)
final class GenerateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private SharedOptions shared;

    @Mixin
    private ProgressOption progress;

    @Mixin
    private ShopOptions shop;

    @Option(names = "--out", paramLabel = "DIR", required = true, descriptionKey = "out")
    private Path out;

    @Option(names = "--file-format", paramLabel = "parquet|csv", defaultValue = "parquet",
            converter = Converters.FileFormatConverter.class, descriptionKey = "file-format")
    private OutputFormat fileFormat;

    @Override
    public Integer call() {
        GeneratorSpec generatorSpec = shop.spec(spec, shared).withFormat(fileFormat);
        return shared.run(texts -> {
            GeneratedShop generated = generate(generatorSpec, out, progress, texts);
            shared.print(() -> ShopView.table(generated, generatorSpec, texts),
                    () -> ShopView.json(generated, generatorSpec));
            return 0;
        });
    }

    static GeneratedShop generate(GeneratorSpec spec, Path out, ProgressOption progress, Texts texts)
            throws java.io.IOException {
        String what = texts.format("generate.progress", spec.profile().profileName());
        try (Progress shown = progress.open()) {
            return new ShopGenerator(spec).writeTo(out, fraction -> shown.show(what, fraction));
        }
    }

    /** {@code --profile --customers --days --seed}, shared with {@code demo}. */
    static final class ShopOptions {
        @Option(names = "--profile", paramLabel = "tea-chain|ecommerce|education", defaultValue = "tea-chain",
                converter = Converters.ProfileConverter.class, descriptionKey = "profile")
        private Profile profile;

        @Option(names = "--customers", paramLabel = "N", defaultValue = "2000", descriptionKey = "customers")
        private int customers;

        @Option(names = "--days", paramLabel = "D", defaultValue = "365", descriptionKey = "days")
        private int days;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "42", descriptionKey = "seed")
        private long seed;

        /** The spec, or a usage error naming the option that is out of range. */
        GeneratorSpec spec(CommandSpec command, SharedOptions shared) {
            try {
                return GeneratorSpec.of(profile, customers, days, seed);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(command.commandLine(), shared.texts().format("generate.invalid",
                        e.getMessage()));
            }
        }
    }
}
