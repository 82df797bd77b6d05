package dev.reservoir.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.Engine;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.Tenant;
import dev.reservoir.metric.AnnualRetention;
import dev.reservoir.metric.AnnualRetentionResult;
import dev.reservoir.time.AsOf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code reservoir annual [--year Y] [--as-of D] [--known-at T]}: annual customer retention. */
@Command(name = "annual", mixinStandardHelpOptions = true, sortOptions = false)
final class AnnualCommand implements Callable<Integer> {
    @Mixin
    private SharedOptions shared;

    @Mixin
    private ServerOptions server;

    @Option(names = "--year", paramLabel = "YEAR", descriptionKey = "annual-year")
    private Integer year;

    @Mixin
    private AsOfOptions asOf;

    @Override
    public Integer call() {
        return shared.run(texts -> {
            if (server.given(shared)) {
                return server.forward(shared, "metrics/annual");
            }
            try (Engine engine = shared.openEngine()) {
                TenantStore store = engine.store(shared.tenant());
                AsOf at = asOf.resolve(store, shared);
                AnnualRetention def = year == null ? AnnualRetention.of(at) : new AnnualRetention(year, at);
                AnnualRetentionResult r = store.repurchase().annual(def);
                shared.print(() -> table(store.tenant(), r, texts), () -> json(store.tenant(), r), () -> csv(r));
            }
            return 0;
        });
    }

    static String table(Tenant tenant, AnnualRetentionResult r, Texts texts) {
        AnnualRetention d = r.definition();
        StringBuilder b = new StringBuilder();
        b.append(texts.format("annual.title", d.year(), d.year() - 1, TenantView.phrase(tenant), d.asOf().date()));
        d.asOf().knownAt().ifPresent(k -> b.append(texts.format("info.known-at", k)));
        b.append('\n');
        if (!r.complete()) {
            b.append(texts.format("annual.incomplete", d.year(), d.asOf().date())).append('\n');
        }
        Table t = Table.numeric("  ", 2);
        t.row(texts.format("annual.last-year", d.year() - 1), texts.count(r.lastYearCustomers()));
        t.row(texts.format("annual.retained", d.year()), texts.count(r.retained()));
        t.row(texts.get("annual.rate"), RepurchaseView.percent(r.retentionRate(), texts));
        t.row(texts.format("annual.this-year", d.year()), texts.count(r.thisYearCustomers()));
        t.row("  " + texts.get("annual.new"), texts.count(r.newCustomers()));
        t.row("  " + texts.get("annual.retained-short"), texts.count(r.retained()));
        t.row("  " + texts.get("annual.reactivated"), texts.count(r.reactivated()));
        b.append(t.render());
        b.append('\n').append(texts.get("annual.definition")).append('\n');
        return b.toString();
    }

    static ObjectNode json(Tenant tenant, AnnualRetentionResult r) {
        AnnualRetention d = r.definition();
        ObjectNode node = Json.object();
        node.set("tenant", TenantView.json(tenant));
        node.put("as_of", d.asOf().date().toString());
        node.put("known_at", d.asOf().knownAt().map(Object::toString).orElse(null));
        node.put("definition", "customers with an order in year - 1 who ordered again in year"
                + " / customers with an order in year - 1");
        node.put("year", d.year()).put("complete", r.complete());
        node.put("last_year_customers", r.lastYearCustomers()).put("retained", r.retained())
                .put("retention_rate", r.retentionRate()).put("this_year_customers", r.thisYearCustomers())
                .put("new", r.newCustomers()).put("reactivated", r.reactivated());
        return node;
    }

    static List<List<String>> csv(AnnualRetentionResult r) {
        Double rate = r.retentionRate();
        return List.of(List.of("year", "complete", "last_year_customers", "retained", "retention_rate",
                        "this_year_customers", "new", "reactivated"),
                List.of(Integer.toString(r.definition().year()), Boolean.toString(r.complete()),
                        Long.toString(r.lastYearCustomers()), Long.toString(r.retained()),
                        rate == null ? "" : rate.toString(), Long.toString(r.thisYearCustomers()),
                        Long.toString(r.newCustomers()), Long.toString(r.reactivated())));
    }
}
