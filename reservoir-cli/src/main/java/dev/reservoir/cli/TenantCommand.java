package dev.reservoir.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code reservoir tenant create|list|delete}. */
@Command(name = "tenant", mixinStandardHelpOptions = true,
        subcommands = {TenantCreateCommand.class, TenantListCommand.class, TenantDeleteCommand.class})
final class TenantCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** {@code reservoir tenant --lang zh ...}: as on the top command, for help and the subcommand. */
    @Option(names = "--lang", paramLabel = "en|zh", converter = Language.Converter.class, descriptionKey = "lang")
    void language(Language value) {
        ((ReservoirCommand) spec.root().userObject()).language(value);
    }

    @Override
    public Integer call() {
        throw ReservoirCommand.missingSubcommand(spec, ((ReservoirCommand) spec.root().userObject()).language());
    }
}
