package dev.reservoir.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.Engine;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.metric.InactiveCustomers;
import dev.reservoir.time.AsOf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code reservoir warn}: the early-warning list (last activity W to N − 1 days ago), or with
 * {@code --churned} the customers who reached the churn standard within the look-back; each with
 * last activity, days silent, orders and money, highest money first.
 */
@Command(name = "warn", mixinStandardHelpOptions = true, sortOptions = false)
final class WarnCommand implements Callable<Integer> {
    @Mixin
    private SharedOptions shared;

    @Mixin
    private ServerOptions server;

    @Mixin
    private ChurnOptions churn;

    @Option(names = "--churned", descriptionKey = "warn-churned")
    private boolean churned;

    @Option(names = "--look-back", paramLabel = "DAYS", descriptionKey = "warn-look-back")
    private Integer lookBack;

    @Option(names = "--limit", paramLabel = "K", defaultValue = "50", descriptionKey = "warn-limit")
    private int limit;

    @Mixin
    private AsOfOptions asOf;

    @Override
    public Integer call() {
        return shared.run(texts -> {
            if (server.given(shared)) {
                return server.forward(shared, "metrics/warn");
            }
            if (limit < 0) {
                throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "--limit",
                        Localizable.of("a number of customers, 0 for all", "客户数，0 表示全部"), String.valueOf(limit));
            }
            try (Engine engine = shared.openEngine()) {
                TenantStore store = engine.store(shared.tenant());
                AsOf at = asOf.resolve(store, shared);
                ChurnOptions.Resolved r = churn.resolve(store, at);
                int back = lookBack == null ? r.rule().churnDays() : lookBack;
                if (churned && back < 1) {
                    throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "--look-back",
                            Localizable.of("a number of days of at least 1", "不少于 1 的天数"), String.valueOf(back));
                }
                InactiveCustomers definition = churned ? InactiveCustomers.churned(r.rule(), back, at)
                        : InactiveCustomers.silent(r.rule(), at);
                InactiveCustomers.Result result = store.churn().inactiveCustomers(definition);
                Currency currency = store.tenant().currency();
                List<InactiveCustomers.Customer> shown = limit == 0 || result.customers().size() <= limit
                        ? result.customers() : result.customers().subList(0, limit);
                shared.print(() -> table(r, at, result, shown, currency, texts), () -> json(r, at, result, shown, currency),
                        () -> csv(shown));
            }
            return 0;
        });
    }

    static String table(ChurnOptions.Resolved r, AsOf at, InactiveCustomers.Result result,
                        List<InactiveCustomers.Customer> shown, Currency currency, Texts texts) {
        InactiveCustomers d = result.definition();
        StringBuilder b = new StringBuilder(ChurnOptions.definitionLine(r, at, texts));
        if (r.auto() != null) {
            b.append(ChurnOptions.autoSummary(r.auto(), texts));
        }
        b.append(texts.format(d.kind() == InactiveCustomers.Kind.SILENT ? "warn.silent-title" : "warn.churned-title",
                d.minDaysSilent(), d.maxDaysSilent(), texts.count(result.customers().size()), texts.count(shown.size())));
        b.append('\n');
        Table t = new Table("  ", false, false, true, true, true);
        t.row(texts.get("warn.customer"), texts.get("warn.last-activity"), texts.get("warn.days-silent"),
                texts.get("warn.orders"), texts.get("warn.money"));
        for (InactiveCustomers.Customer c : shown) {
            t.row(c.customerId(), c.lastActivity().toString(), texts.count(c.daysSilent()), texts.count(c.orders()),
                    texts.money(c.money(), currency));
        }
        b.append(t.render());
        b.append(texts.get("warn.order-note")).append('\n');
        return b.toString();
    }

    static ObjectNode json(ChurnOptions.Resolved r, AsOf at, InactiveCustomers.Result result,
                           List<InactiveCustomers.Customer> shown, Currency currency) {
        InactiveCustomers d = result.definition();
        ObjectNode node = Json.object();
        node.put("metric", d.kind() == InactiveCustomers.Kind.SILENT ? "silent_customers" : "churned_customers");
        ObjectNode def = ChurnOptions.definitionJson(r, at);
        def.put("min_days_silent", d.minDaysSilent());
        def.put("max_days_silent", d.maxDaysSilent());
        if (d.kind() == InactiveCustomers.Kind.CHURNED) {
            def.put("look_back_days", d.lookBackDays());
        }
        def.put("order", "money desc, customer_id asc");
        node.set("definition", def);
        if (r.auto() != null) {
            node.set("auto", ChurnOptions.autoJson(r.auto()));
        }
        node.put("currency", currency.getCurrencyCode());
        node.put("total", result.customers().size());
        node.put("shown", shown.size());
        ArrayNode customers = node.putArray("customers");
        for (InactiveCustomers.Customer c : shown) {
            customers.addObject().put("customer_id", c.customerId()).put("last_activity", c.lastActivity().toString())
                    .put("days_silent", c.daysSilent()).put("orders", c.orders())
                    .put("money", Json.money(c.money(), currency));
        }
        return node;
    }

    static List<List<String>> csv(List<InactiveCustomers.Customer> shown) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("customer_id", "last_activity", "days_silent", "orders", "money"));
        for (InactiveCustomers.Customer c : shown) {
            rows.add(List.of(c.customerId(), c.lastActivity().toString(), Long.toString(c.daysSilent()),
                    Long.toString(c.orders()), c.money().stripTrailingZeros().toPlainString()));
        }
        return rows;
    }
}
