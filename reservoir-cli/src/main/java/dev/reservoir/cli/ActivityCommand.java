package dev.reservoir.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.Engine;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.EventType;
import dev.reservoir.event.Tenant;
import dev.reservoir.metric.Activity;
import dev.reservoir.metric.ActivityCounts;
import dev.reservoir.metric.ActivityCountsResult;
import dev.reservoir.time.AsOf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code reservoir activity [--activity TYPES] [--calendar] [--as-of D] [--known-at T]}: DAU,
 * WAU, MAU, stickiness and the daily DAU of the last 30 days.
 */
@Command(name = "activity", mixinStandardHelpOptions = true, sortOptions = false)
final class ActivityCommand implements Callable<Integer> {
    @Mixin
    private SharedOptions shared;

    @Mixin
    private ServerOptions server;

    @Option(names = "--activity", paramLabel = "TYPES", split = ",", descriptionKey = "activity-types")
    private List<String> types;

    @Option(names = "--calendar", descriptionKey = "activity-calendar")
    private boolean calendar;

    @Mixin
    private AsOfOptions asOf;

    @Override
    public Integer call() {
        return shared.run(texts -> {
            if (server.given(shared)) {
                return server.forward(shared, "metrics/activity");
            }
            Activity activity = types == null ? ActivityCounts.CUSTOMER_INITIATED : activity(types);
            try (Engine engine = shared.openEngine()) {
                TenantStore store = engine.store(shared.tenant());
                AsOf at = asOf.resolve(store, shared);
                ActivityCountsResult r = store.activity().counts(new ActivityCounts(activity, at, calendar));
                shared.print(() -> table(store.tenant(), r, texts), () -> json(store.tenant(), r));
            }
            return 0;
        });
    }

    /** Event type wire names; {@code orders} is short for {@code purchase}. */
    static Activity activity(List<String> names) {
        EnumSet<EventType> set = EnumSet.noneOf(EventType.class);
        for (String name : names) {
            String n = name.strip().toLowerCase(Locale.ROOT);
            if (n.equals("orders")) {
                set.add(EventType.PURCHASE);
                continue;
            }
            set.add(EventType.fromWireName(n).orElseThrow(() -> new ReservoirException(ErrorCode.INVALID_PARAMETER,
                    "--activity", Localizable.of("event types among " + EventType.wireNames(),
                    "以下事件类型之一：" + EventType.wireNames()), name)));
        }
        return new Activity(set);
    }

    static String table(Tenant tenant, ActivityCountsResult r, Texts texts) {
        ActivityCounts d = r.definition();
        StringBuilder b = new StringBuilder();
        b.append(texts.format("activity.title", TenantView.phrase(tenant), d.asOf().date()));
        d.asOf().knownAt().ifPresent(k -> b.append(texts.format("info.known-at", k)));
        b.append('\n').append(texts.format("activity.types", d.activity())).append('\n');
        Table t = Table.numeric("  ", 3);
        LocalDate day = d.asOf().date();
        t.row("DAU", texts.count(r.dau()), day.toString());
        t.row("WAU", texts.count(r.wau()), window(d.weekStart(), day, d.weekComplete(), texts));
        t.row("MAU", texts.count(r.mau()), window(d.monthStart(), day, d.monthComplete(), texts));
        t.row(texts.get("activity.average-dau"), String.format(texts.locale(), "%.2f", r.averageDau()),
                window(d.stickinessStart(), day, true, texts));
        t.row(texts.get("activity.stickiness"), RepurchaseView.percent(r.stickiness(), texts), "");
        b.append(t.render());
        b.append('\n').append(texts.get("activity.daily")).append('\n');
        Table days = Table.numeric("  ", 2);
        for (ActivityCountsResult.Day x : r.daily()) {
            days.row(x.date().toString(), texts.count(x.activeCustomers()));
        }
        b.append(days.render());
        b.append('\n').append(texts.get(d.calendar() ? "activity.definition-calendar" : "activity.definition"))
                .append('\n');
        return b.toString();
    }

    private static String window(LocalDate from, LocalDate to, boolean complete, Texts texts) {
        return from + " … " + to + (complete ? "" : " " + texts.get("repurchase.incomplete"));
    }

    static ObjectNode json(Tenant tenant, ActivityCountsResult r) {
        ActivityCounts d = r.definition();
        ObjectNode node = Json.object();
        node.set("tenant", TenantView.json(tenant));
        node.put("as_of", d.asOf().date().toString());
        node.put("known_at", d.asOf().knownAt().map(Object::toString).orElse(null));
        node.put("definition", d.calendar()
                ? "DAU = active on D; WAU / MAU = active in D's ISO week / month up to D;"
                        + " stickiness = average DAU over the month's days up to D / MAU"
                : "DAU = active on D; WAU / MAU = active in the 7 / 30 days ending on D;"
                        + " stickiness = average DAU over those 30 days / MAU");
        ArrayNode activity = node.putArray("activity");
        d.activity().wireNames().forEach(activity::add);
        node.put("calendar", d.calendar());
        node.put("dau", r.dau());
        node.putObject("wau").put("customers", r.wau()).put("start", d.weekStart().toString())
                .put("complete", d.weekComplete());
        node.putObject("mau").put("customers", r.mau()).put("start", d.monthStart().toString())
                .put("complete", d.monthComplete());
        node.put("stickiness_days", r.stickinessDays()).put("dau_sum", r.stickinessDauSum())
                .put("average_dau", r.averageDau()).put("stickiness", r.stickiness());
        ArrayNode daily = node.putArray("daily");
        List<ActivityCountsResult.Day> days = new ArrayList<>(r.daily());
        days.forEach(x -> daily.addObject().put("date", x.date().toString()).put("dau", x.activeCustomers()));
        return node;
    }
}
