package dev.reservoir.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.EventType;
import dev.reservoir.metric.Activity;
import dev.reservoir.metric.ChurnPreset;
import dev.reservoir.metric.ChurnRule;
import dev.reservoir.metric.ReturnGaps;
import dev.reservoir.time.AsOf;
import picocli.CommandLine.Option;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The churn definition options shared by {@code churn} and {@code warn}: {@code --preset},
 * {@code --window N}, {@code --warning W}, {@code --activity}, {@code --share}. Without a preset
 * or window the education / services pair (60, 90) is used; {@code --window} alone takes W = N / 2,
 * the ratio of the food-delivery and apparel presets.
 */
final class ChurnOptions {
    static final String AUTO = "auto";
    static final ChurnPreset DEFAULT_PRESET = ChurnPreset.EDUCATION_SERVICES;

    @Option(names = "--preset", paramLabel = "food-delivery|apparel|education|auto", descriptionKey = "churn-preset")
    String preset;

    @Option(names = "--window", paramLabel = "N", descriptionKey = "churn-window")
    Integer window;

    @Option(names = "--warning", paramLabel = "W", descriptionKey = "churn-warning")
    Integer warning;

    @Option(names = "--activity", paramLabel = "TYPES", split = ",", descriptionKey = "churn-activity")
    java.util.List<String> activity;

    @Option(names = "--share", paramLabel = "S", defaultValue = "0.9", descriptionKey = "churn-share")
    double share;

    /** The rule and, with {@code auto}, the gap curve it came from. */
    record Resolved(ChurnRule rule, String preset, ReturnGaps.Result auto) {
    }

    Activity activity() {
        if (activity == null || activity.isEmpty()) {
            return Activity.ORDERS;
        }
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (String name : activity) {
            types.add(EventType.fromWireName(name.strip()).orElseThrow(() -> new ReservoirException(
                    ErrorCode.INVALID_PARAMETER, "--activity",
                    Localizable.of("event types such as purchase,visit (one of " + EventType.wireNames() + ")",
                            "事件类型，如 purchase,visit（可选 " + EventType.wireNames() + "）"), name)));
        }
        return new Activity(types);
    }

    Resolved resolve(TenantStore store, AsOf asOf) {
        Activity act = activity();
        ReturnGaps.Result auto = null;
        String presetName = null;
        int n;
        int w;
        if (preset != null && preset.equals(AUTO)) {
            if (!(share > 0 && share <= 1)) {
                throw invalid("--share", Localizable.of("a share in (0, 1] such as 0.9", "(0, 1] 之间的比例，如 0.9"), share);
            }
            auto = store.churn().returnGaps(new ReturnGaps(act, share, asOf));
            if (auto.recommended() == null) {
                throw invalid("--preset auto", Localizable.of("customers with two or more activity days to learn the window from",
                        "至少有两个活跃日的客户，用于推算流失窗口"), "0");
            }
            presetName = AUTO;
            n = Math.max(2, auto.recommended());
            w = Math.max(1, n / 2);
        } else if (preset != null) {
            ChurnPreset p = ChurnPreset.fromWireName(preset).orElseThrow(() -> invalid("--preset",
                    Localizable.of("food-delivery, apparel, education or auto", "food-delivery、apparel、education 或 auto"), preset));
            presetName = p.wireName();
            n = p.churnDays();
            w = p.warningDays();
        } else if (window == null) {
            presetName = DEFAULT_PRESET.wireName();
            n = DEFAULT_PRESET.churnDays();
            w = DEFAULT_PRESET.warningDays();
        } else {
            n = window;
            w = Math.max(1, n / 2);
        }
        if (window != null) {
            n = window;
            presetName = preset == null ? null : presetName;
        }
        if (warning != null) {
            w = warning;
        }
        if (n < 2) {
            throw invalid("--window", Localizable.of("a number of days of at least 2", "不少于 2 的天数"), n);
        }
        if (w < 1 || w >= n) {
            throw invalid("--warning", Localizable.of("a number of days W with 0 < W < N = " + n,
                    "满足 0 < W < N = " + n + " 的天数 W"), w);
        }
        return new Resolved(new ChurnRule(act, w, n), presetName, auto);
    }

    private static ReservoirException invalid(String option, Localizable expected, Object value) {
        return new ReservoirException(ErrorCode.INVALID_PARAMETER, option, expected, String.valueOf(value));
    }

    /** The header line every churn output starts with: the definition and its parameters. */
    static String definitionLine(Resolved r, AsOf asOf, Texts texts) {
        StringBuilder b = new StringBuilder(texts.format("churn.definition", asOf.date(), r.rule().activity(),
                r.rule().churnDays(), r.rule().warningDays(),
                r.preset() == null ? texts.get("churn.preset-custom") : r.preset()));
        asOf.knownAt().ifPresent(k -> b.append(texts.format("churn.known-at", k)));
        return b.append('\n').toString();
    }

    static ObjectNode definitionJson(Resolved r, AsOf asOf) {
        ObjectNode d = Json.object();
        d.put("as_of", asOf.date().toString());
        d.put("known_at", asOf.knownAt().map(Object::toString).orElse(null));
        ArrayNode types = d.putArray("activity");
        r.rule().activity().wireNames().forEach(types::add);
        d.put("churn_days", r.rule().churnDays());
        d.put("warning_days", r.rule().warningDays());
        d.put("preset", r.preset());
        return d;
    }

    /** The auto curve summary: gaps, customers, shares at a few points and the recommended N. */
    static String autoSummary(ReturnGaps.Result auto, Texts texts) {
        StringBuilder b = new StringBuilder(texts.format("churn.auto", texts.count(auto.gaps()),
                texts.count(auto.customers()), auto.definition().share() * 100, auto.recommended()));
        b.append('\n');
        Table t = Table.numeric("  ", 2);
        t.row(texts.get("churn.auto-days"), texts.get("churn.auto-share"));
        for (int g : new int[] {7, 14, 30, 60, 90, 120, 180, 365}) {
            if (g <= auto.curve().size()) {
                t.row(Integer.toString(g), percent(auto.shareWithin(g), texts.locale()));
            }
        }
        return b.append(t.render()).toString();
    }

    static ObjectNode autoJson(ReturnGaps.Result auto) {
        ObjectNode a = Json.object();
        a.put("share", auto.definition().share());
        a.put("gaps", auto.gaps());
        a.put("customers", auto.customers());
        a.put("recommended_days", auto.recommended());
        ArrayNode curve = a.putArray("curve");
        for (ReturnGaps.Point p : auto.curve()) {
            curve.addObject().put("days", p.days()).put("gaps", p.gaps()).put("within", p.within()).put("share", p.share());
        }
        return a;
    }

    /** {@code 24.3%}, or "—" when undefined (SPEC: never 0). */
    static String percent(Double rate, Locale locale) {
        return rate == null ? "—" : String.format(locale, "%.1f%%", rate * 100);
    }
}
