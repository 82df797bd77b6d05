package dev.reservoir.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.Engine;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.Tenant;
import dev.reservoir.metric.GroupChurn;
import dev.reservoir.metric.GroupChurnResult;
import dev.reservoir.time.AsOf;
import dev.reservoir.time.PeriodUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code reservoir groups [--period month] [--periods 6] [--session-gap 30m] [--as-of D]
 * [--known-at T]}: group churn (社群流失率), active members and average daily online time per
 * period, for all groups and each group.
 */
@Command(name = "groups", mixinStandardHelpOptions = true, sortOptions = false)
final class GroupsCommand implements Callable<Integer> {
    @Mixin
    private SharedOptions shared;

    @Mixin
    private ServerOptions server;

    @Option(names = "--period", paramLabel = "UNIT", defaultValue = "month", descriptionKey = "groups-period")
    private String period;

    @Option(names = "--periods", paramLabel = "N", defaultValue = "6", descriptionKey = "groups-periods")
    private int periods;

    @Option(names = "--session-gap", paramLabel = "DURATION", defaultValue = "30m",
            converter = Converters.DurationConverter.class, descriptionKey = "groups-session-gap")
    private Duration sessionGap;

    @Mixin
    private AsOfOptions asOf;

    @Override
    public Integer call() {
        return shared.run(texts -> {
            if (server.given(shared)) {
                return server.forward(shared, "metrics/groups");
            }
            PeriodUnit unit = RepurchaseCommand.periodUnit(period);
            if (sessionGap.isZero()) {
                throw new dev.reservoir.engine.ReservoirException(dev.reservoir.engine.ErrorCode.INVALID_PARAMETER,
                        "--session-gap", dev.reservoir.engine.Localizable.of("a positive duration", "正的时长"), "0");
            }
            try (Engine engine = shared.openEngine()) {
                TenantStore store = engine.store(shared.tenant());
                AsOf at = asOf.resolve(store, shared);
                GroupChurnResult r = store.groups().churn(new GroupChurn(unit, periods, sessionGap, at));
                shared.print(() -> table(store.tenant(), r, texts), () -> json(store.tenant(), r), () -> csv(r));
            }
            return 0;
        });
    }

    static String table(Tenant tenant, GroupChurnResult r, Texts texts) {
        GroupChurn d = r.definition();
        StringBuilder b = new StringBuilder();
        b.append(texts.format("groups.title", TenantView.phrase(tenant), d.asOf().date()));
        d.asOf().knownAt().ifPresent(k -> b.append(texts.format("info.known-at", k)));
        b.append('\n').append('\n');
        Table t = new Table("  ", false, false, true, true, true, true, true, true);
        t.row(texts.get("repurchase.period"), texts.get("groups.group"), texts.get("groups.at-start"),
                texts.get("groups.left"), texts.get("groups.churn"), texts.get("groups.rejoined"),
                texts.get("groups.active"), texts.get("groups.online"));
        boolean incomplete = false;
        for (GroupChurnResult.Row row : r.rows()) {
            incomplete |= !row.period().complete();
            t.row(row.period().start() + (row.period().complete() ? "" : "*"),
                    row.groupId() == null ? texts.get("groups.all") : row.groupId(),
                    texts.count(row.membersAtStart()), texts.count(row.left()),
                    RepurchaseView.percent(row.churnRate(), texts), texts.count(row.rejoined()),
                    texts.count(row.activeMembers()), row.averageDailyOnlineSeconds() == null ? "—"
                            : FunnelCommand.duration(row.averageDailyOnlineSeconds(), texts));
        }
        b.append(t.render());
        if (incomplete) {
            b.append('\n').append(texts.get("churn.incomplete-note")).append('\n');
        }
        b.append('\n').append(texts.format("groups.definition", FunnelCommand.duration(d.sessionGap().toSeconds(), texts)))
                .append('\n');
        return b.toString();
    }

    static ObjectNode json(Tenant tenant, GroupChurnResult r) {
        GroupChurn d = r.definition();
        ObjectNode node = Json.object().put("metric", "groups");
        node.set("tenant", TenantView.json(tenant));
        node.put("as_of", d.asOf().date().toString());
        node.put("known_at", d.asOf().knownAt().map(Object::toString).orElse(null));
        node.putObject("definition").put("unit", d.unit().wireName()).put("periods", d.periods())
                .put("session_gap_seconds", d.sessionGap().toSeconds())
                .put("text", "group churn = members at the start of P who left during P / members at the start of P;"
                        + " active members = members during P with an activity day in P; average daily online time ="
                        + " mean over their activity days of the sum of gaps of at most the session gap");
        ArrayNode rows = node.putArray("rows");
        for (GroupChurnResult.Row row : r.rows()) {
            rows.addObject().put("period_start", row.period().start().toString())
                    .put("period_end", row.period().end().toString()).put("complete", row.period().complete())
                    .put("group", row.groupId()).put("members_at_start", row.membersAtStart())
                    .put("left", row.left()).put("rejoined", row.rejoined()).put("churn_rate", row.churnRate())
                    .put("active_members", row.activeMembers()).put("active_days", row.activeDays())
                    .put("online_seconds", row.onlineSeconds())
                    .put("average_daily_online_seconds", row.averageDailyOnlineSeconds());
        }
        return node;
    }

    static List<List<String>> csv(GroupChurnResult r) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("period_start", "period_end", "complete", "group", "members_at_start", "left", "rejoined",
                "churn_rate", "active_members", "active_days", "online_seconds", "average_daily_online_seconds"));
        for (GroupChurnResult.Row row : r.rows()) {
            rows.add(Arrays.asList(row.period().start().toString(), row.period().end().toString(),
                    Boolean.toString(row.period().complete()), row.groupId(), Long.toString(row.membersAtStart()),
                    Long.toString(row.left()), Long.toString(row.rejoined()),
                    row.churnRate() == null ? null : row.churnRate().toString(), Long.toString(row.activeMembers()),
                    Long.toString(row.activeDays()), Double.toString(row.onlineSeconds()),
                    row.averageDailyOnlineSeconds() == null ? null : row.averageDailyOnlineSeconds().toString()));
        }
        return rows;
    }
}
