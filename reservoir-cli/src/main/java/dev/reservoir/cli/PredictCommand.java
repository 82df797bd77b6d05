package dev.reservoir.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.Engine;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.model.CustomerSummary;
import dev.reservoir.model.PurchaseModel;
import dev.reservoir.model.Scores;
import dev.reservoir.model.SummaryRows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code reservoir predict}: with a model saved by {@code fit}, each customer's probability of
 * being alive and expected purchases in the next {@code --horizon} days, most expected first.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false)
final class PredictCommand implements Callable<Integer> {
    @Mixin
    private SharedOptions shared;

    @Mixin
    private Scoring scoring;

    @Option(names = "--horizon", paramLabel = "DAYS", defaultValue = "90", descriptionKey = "predict-horizon")
    private int horizonDays;

    record Row(CustomerSummary customer, double alive, double expected) {
    }

    @Override
    public Integer call() {
        return shared.run(texts -> {
            if (horizonDays < 1) {
                throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "--horizon",
                        Localizable.of("a number of days ≥ 1", "≥ 1 的天数"), String.valueOf(horizonDays));
            }
            ModelFile file = scoring.model();
            try (Engine engine = shared.openEngine()) {
                TenantStore store = engine.store(shared.tenantOr(file.tenant()));
                Scoring.Input in = scoring.load(store, file);
                PurchaseModel m = file.model();
                double horizon = horizonDays / (double) file.unit().days();
                // scored once per distinct (x, t_x, T), handed back per customer
                Scores scores = Scores.of(m, SummaryRows.of(in.customers()), horizon);
                List<Row> rows = new ArrayList<>();
                for (int i = 0; i < in.customers().size(); i++) {
                    rows.add(new Row(in.customers().get(i), scores.probabilityAlive(i), scores.expectedPurchases(i)));
                }
                rows.sort(Comparator.comparingDouble(Row::expected).reversed()
                        .thenComparing(r -> r.customer().customerId()));
                String tenant = store.tenant().id();
                shared.print(() -> table(in, tenant, rows, texts), () -> json(in, tenant, rows), () -> csv(rows));
            }
            return 0;
        });
    }

    private String table(Scoring.Input in, String tenant, List<Row> rows, Texts texts) {
        StringBuilder b = new StringBuilder();
        PurchaseModel m = in.model().model();
        b.append(texts.format("models.predict-title", tenant, in.at().date(), m.kind().displayName(),
                parameters(m), in.model().calibrationEnd().date(), horizonDays)).append('\n');
        double alive = rows.stream().mapToDouble(Row::alive).sum();
        double expected = rows.stream().mapToDouble(Row::expected).sum();
        b.append(texts.format("models.predict-totals", texts.count(rows.size()), alive / Math.max(1, rows.size()),
                expected)).append('\n');
        Table t = new Table("  ", false, true, true, true, true, true);
        t.row(texts.get("models.customer"), "x", "t_x", "T", texts.get("models.p-alive"), texts.get("models.expected"));
        for (Row r : rows.subList(0, scoring.shown(rows.size()))) {
            CustomerSummary c = r.customer();
            t.row(c.customerId(), Long.toString(c.frequency()), FitCommand.fixed(c.recency(), 2, texts),
                    FitCommand.fixed(c.age(), 2, texts), FitCommand.fixed(r.alive(), 3, texts),
                    FitCommand.fixed(r.expected(), 3, texts));
        }
        b.append(t.render());
        b.append(texts.format("models.unit-note", in.model().unit().label(texts.locale()))).append('\n');
        return b.toString();
    }

    static String parameters(PurchaseModel m) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < m.parameters().size(); i++) {
            parts.add(m.kind().parameterNames().get(i) + " = " + FitCommand.significant(m.parameters().get(i)));
        }
        return String.join(", ", parts);
    }

    private ObjectNode json(Scoring.Input in, String tenant, List<Row> rows) {
        ObjectNode node = Json.object();
        node.put("command", "predict");
        ObjectNode d = scoring.definition(in, tenant);
        d.put("horizon_days", horizonDays);
        d.put("horizon", horizonDays / (double) in.model().unit().days());
        node.set("definition", d);
        ArrayNode customers = node.putArray("customers");
        for (Row r : rows) {
            CustomerSummary c = r.customer();
            customers.addObject().put("customer_id", c.customerId()).put("x", c.frequency()).put("t_x", c.recency())
                    .put("T", c.age()).put("p_alive", r.alive()).put("expected_purchases", r.expected());
        }
        return node;
    }

    private static List<List<String>> csv(List<Row> rows) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of("customer_id", "x", "t_x", "T", "p_alive", "expected_purchases"));
        for (Row r : rows) {
            CustomerSummary c = r.customer();
            out.add(List.of(c.customerId(), Long.toString(c.frequency()), Double.toString(c.recency()),
                    Double.toString(c.age()), Double.toString(r.alive()), Double.toString(r.expected())));
        }
        return out;
    }
}
