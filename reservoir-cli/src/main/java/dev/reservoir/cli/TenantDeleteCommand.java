package dev.reservoir.cli;

import dev.reservoir.engine.Engine;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.engine.TenantSummary;
import dev.reservoir.event.Tenant;
import dev.reservoir.time.AsOf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.time.LocalDate;
import java.util.concurrent.Callable;

/** {@code reservoir tenant delete T}: asks nothing, says what it removed. */
@Command(name = "delete", mixinStandardHelpOptions = true, sortOptions = false)
final class TenantDeleteCommand implements Callable<Integer> {
    /** Late enough for every stored event, early enough for the engine's date arithmetic. */
    private static final LocalDate EVERYTHING = LocalDate.of(9999, 12, 30);

    @Mixin
    private SharedOptions shared;

    @Parameters(index = "0", paramLabel = "T", descriptionKey = "tenant-id")
    private String id;

    @Override
    public Integer call() {
        return shared.run(texts -> {
            Tenant.checkId(id);
            Tenant tenant;
            TenantSummary held;
            try (Engine engine = shared.openEngine()) {
                tenant = engine.tenant(id).orElseThrow(() ->
                        new ReservoirException(ErrorCode.TENANT_NOT_FOUND, id, shared.dataDirectory()));
                // Counted before deleting, so the user sees what went.
                held = engine.store(id).summary(AsOf.of(EVERYTHING));
                engine.deleteTenant(id);
            }
            shared.print(() -> texts.format("tenant.deleted", TenantView.phrase(tenant), texts.count(held.events()),
                    texts.count(held.profiles()), texts.count(held.imports())) + "\n", () -> {
                        var node = Json.object();
                        var removed = node.putObject("deleted");
                        removed.setAll(TenantView.json(tenant));
                        removed.put("events", held.events());
                        removed.put("profiles", held.profiles());
                        removed.put("imports", held.imports());
                        return node;
                    });
            return 0;
        });
    }
}
