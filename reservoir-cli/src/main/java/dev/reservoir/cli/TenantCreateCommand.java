package dev.reservoir.cli;

import dev.reservoir.engine.Engine;
import dev.reservoir.event.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.ZoneId;
import java.util.Currency;
import java.util.concurrent.Callable;

/** {@code reservoir tenant create T [--time-zone Asia/Shanghai] [--currency CNY]}. */
@Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false)
final class TenantCreateCommand implements Callable<Integer> {
    @Mixin
    private SharedOptions shared;

    @Parameters(index = "0", paramLabel = "T", descriptionKey = "tenant-id")
    private String id;

    @Option(names = "--time-zone", paramLabel = "ZONE", defaultValue = "Asia/Shanghai", descriptionKey = "time-zone")
    private String timeZone;

    @Option(names = "--currency", paramLabel = "CODE", defaultValue = "CNY", descriptionKey = "currency")
    private String currency;

    @Override
    public Integer call() {
        return shared.run(texts -> {
            // Checked before the engine opens, so a typo costs nothing and names the value.
            Tenant.checkId(id);
            ZoneId zone = Tenant.parseZone(timeZone);
            Currency money = Tenant.parseCurrency(currency);
            try (Engine engine = shared.openEngine()) {
                Tenant tenant = engine.createTenant(id, zone, money);
                shared.print(() -> texts.format("tenant.created", TenantView.phrase(tenant), shared.dataDirectory())
                        + "\n", () -> {
                            var node = Json.object();
                            node.set("created", TenantView.json(tenant));
                            return node;
                        });
            }
            return 0;
        });
    }
}
