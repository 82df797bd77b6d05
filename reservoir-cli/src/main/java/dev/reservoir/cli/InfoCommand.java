package dev.reservoir.cli;

import dev.reservoir.engine.Engine;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.engine.TenantSummary;
import dev.reservoir.time.AsOf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code reservoir info [--as-of DATE] [--known-at INSTANT]}: what a tenant holds. */
@Command(name = "info", mixinStandardHelpOptions = true, sortOptions = false)
final class InfoCommand implements Callable<Integer> {
    @Mixin
    private SharedOptions shared;

    @Mixin
    private ServerOptions server;

    @Option(names = "--as-of", paramLabel = "DATE", converter = Converters.DateConverter.class,
            descriptionKey = "as-of")
    private LocalDate asOf;

    @Option(names = "--known-at", paramLabel = "INSTANT", converter = Converters.InstantConverter.class,
            descriptionKey = "known-at")
    private Instant knownAt;

    @Override
    public Integer call() {
        return shared.run(texts -> {
            if (server.given(shared)) {
                return server.forward(shared, "info");
            }
            try (Engine engine = shared.openEngine()) {
                TenantStore store = engine.store(shared.tenant());
                AsOf at = asOf(store, asOf, knownAt, shared);
                TenantSummary summary = store.summary(at);
                shared.print(() -> SummaryView.table(summary, at, texts), () -> SummaryView.json(summary, at, texts));
            }
            return 0;
        });
    }

    /** The given date, else today in the tenant's zone by the command's clock. */
    static AsOf asOf(TenantStore store, LocalDate date, Instant knownAt, SharedOptions shared) {
        LocalDate d = date != null ? date : LocalDate.now(shared.clock().withZone(store.tenant().timeZone()));
        return new AsOf(d, Optional.ofNullable(knownAt));
    }
}
