package dev.reservoir.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code reservoir tenant create|list|delete}. */
@Command(name = "tenant", mixinStandardHelpOptions = true,
        subcommands = {TenantCreateCommand.class, TenantListCommand.class, TenantDeleteCommand.class})
final class TenantCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw ReservoirCommand.missingSubcommand(spec, ((ReservoirCommand) spec.root().userObject()).language());
    }
}
