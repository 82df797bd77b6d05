package dev.reservoir.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --progress}, for the commands that can take long (import, generate, demo). */
final class ProgressOption {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--progress", descriptionKey = "progress")
    private boolean forced;

    /** Progress on stderr when it is a terminal, or always with {@code --progress}. */
    Progress open() {
        ReservoirCommand root = (ReservoirCommand) mixee.root().userObject();
        return new Progress(mixee.commandLine().getErr(), forced || root.terminal());
    }
}
