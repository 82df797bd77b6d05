package dev.reservoir.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.metric.InactiveCustomers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * The high-value at-risk list: the silent (early-warning) customers of the churn rule
 * ({@link InactiveCustomers#silent}, last activity W to N − 1 days before D), highest money
 * first, with how many there are and the money they have spent in total. Until predicted value
 * exists, "value" is the money spent up to D.
 */
final class AtRiskSection implements Section {
    @Override
    public String id() {
        return "at_risk";
    }

    @Override
    public Optional<SectionResult> build(ReportContext context) {
        if (!context.hasOrders()) {
            return Optional.empty();
        }
        ReportTexts t = context.texts();
        InactiveCustomers.Result result = context.store().churn().inactiveCustomers(
                InactiveCustomers.silent(context.parameters().rule(), context.asOf()));
        int top = context.parameters().topCustomers();
        List<InactiveCustomers.Customer> shown = top == 0 || result.customers().size() <= top
                ? result.customers() : result.customers().subList(0, top);
        BigDecimal total = result.customers().stream().map(InactiveCustomers.Customer::money)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        Currency currency = context.store().tenant().currency();

        ObjectNode data = context.object();
        data.put("customers_total", result.customers().size());
        data.put("money_total", total);
        data.put("currency", currency.getCurrencyCode());
        data.put("shown", shown.size());
        ArrayNode customers = data.putArray("customers");
        List<List<String>> rows = new ArrayList<>();
        for (InactiveCustomers.Customer c : shown) {
            customers.addObject().put("customer_id", c.customerId()).put("last_activity", c.lastActivity().toString())
                    .put("days_silent", c.daysSilent()).put("orders", c.orders()).put("money", c.money());
            rows.add(List.of(c.customerId(), c.lastActivity().toString(), t.count(c.daysSilent()), t.count(c.orders()),
                    t.money(c.money(), currency)));
        }
        TableView view = new TableView(List.of(t.get("at-risk.customer"), t.get("at-risk.last-activity"),
                t.get("at-risk.days-silent"), t.get("at-risk.orders"), t.get("at-risk.money")),
                List.of(false, false, true, true, true), rows, t.get("at-risk.none"));
        ObjectNode parameters = context.churnParameters().put("top", top);
        Definition definition = new Definition(t.format("at-risk.definition", context.parameters().rule().warningDays(),
                context.parameters().rule().churnDays() - 1), parameters, "report-at-risk");
        Figure figure = new Figure("at_risk_customers", t.format("at-risk.title", t.count(result.customers().size()),
                t.money(total, currency), t.count(shown.size())), definition, data, Optional.empty(), Optional.of(view));
        return Optional.of(new SectionResult(id(), t.get("section.at_risk"), List.of(figure)));
    }
}
