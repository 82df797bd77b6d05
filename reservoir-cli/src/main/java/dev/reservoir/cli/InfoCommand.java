package dev.reservoir.cli;

import dev.reservoir.engine.Engine;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.engine.TenantSummary;
import dev.reservoir.time.AsOf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code reservoir info [--as-of DATE] [--known-at INSTANT]}: what a tenant holds. */
@Command(name = "info", mixinStandardHelpOptions = true, sortOptions = false)
final class InfoCommand implements Callable<Integer> {
    @Mixin
    private SharedOptions shared;

    @Mixin
    private ServerOptions server;

    @Mixin
    private AsOfOptions asOf;

    @Override
    public Integer call() {
        return shared.run(texts -> {
            if (server.given(shared)) {
                return server.forward(shared, "info");
            }
            try (Engine engine = shared.openEngine()) {
                TenantStore store = engine.store(shared.tenant());
                AsOf at = asOf.resolve(store, shared);
                TenantSummary summary = store.summary(at);
                shared.print(() -> SummaryView.table(summary, at, texts), () -> SummaryView.json(summary, at, texts));
            }
            return 0;
        });
    }
}
