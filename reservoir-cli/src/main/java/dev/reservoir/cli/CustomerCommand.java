package dev.reservoir.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.CustomerRecord;
import dev.reservoir.engine.Engine;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.Customer;
import dev.reservoir.event.Event;
import dev.reservoir.event.Tenant;
import dev.reservoir.model.Clv;
import dev.reservoir.model.CustomerSummaries;
import dev.reservoir.model.CustomerSummary;
import dev.reservoir.model.GammaGamma;
import dev.reservoir.model.PurchaseModel;
import dev.reservoir.risk.RiskTiers;
import dev.reservoir.segment.Quadrants;
import dev.reservoir.segment.QuadrantsResult;
import dev.reservoir.segment.Rfm;
import dev.reservoir.segments.CustomerView;
import dev.reservoir.segments.FactField;
import dev.reservoir.segments.SegmentSnapshot;
import dev.reservoir.segments.Tags;
import dev.reservoir.time.AsOf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code reservoir customer ID}: one customer as of D — profile, the tag facts, lifecycle stage,
 * RFM class and quadrant, the tags carried, predictions (with a purchase model and/or a risk
 * model, given or saved for the tenant) and the newest events. Everything is computed by the same
 * code as the tenant-wide commands ({@code rfm}, {@code lifecycle}, {@code tags},
 * {@code customers}, {@code quadrants}, {@code predict}, {@code risk --model}) with the same
 * options, and picked out for this customer, so the two always agree. Served as
 * {@code GET /t/{tenant}/customers/{id}} (docs/server.md "Customer lookup": the JSON shape).
 */
@Command(name = "customer", mixinStandardHelpOptions = true, sortOptions = false)
final class CustomerCommand implements Callable<Integer> {
    static final int MAX_TIMELINE = 10_000;
    static final int CLV_MONTHS = 12;
    static final double CLV_DISCOUNT = 0.01;

    /** {@code 2011-12-09T12:50:00+00:00}: the tenant's local time with its offset, seconds always shown. */
    static final DateTimeFormatter LOCAL_WITH_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendOffset("+HH:MM", "+00:00").toFormatter(java.util.Locale.ROOT);

    @Mixin
    private SharedOptions shared;

    @Parameters(index = "0", paramLabel = "ID", descriptionKey = "customer-id")
    private String customerId;

    @Mixin
    private SegmentOptions segment;

    @Mixin
    private ChurnOptions churn;

    @Option(names = "--timeline", paramLabel = "N", defaultValue = "50", descriptionKey = "customer-timeline")
    private int timeline;

    @Option(names = {"--model", "--model-file"}, paramLabel = "FILE", descriptionKey = "customer-model")
    private Path model;

    @Option(names = "--horizon", paramLabel = "DAYS", defaultValue = "90", descriptionKey = "predict-horizon")
    private int horizonDays;

    /** The purchase model's figures for the customer; {@code summary} null when it has no purchase up to D. */
    record Purchase(String source, ModelFile file, CustomerSummary summary, double alive, double expected, Double value) {
    }

    /** The risk model's figures; {@code customer} null when outside the scored population. */
    record Risk(String source, RiskTiers.Customer customer) {
    }

    /** Everything the output shows. */
    record Lookup(Tenant tenant, AsOf at, ChurnOptions.Resolved rule, SegmentSnapshot snapshot, CustomerView view,
                  List<String> tags, Optional<QuadrantsResult.Member> quadrant, CustomerRecord record,
                  Optional<Purchase> purchase, Optional<Risk> risk, int horizonDays, String tagsSource) {
    }

    @Override
    public Integer call() {
        return shared.run(texts -> {
            if (timeline < 0 || timeline > MAX_TIMELINE) {
                throw SegmentOptions.invalid("--timeline", Localizable.of("a number of events from 0 to " + MAX_TIMELINE,
                        "0 到 " + MAX_TIMELINE + " 之间的事件数"), timeline);
            }
            if (horizonDays < 1) {
                throw SegmentOptions.invalid("--horizon", Localizable.of("a number of days ≥ 1", "≥ 1 的天数"), horizonDays);
            }
            try (Engine engine = shared.openEngine()) {
                TenantStore store = engine.store(shared.tenant());
                Lookup lookup = lookup(store);
                shared.print(() -> table(lookup, texts), () -> json(lookup, texts), () -> csv(lookup));
            }
            return 0;
        });
    }

    private Lookup lookup(TenantStore store) throws IOException {
        AsOf at = segment.asOf(store, shared);
        ChurnOptions.Resolved rule = churn.resolve(store, at);
        CustomerRecord record = store.customerRecord(customerId, at, timeline);
        if (!record.known()) {
            throw notFound(store, at);
        }
        Optional<Path> riskDir = SavedModels.riskOr(segment.riskModel, shared);
        RiskTiers.Result scored = null;
        if (riskDir.isPresent()) {
            segment.riskModel = riskDir.get();
            scored = segment.riskScores(store, at);
        }
        Tags tags = segment.tags(shared, scored == null ? List.of() : SegmentOptions.predictions(scored));
        SegmentSnapshot snapshot = segment.snapshot(store, at, rule, tags);
        CustomerView view = snapshot.customers().stream().filter(c -> c.customerId().equals(customerId)).findFirst()
                .orElseThrow(() -> notFound(store, at)); // a profile registered after D, or with no date
        Optional<QuadrantsResult.Member> quadrant = Optional.empty();
        if (record.lastSeen() != null && !record.lastSeen().isBefore(
                at.date().minusDays(Quadrants.WINDOW_DAYS - 1L).atStartOfDay(store.tenant().timeZone()).toInstant())) {
            // a quadrant needs a session in the 7 days ending on D: skip the tenant-wide sessions otherwise
            quadrant = store.behaviour().quadrants(Quadrants.of(at)).members().stream()
                    .filter(m -> m.customer() && m.person().equals(customerId) && m.current().isPresent()).findFirst();
        }
        Optional<Purchase> purchase = Optional.empty();
        Optional<Path> modelFile = SavedModels.purchaseOr(model, shared);
        if (modelFile.isPresent()) {
            purchase = Optional.of(purchase(store, at, modelFile.get()));
        }
        Optional<Risk> risk = Optional.empty();
        if (scored != null) {
            RiskTiers.Customer c = scored.customers().stream().filter(x -> x.customerId().equals(customerId))
                    .findFirst().orElse(null);
            risk = Optional.of(new Risk(SavedModels.shown(riskDir.get(), shared), c));
        }
        // the tenant's own file is named without the server's path
        String tagsSource = segment.tagsFile == null ? dev.reservoir.segments.TagFile.FILE_NAME : segment.tagsFile.toString();
        return new Lookup(store.tenant(), at, rule, snapshot, view, tags.tagsOf(view), quadrant, record, purchase, risk,
                horizonDays, tagsSource);
    }

    private ReservoirException notFound(TenantStore store, AsOf at) {
        return new ReservoirException(ErrorCode.CUSTOMER_NOT_FOUND, customerId, store.tenant().id(), at.date());
    }

    /** P(alive) and expected purchases as {@code predict} scores them, CLV as {@code clv} does, as of D. */
    private Purchase purchase(TenantStore store, AsOf at, Path path) throws IOException {
        ModelFile file = ModelFile.read(path);
        String source = SavedModels.shown(path, shared);
        CustomerSummary summary = store.modelInputs().summaries(CustomerSummaries.of(at, file.unit())).customers()
                .stream().filter(c -> c.customerId().equals(customerId)).findFirst().orElse(null);
        if (summary == null) {
            return new Purchase(source, file, null, Double.NaN, Double.NaN, null);
        }
        PurchaseModel m = file.model();
        double alive = m.probabilityAlive(summary.frequency(), summary.recency(), summary.age());
        double expected = m.expectedPurchases(horizonDays / (double) file.unit().days(), summary.frequency(),
                summary.recency(), summary.age());
        Double value = null;
        if (file.spend().isPresent()) {
            GammaGamma spend = file.spend().get();
            value = Clv.months(CLV_MONTHS, CLV_DISCOUNT, file.unit()).value(m, spend, summary);
        }
        return new Purchase(source, file, summary, alive, expected, value);
    }

    // ---------------------------------------------------------------- output

    static String time(Instant t, ZoneId zone) {
        return t == null ? null : LOCAL_WITH_OFFSET.format(t.atZone(zone).toOffsetDateTime());
    }

    static ObjectNode json(Lookup l, Texts texts) {
        ZoneId zone = l.tenant().timeZone();
        ObjectNode node = Json.object();
        node.put("customer_id", l.view().customerId());
        node.put("as_of", l.at().date().toString());
        node.put("known_at", l.at().knownAt().map(Object::toString).orElse(null));
        node.set("tenant", Json.object().put("id", l.tenant().id()).put("time_zone", zone.getId())
                .put("currency", l.tenant().currency().getCurrencyCode()));

        ObjectNode profile = node.putObject("profile");
        Optional<Customer> p = l.record().profile();
        profile.put("registered_at", p.map(Customer::registeredAt).map(Instant::toString).orElse(null));
        profile.put("registered", l.view().facts().registered() == null ? null : l.view().facts().registered().toString());
        if (p.isPresent() && p.get().paidMember() != null) {
            profile.put("paid_member", p.get().paidMember());
        } else {
            profile.putNull("paid_member");
        }
        profile.put("member_tier", p.map(Customer::memberTier).orElse(null));
        profile.put("store_id", p.map(Customer::storeId).orElse(null));
        profile.put("channel", p.map(Customer::channel).orElse(null));
        ObjectNode attributes = profile.putObject("attributes");
        p.map(Customer::attributes).orElse(Map.of()).forEach(attributes::put);
        profile.put("first_seen", time(l.record().firstSeen(), zone));
        profile.put("last_seen", time(l.record().lastSeen(), zone));
        if (!l.record().visitorIds().isEmpty()) {
            ArrayNode visitors = profile.putArray("identified_visitors");
            l.record().visitorIds().forEach(visitors::add);
        }

        ObjectNode facts = node.putObject("facts");
        for (FactField f : Tags.standardFields()) {
            put(facts, f.name(), f.value().apply(l.view()));
        }

        ObjectNode segments = node.putObject("segments");
        segments.set("lifecycle_stage", coded(l.view().stage().wireName(), l.view().stage().label(texts.locale())));
        if (l.view().usage() == null) {
            segments.putNull("usage_stage");
        } else {
            segments.set("usage_stage", coded(l.view().usage().wireName(), l.view().usage().label(texts.locale())));
        }
        Rfm.Customer rfm = l.view().rfm();
        if (rfm == null) {
            segments.putNull("rfm_class");
        } else {
            ObjectNode c = coded(rfm.rfmClass().wireName(), rfm.rfmClass().label(texts.locale()));
            c.put("rfm", rfm.rfmClass().arrows()).put("recency", rfm.recency()).put("frequency", rfm.frequency())
                    .put("money", CustomersCommand.plain(rfm.money())).put("r", rfm.r()).put("f", rfm.f()).put("m", rfm.m());
            segments.set("rfm_class", c);
        }
        l.quadrant().ifPresent(q -> {
            ObjectNode c = coded(q.current().get().wireName(), texts.get("quadrant." + q.current().get().wireName()));
            c.put("sessions", q.sessions()).put("dwell_seconds", q.dwellSeconds());
            segments.set("quadrant", c);
        });
        ObjectNode def = node.putObject("segment_definition");
        def.put("look_back_days", l.snapshot().query().lookBackDays());
        def.put("window_start", l.snapshot().query().windowStart().toString());
        def.set("scoring", SegmentOptions.scoringJson(l.snapshot().rfm().definition().scoring()));
        def.put("churn_days", l.rule().rule().churnDays());
        def.put("warning_days", l.rule().rule().warningDays());
        ArrayNode activity = def.putArray("activity");
        l.rule().rule().activity().wireNames().forEach(activity::add);
        def.put("preset", l.rule().preset());
        def.put("tags", l.tagsSource());

        ArrayNode tags = node.putArray("tags");
        l.tags().forEach(tags::add);

        if (l.purchase().isPresent() || l.risk().isPresent()) {
            ObjectNode predictions = node.putObject("predictions");
            l.purchase().ifPresent(x -> predictions.set("purchase", purchaseJson(x, l.horizonDays())));
            l.risk().ifPresent(x -> predictions.set("risk", riskJson(x, texts)));
        }

        ObjectNode tl = node.putObject("timeline");
        ArrayNode events = tl.putArray("events");
        for (Event e : l.record().timeline()) {
            events.add(eventJson(e, zone));
        }
        tl.put("shown", l.record().timeline().size());
        tl.put("total", l.record().totalEvents());
        return node;
    }

    private static ObjectNode coded(String code, String label) {
        return Json.object().put("code", code).put("label", label);
    }

    private static ObjectNode purchaseJson(Purchase x, int horizonDays) {
        ObjectNode o = Json.object();
        o.put("model", x.file().model().kind().wireName());
        o.put("source", x.source());
        o.put("calibration_end", x.file().calibrationEnd().date().toString());
        o.put("scored", x.summary() != null);
        if (x.summary() != null) {
            o.put("p_alive", x.alive()).put("expected_purchases", x.expected()).put("horizon_days", horizonDays);
            o.put("predicted_value", x.value()).put("clv_months", CLV_MONTHS).put("monthly_discount", CLV_DISCOUNT);
        }
        return o;
    }

    private static ObjectNode riskJson(Risk x, Texts texts) {
        ObjectNode o = Json.object();
        o.put("source", x.source());
        o.put("scored", x.customer() != null);
        if (x.customer() != null) {
            RiskTiers.Customer c = x.customer();
            o.put("churn_risk", c.churnProbability());
            o.set("risk_tier", coded(c.tier().wireName(), c.tier().label(texts.locale())));
            o.put("predicted_value", Double.isNaN(c.clv()) ? null : c.clv());
            o.put("value_at_risk", Double.isNaN(c.valueAtRisk()) ? null : c.valueAtRisk());
        }
        return o;
    }

    static ObjectNode eventJson(Event e, ZoneId zone) {
        ObjectNode o = Json.object();
        o.put("event_id", e.eventId());
        o.put("occurred_at", time(e.occurredAt(), zone));
        o.put("local_date", e.occurredAt().atZone(zone).toLocalDate().toString());
        o.put("type", e.type().wireName());
        o.put("page", e.page());
        o.put("item_id", e.itemId());
        o.put("category", e.category());
        o.put("order_id", e.orderId());
        if (e.quantity() == null) {
            o.putNull("quantity");
        } else {
            o.put("quantity", e.quantity().longValue());
        }
        o.put("amount", e.amount() == null ? null : CustomersCommand.plain(e.amount()));
        o.put("currency", e.currency());
        o.put("store_id", e.storeId());
        o.put("channel", e.channel());
        o.put("session_id", e.sessionId());
        o.put("visitor_id", e.visitorId());
        ObjectNode props = o.putObject("properties");
        e.properties().forEach(props::put);
        return o;
    }

    /** A fact's value as JSON: numbers stay numbers (99999 "never" included), lists and maps as such. */
    private static void put(ObjectNode o, String name, Object x) {
        if (x == null) {
            o.putNull(name);
        } else if (x instanceof Long n) {
            o.put(name, n.longValue());
        } else if (x instanceof Double d) {
            o.put(name, d.doubleValue());
        } else if (x instanceof Boolean b) {
            o.put(name, b.booleanValue());
        } else if (x instanceof List<?> list) {
            ArrayNode a = o.putArray(name);
            list.forEach(v -> a.add(String.valueOf(v)));
        } else if (x instanceof Map<?, ?> m) {
            ObjectNode obj = o.putObject(name);
            m.forEach((k, v) -> obj.put(String.valueOf(k), String.valueOf(v)));
        } else {
            o.put(name, x.toString());
        }
    }

    static String table(Lookup l, Texts texts) {
        ZoneId zone = l.tenant().timeZone();
        CustomerView v = l.view();
        StringBuilder b = new StringBuilder(texts.format("customer.title", v.customerId(), l.tenant().id(), l.at().date()));
        l.at().knownAt().ifPresent(k -> b.append(texts.format("churn.known-at", k)));
        b.append('\n');
        Optional<Customer> p = l.record().profile();
        Table profile = new Table("  ", false, false);
        profile.row(texts.get("customer.registered"), v.facts().registered() == null ? "—" : v.facts().registered().toString());
        profile.row(texts.get("customer.first-seen"), orDash(time(l.record().firstSeen(), zone)));
        profile.row(texts.get("customer.last-seen"), orDash(time(l.record().lastSeen(), zone)));
        if (p.isPresent()) {
            Customer c = p.get();
            profile.row(texts.get("customer.profile"), String.join(", ", List.of(
                    "paid_member=" + (c.paidMember() == null ? "—" : c.paidMember()),
                    "member_tier=" + orDash(c.memberTier()), "store_id=" + orDash(c.storeId()),
                    "channel=" + orDash(c.channel()))) + (c.attributes().isEmpty() ? "" : ", " + c.attributes()));
        }
        if (!l.record().visitorIds().isEmpty()) {
            profile.row(texts.get("customer.visitors"), String.join(", ", l.record().visitorIds()));
        }
        profile.row(texts.get("lifecycle.stage"), v.stage().label(texts.locale())
                + (v.usage() == null ? "" : " / " + v.usage().label(texts.locale())));
        profile.row("RFM", v.rfm() == null ? texts.get("customer.no-rfm")
                : RfmCommand.className(v.rfm().rfmClass(), texts) + " " + v.rfm().rfmClass().arrows()
                + " (R " + v.rfm().recency() + ", F " + v.rfm().frequency() + ", M "
                + texts.money(v.rfm().money(), l.tenant().currency()) + ")");
        l.quadrant().ifPresent(q -> profile.row(texts.get("customer.quadrant"),
                texts.get("quadrant." + q.current().get().wireName())));
        profile.row(texts.get("customer.tags"), l.tags().isEmpty() ? "—" : String.join(", ", l.tags()));
        l.purchase().ifPresent(x -> profile.row(texts.get("customer.purchase-model"), x.summary() == null
                ? texts.format("customer.not-scored", x.source())
                : texts.format("customer.purchase-line", x.alive(), l.horizonDays(), x.expected(),
                x.value() == null ? "—" : String.format(texts.locale(), "%.2f", x.value()), x.source())));
        l.risk().ifPresent(x -> profile.row(texts.get("customer.risk-model"), x.customer() == null
                ? texts.format("customer.not-scored", x.source())
                : texts.format("customer.risk-line", x.customer().churnProbability() * 100,
                x.customer().tier().label(texts.locale()), x.source())));
        b.append(profile.render()).append('\n');

        b.append(texts.get("customer.facts")).append('\n');
        StringBuilder facts = new StringBuilder("  ");
        int width = 2;
        for (FactField f : Tags.standardFields()) {
            String cell = f.name() + "=" + CustomersCommand.text(f.value().apply(v)) + "  ";
            if (width + cell.length() > 100) {
                facts.setLength(facts.length() - 2); // no blanks at the line's end
                facts.append("\n  ");
                width = 2;
            }
            facts.append(cell);
            width += cell.length();
        }
        b.append(facts.toString().stripTrailing()).append("\n\n");

        b.append(texts.format("customer.timeline", texts.count(l.record().timeline().size()),
                texts.count(l.record().totalEvents()))).append('\n');
        Table t = new Table("  ", false, false, false, true, false);
        t.row(texts.get("customer.when"), texts.get("customer.type"), texts.get("customer.what"),
                texts.get("customer.amount"), texts.get("customer.properties"));
        for (Event e : l.record().timeline()) {
            List<String> what = new ArrayList<>();
            for (String s : new String[] {e.page(), e.itemId(), e.category(), e.orderId() == null ? null : "#" + e.orderId(),
                    e.quantity() == null ? null : "x" + e.quantity(), e.storeId(), e.channel()}) {
                if (s != null && !s.isEmpty()) {
                    what.add(s);
                }
            }
            t.row(time(e.occurredAt(), zone), e.type().wireName(), String.join(" ", what),
                    e.amount() == null ? "" : CustomersCommand.text(e.amount()),
                    e.properties().isEmpty() ? "" : e.properties().toString());
        }
        b.append(t.render());
        return b.toString();
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "—" : s;
    }

    /** {@code --format csv}: the timeline, one event a row. */
    static List<List<String>> csv(Lookup l) {
        ZoneId zone = l.tenant().timeZone();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("customer_id", "event_id", "occurred_at", "local_date", "type", "page", "item_id", "category",
                "order_id", "quantity", "amount", "currency", "store_id", "channel", "session_id", "visitor_id", "properties"));
        for (Event e : l.record().timeline()) {
            rows.add(java.util.Arrays.asList(l.view().customerId(), nz(e.eventId()), time(e.occurredAt(), zone),
                    e.occurredAt().atZone(zone).toLocalDate().toString(), e.type().wireName(), nz(e.page()), nz(e.itemId()),
                    nz(e.category()), nz(e.orderId()), e.quantity() == null ? "" : e.quantity().toString(),
                    e.amount() == null ? "" : CustomersCommand.text(e.amount()), nz(e.currency()), nz(e.storeId()),
                    nz(e.channel()), nz(e.sessionId()), nz(e.visitorId()),
                    e.properties().isEmpty() ? "" : compact(e.properties())));
        }
        return rows;
    }

    private static String compact(Map<String, String> properties) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(properties);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
