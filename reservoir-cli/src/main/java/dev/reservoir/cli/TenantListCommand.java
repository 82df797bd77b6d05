package dev.reservoir.cli;

import dev.reservoir.engine.Engine;
import dev.reservoir.event.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code reservoir tenant list}. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false)
final class TenantListCommand implements Callable<Integer> {
    @Mixin
    private SharedOptions shared;

    @Override
    public Integer call() {
        return shared.run(texts -> {
            List<Tenant> tenants;
            try (Engine engine = shared.openEngine()) {
                tenants = engine.tenants();
            }
            shared.print(() -> table(tenants, texts), () -> {
                var node = Json.object();
                node.put("data", shared.dataDirectory().toString());
                var list = node.putArray("tenants");
                tenants.forEach(t -> list.add(TenantView.json(t)));
                return node;
            });
            return 0;
        });
    }

    private String table(List<Tenant> tenants, Texts texts) {
        if (tenants.isEmpty()) {
            return texts.format("tenant.none", shared.dataDirectory()) + "\n";
        }
        Table table = new Table("", false, false, false, false);
        table.row(texts.get("tenant.id"), texts.get("tenant.time-zone"), texts.get("tenant.currency"),
                texts.get("tenant.created-at"));
        for (Tenant t : tenants) {
            table.row(t.id(), t.timeZone().getId(), t.currency().getCurrencyCode(), t.createdAt().toString());
        }
        return table.render();
    }
}
