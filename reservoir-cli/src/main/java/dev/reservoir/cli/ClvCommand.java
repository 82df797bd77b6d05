package dev.reservoir.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.Engine;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.model.Clv;
import dev.reservoir.model.CustomerSummary;
import dev.reservoir.model.GammaGamma;
import dev.reservoir.model.PurchaseModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code reservoir clv}: with a model saved by {@code fit} (a purchase model and Gamma-Gamma),
 * each customer's discounted expected purchase value over the next {@code --months} months of
 * 30 days, highest first.
 */
@Command(name = "clv", mixinStandardHelpOptions = true, sortOptions = false)
final class ClvCommand implements Callable<Integer> {
    @Mixin
    private SharedOptions shared;

    @Mixin
    private Scoring scoring;

    @Option(names = "--months", paramLabel = "M", defaultValue = "12", descriptionKey = "clv-months")
    private int months;

    @Option(names = "--discount", paramLabel = "RATE", defaultValue = "0.01", descriptionKey = "clv-discount")
    private double discount;

    record Row(CustomerSummary customer, double alive, double purchases, double value, double clv) {
    }

    @Override
    public Integer call() {
        return shared.run(texts -> {
            if (months < 1 || months > 1200) {
                throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "--months",
                        Localizable.of("a number of months from 1 to 1200", "1 到 1200 之间的月数"), String.valueOf(months));
            }
            if (!(discount >= 0) || discount >= 1) {
                throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "--discount",
                        Localizable.of("a monthly rate from 0 to below 1, such as 0.01", "0 到 1 之间（不含 1）的月折现率，如 0.01"),
                        String.valueOf(discount));
            }
            ModelFile file = scoring.model();
            GammaGamma spend = file.spend().orElseThrow(() -> new ReservoirException(ErrorCode.MODEL_FILE_INVALID,
                    scoring.modelFile, Localizable.of("it holds no spend model (fit said: "
                                    + file.json().path("spend_error").asText("none") + ")",
                            "其中没有消费模型（fit 的说明：" + file.json().path("spend_error").asText("无") + "）")));
            Clv clv = Clv.months(months, discount, file.unit());
            try (Engine engine = shared.openEngine()) {
                TenantStore store = engine.store(shared.tenantOr(file.tenant()));
                Scoring.Input in = scoring.load(store, file);
                PurchaseModel m = file.model();
                List<Row> rows = new ArrayList<>();
                for (CustomerSummary c : in.customers()) {
                    rows.add(new Row(c, m.probabilityAlive(c.frequency(), c.recency(), c.age()),
                            m.expectedPurchases(clv.horizon(), c.frequency(), c.recency(), c.age()),
                            spend.expectedAverageValue(c.frequency(), c.monetaryValue()), clv.value(m, spend, c)));
                }
                rows.sort(Comparator.comparingDouble(Row::clv).reversed().thenComparing(r -> r.customer().customerId()));
                String tenant = store.tenant().id();
                shared.print(() -> table(in, tenant, spend, rows, texts), () -> json(in, tenant, spend, rows),
                        () -> csv(rows));
            }
            return 0;
        });
    }

    private String table(Scoring.Input in, String tenant, GammaGamma spend, List<Row> rows, Texts texts) {
        StringBuilder b = new StringBuilder();
        PurchaseModel m = in.model().model();
        b.append(texts.format("models.clv-title", tenant, in.at().date(), months, discount, m.kind().displayName(),
                PredictCommand.parameters(m), FitCommand.significant(spend.p()), FitCommand.significant(spend.q()),
                FitCommand.significant(spend.gamma()))).append('\n');
        b.append(texts.format("models.clv-totals", texts.count(rows.size()), rows.stream().mapToDouble(Row::clv).sum()))
                .append('\n');
        Table t = new Table("  ", false, true, true, true, true, true);
        t.row(texts.get("models.customer"), "x", texts.get("models.p-alive"), texts.get("models.expected"),
                texts.get("models.value-per-purchase"), "CLV");
        for (Row r : rows.subList(0, scoring.shown(rows.size()))) {
            t.row(r.customer().customerId(), Long.toString(r.customer().frequency()), FitCommand.fixed(r.alive(), 3, texts),
                    FitCommand.fixed(r.purchases(), 3, texts), FitCommand.fixed(r.value(), 2, texts),
                    FitCommand.fixed(r.clv(), 2, texts));
        }
        b.append(t.render());
        b.append(texts.get("models.clv-definition")).append('\n');
        return b.toString();
    }

    private ObjectNode json(Scoring.Input in, String tenant, GammaGamma spend, List<Row> rows) {
        ObjectNode node = Json.object();
        node.put("command", "clv");
        ObjectNode d = scoring.definition(in, tenant);
        d.put("months", months);
        d.put("month_days", 30);
        d.put("monthly_discount_rate", discount);
        d.set("spend", in.model().json().get("spend"));
        node.set("definition", d);
        ArrayNode customers = node.putArray("customers");
        for (Row r : rows) {
            customers.addObject().put("customer_id", r.customer().customerId()).put("x", r.customer().frequency())
                    .put("p_alive", r.alive()).put("expected_purchases", r.purchases())
                    .put("expected_value_per_purchase", r.value()).put("clv", r.clv());
        }
        return node;
    }

    private static List<List<String>> csv(List<Row> rows) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of("customer_id", "x", "p_alive", "expected_purchases", "expected_value_per_purchase", "clv"));
        for (Row r : rows) {
            out.add(List.of(r.customer().customerId(), Long.toString(r.customer().frequency()), Double.toString(r.alive()),
                    Double.toString(r.purchases()), Double.toString(r.value()), Double.toString(r.clv())));
        }
        return out;
    }
}
