package dev.reservoir.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.event.Tenant;
import dev.reservoir.metric.RepurchaseAfterFirstResult;
import dev.reservoir.metric.RepurchaseGroup;
import dev.reservoir.metric.RepurchaseInPeriodResult;
import dev.reservoir.metric.RepurchaseLadderResult;
import dev.reservoir.metric.RepurchaseSplit;
import dev.reservoir.time.AsOf;
import dev.reservoir.time.Period;

import java.util.Locale;
import java.util.Optional;

/** {@code reservoir repurchase} as a table and as JSON (schema in docs/metrics.md). */
final class RepurchaseView {
    private RepurchaseView() {
    }

    record Report(Tenant tenant, RepurchaseInPeriodResult inPeriod, RepurchaseAfterFirstResult afterFirst,
                  RepurchaseLadderResult ladder) {
    }

    static String table(Report r, Texts texts) {
        AsOf asOf = r.inPeriod().definition().asOf();
        Optional<RepurchaseSplit> split = r.inPeriod().definition().split();
        StringBuilder b = new StringBuilder();
        b.append(texts.format("repurchase.title", TenantView.phrase(r.tenant()), asOf.date()));
        asOf.knownAt().ifPresent(k -> b.append(texts.format("info.known-at", k)));
        b.append('\n');
        split.ifPresent(s -> b.append(texts.format("repurchase.split", s.name())).append('\n'));

        b.append('\n').append(texts.format("repurchase.a.title",
                r.inPeriod().definition().unit().label(texts.locale()))).append('\n');
        Table a = new Table("  ", false, false, true, true, true, true);
        a.row(texts.get("repurchase.period"), texts.get("repurchase.group"), texts.get("repurchase.buyers"),
                texts.get("repurchase.repeat-buyers"), texts.get("repurchase.rate"), texts.get("repurchase.ratio"));
        for (RepurchaseInPeriodResult.Row row : r.inPeriod().rows()) {
            a.row(period(row.period(), texts), group(row.group(), split, texts), texts.count(row.buyers()),
                    texts.count(row.repeatBuyers()), percent(row.rate(), texts),
                    ratio(r.inPeriod().ratioToRest(row), texts));
        }
        b.append(a.render());

        b.append('\n').append(texts.get("repurchase.b.title")).append('\n');
        Table t = new Table("  ", false, true, false, true, true, true, true, true, true);
        t.row(texts.get("repurchase.period"), texts.get("repurchase.within"), texts.get("repurchase.group"),
                texts.get("repurchase.first-time"), texts.get("repurchase.returned"),
                texts.get("repurchase.not-returned"), texts.get("repurchase.pending"), texts.get("repurchase.rate"),
                texts.get("repurchase.ratio"));
        for (RepurchaseAfterFirstResult.Row row : r.afterFirst().rows()) {
            t.row(period(row.period(), texts), texts.format("repurchase.days", row.withinDays()),
                    group(row.group(), split, texts), texts.count(row.firstTimeBuyers()), texts.count(row.returned()),
                    texts.count(row.notReturned()), texts.count(row.pending()), percent(row.rate(), texts),
                    ratio(r.afterFirst().ratioToRest(row), texts));
        }
        b.append(t.render());

        RepurchaseLadderResult ladder = r.ladder();
        b.append('\n').append(ladder.definition().lookBackDays().isPresent()
                ? texts.format("repurchase.c.title-look-back", ladder.definition().lookBackDays().getAsInt())
                : texts.get("repurchase.c.title")).append('\n');
        Table c = new Table("  ", false, true, true, true, true);
        c.row(texts.get("repurchase.group"), texts.get("repurchase.orders"), texts.get("repurchase.customers"),
                texts.get("repurchase.conversion"), texts.get("repurchase.ratio"));
        for (RepurchaseLadderResult.Step s : ladder.steps()) {
            c.row(group(s.group(), split, texts), texts.format("repurchase.at-least", s.orders()),
                    texts.count(s.customers()), percent(s.conversion(), texts), ratio(ladder.ratioToRest(s), texts));
        }
        b.append(c.render());
        b.append('\n').append(texts.get("repurchase.definition")).append('\n');
        return b.toString();
    }

    static ObjectNode json(Report r) {
        AsOf asOf = r.inPeriod().definition().asOf();
        ObjectNode node = Json.object();
        node.set("tenant", TenantView.json(r.tenant()));
        node.put("as_of", asOf.date().toString());
        node.put("known_at", asOf.knownAt().map(Object::toString).orElse(null));
        node.put("split", r.inPeriod().definition().split().map(RepurchaseSplit::name).orElse(null));

        ObjectNode a = node.putObject("in_period");
        a.put("definition", "buyers with 2+ orders dated in the period / buyers with an order dated in the period");
        a.put("unit", r.inPeriod().definition().unit().wireName());
        a.put("periods", r.inPeriod().definition().periods());
        ArrayNode aRows = a.putArray("rows");
        for (RepurchaseInPeriodResult.Row row : r.inPeriod().rows()) {
            ObjectNode o = aRows.addObject();
            period(o, row.period());
            group(o, row.group());
            o.put("buyers", row.buyers()).put("repeat_buyers", row.repeatBuyers()).put("rate", row.rate())
                    .put("ratio_to_rest", r.inPeriod().ratioToRest(row));
        }

        ObjectNode bNode = node.putObject("after_first");
        bNode.put("definition", "first-time buyers of the period with another order dated in [d, d + W],"
                + " d = first order date; pending = d + W after the as-of date; rate = returned / (buyers - pending)");
        ArrayNode w = bNode.putArray("within_days");
        r.afterFirst().definition().withinDays().forEach(w::add);
        ArrayNode bRows = bNode.putArray("rows");
        for (RepurchaseAfterFirstResult.Row row : r.afterFirst().rows()) {
            ObjectNode o = bRows.addObject();
            period(o, row.period());
            o.put("within_days", row.withinDays());
            group(o, row.group());
            o.put("first_time_buyers", row.firstTimeBuyers()).put("returned", row.returned())
                    .put("not_returned", row.notReturned()).put("pending", row.pending())
                    .put("pending_returned", row.pendingReturned()).put("rate", row.rate())
                    .put("ratio_to_rest", r.afterFirst().ratioToRest(row));
        }

        ObjectNode c = node.putObject("ladder");
        c.put("definition", "customers with at least k orders dated in the look-back window;"
                + " conversion = customers with k + 1 / customers with k");
        c.put("max_orders", r.ladder().definition().maxOrders());
        if (r.ladder().definition().lookBackDays().isPresent()) {
            c.put("look_back_days", r.ladder().definition().lookBackDays().getAsInt());
        } else {
            c.putNull("look_back_days");
        }
        ArrayNode steps = c.putArray("steps");
        for (RepurchaseLadderResult.Step s : r.ladder().steps()) {
            ObjectNode o = steps.addObject();
            group(o, s.group());
            o.put("orders", s.orders()).put("customers", s.customers()).put("next_customers", s.nextCustomers())
                    .put("conversion", s.conversion()).put("ratio_to_rest", r.ladder().ratioToRest(s));
        }
        return node;
    }

    static void period(ObjectNode o, Period p) {
        o.put("period_start", p.start().toString()).put("period_end", p.end().toString())
                .put("complete", p.complete());
    }

    static void group(ObjectNode o, RepurchaseGroup g) {
        o.put("group", g.kind().name().toLowerCase(Locale.ROOT)).put("value", g.value());
    }

    /** {@code 2011-12 *} for an incomplete period: the star is explained under the table. */
    static String period(Period p, Texts texts) {
        String text = switch (p.unit()) {
            case MONTH -> p.start().toString().substring(0, 7);
            case YEAR -> Integer.toString(p.start().getYear());
            default -> p.start().toString();
        };
        return p.complete() ? text : text + " " + texts.get("repurchase.incomplete");
    }

    static String group(RepurchaseGroup g, Optional<RepurchaseSplit> split, Texts texts) {
        return switch (g.kind()) {
            case ALL -> texts.get("repurchase.all");
            case UNKNOWN -> texts.get("repurchase.unknown");
            case VALUE -> split.filter(s -> s.name().equals("paid_member")).isPresent()
                    ? texts.get("repurchase.paid-" + g.value()) : g.value();
        };
    }

    static String percent(Double rate, Texts texts) {
        return rate == null ? "—" : String.format(texts.locale(), "%.1f%%", 100 * rate);
    }

    static String ratio(Double ratio, Texts texts) {
        return ratio == null ? "" : String.format(texts.locale(), "%.2f×", ratio);
    }
}
