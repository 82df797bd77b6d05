package dev.reservoir.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.risk.RiskModel;
import dev.reservoir.risk.RiskTiers;
import dev.reservoir.segment.RfmScoring;
import dev.reservoir.segment.SegmentFactsQuery;
import dev.reservoir.segments.FactField;
import dev.reservoir.segments.SegmentSnapshot;
import dev.reservoir.segments.TagDefinition;
import dev.reservoir.segments.TagFile;
import dev.reservoir.segments.Tags;
import dev.reservoir.time.AsOf;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The options of {@code rfm}, {@code lifecycle}, {@code tags} and {@code customers}: as-of date,
 * look-back, RFM scoring and the tag file. The churn rule (for the lifecycle) comes from
 * {@link ChurnOptions}. Tags are read from {@code --tags FILE}, else {@code tags.yaml} in the
 * tenant's folder of the data directory.
 */
final class SegmentOptions {
    static final int DEFAULT_LOOK_BACK = 365;

    @Mixin
    AsOfOptions asOf;

    @Option(names = "--look-back", paramLabel = "DAYS", defaultValue = "365", descriptionKey = "segment-look-back")
    int lookBack;

    @Option(names = "--scoring", paramLabel = "quintile|median|mean|cuts", defaultValue = "median",
            descriptionKey = "segment-scoring")
    String scoring;

    @Option(names = "--cuts", paramLabel = "r=DAYS,f=ORDERS,m=MONEY", descriptionKey = "segment-cuts")
    String cuts;

    @Option(names = "--tags", paramLabel = "FILE", descriptionKey = "segment-tags")
    Path tagsFile;

    @Option(names = "--risk-model", paramLabel = "DIR", descriptionKey = "segment-risk-model")
    Path riskModel;

    AsOf asOf(TenantStore store, SharedOptions shared) {
        return asOf.resolve(store, shared);
    }

    RfmScoring scoring() {
        if (cuts != null) {
            return parseCuts(cuts);
        }
        return switch (scoring.toLowerCase(Locale.ROOT)) {
            case "quintile", "quintiles" -> new RfmScoring.Quintiles();
            case "median" -> new RfmScoring.Split(RfmScoring.Split.Center.MEDIAN);
            case "mean" -> new RfmScoring.Split(RfmScoring.Split.Center.MEAN);
            case "cuts" -> throw invalid("--scoring cuts", Localizable.of("--cuts r=DAYS,f=ORDERS,m=MONEY as well",
                    "同时给出 --cuts r=天数,f=订单数,m=金额"), scoring);
            default -> throw invalid("--scoring", Localizable.of("quintile, median, mean or cuts",
                    "quintile、median、mean 或 cuts"), scoring);
        };
    }

    /** {@code r=30,f=2,m=300}: high when R ≤ 30 days, F ≥ 2 orders, M ≥ 300. */
    static RfmScoring.Cuts parseCuts(String text) {
        Long r = null;
        Long f = null;
        BigDecimal m = null;
        Localizable expected = Localizable.of("r=DAYS,f=ORDERS,m=MONEY such as r=30,f=2,m=300 (high when R ≤ r, F ≥ f, M ≥ m)",
                "r=天数,f=订单数,m=金额，如 r=30,f=2,m=300（R ≤ r、F ≥ f、M ≥ m 为高）");
        try {
            for (String part : text.split(",")) {
                String[] kv = part.strip().split("=", 2);
                if (kv.length != 2) {
                    throw invalid("--cuts", expected, text);
                }
                switch (kv[0].strip().toLowerCase(Locale.ROOT)) {
                    case "r" -> r = Long.parseLong(kv[1].strip());
                    case "f" -> f = Long.parseLong(kv[1].strip());
                    case "m" -> m = new BigDecimal(kv[1].strip());
                    default -> throw invalid("--cuts", expected, text);
                }
            }
        } catch (NumberFormatException e) {
            throw invalid("--cuts", expected, text);
        }
        if (r == null || f == null || m == null) {
            throw invalid("--cuts", expected, text);
        }
        try {
            return new RfmScoring.Cuts(r, f, m);
        } catch (IllegalArgumentException e) {
            throw invalid("--cuts", expected, text);
        }
    }

    int lookBack() {
        if (lookBack < 1) {
            throw invalid("--look-back", Localizable.of("a number of days of at least 1", "不少于 1 的天数"), lookBack);
        }
        return lookBack;
    }

    /** {@code --tags}, else the tenant's own {@code tags.yaml}. */
    Path tagsPath(SharedOptions shared) {
        return tagsFile != null ? tagsFile : shared.dataDirectory().resolve(shared.tenant()).resolve(TagFile.FILE_NAME);
    }

    Tags tags(SharedOptions shared, List<FactField> extra) {
        Path path = tagsPath(shared);
        if (tagsFile != null && !java.nio.file.Files.isRegularFile(path)) {
            throw new ReservoirException(ErrorCode.FILE_NOT_FOUND, path);
        }
        List<TagDefinition> definitions = TagFile.read(path);
        return Tags.compile(path.toString(), definitions, extra);
    }

    /**
     * The predicted facts a rule may name when {@code --risk-model DIR} is given (none otherwise,
     * so that a rule naming them fails as an unknown field rather than reading a default): the
     * model's churn probability, the predicted value (CLV over 12 months, BG/NBD × Gamma-Gamma) and
     * the value × risk tier, scored as of {@code at} exactly as {@code reservoir risk --model} scores.
     * Without {@code store} (listing the fields) the fields are declared with no values.
     */
    List<FactField> predictions(TenantStore store, AsOf at) {
        if (riskModel == null) {
            return List.of();
        }
        return predictions(store == null ? null : riskScores(store, at));
    }

    /** The customers scored by the {@code --risk-model} as of {@code at}, as {@code reservoir risk --model} scores them. */
    RiskTiers.Result riskScores(TenantStore store, AsOf at) {
        RiskModel model;
        try {
            model = RiskModel.load(riskModel);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return RiskTiers.score(store.modelInputs(), model, at, RiskTiers.Options.DEFAULT);
    }

    /** The predicted facts from scores already computed; {@code null}: declared, with no values. */
    static List<FactField> predictions(RiskTiers.Result scored) {
        Map<String, Double> risk = new HashMap<>();
        Map<String, Double> value = new HashMap<>();
        Map<String, String> tier = new HashMap<>();
        if (scored != null) {
            for (RiskTiers.Customer c : scored.customers()) {
                risk.put(c.customerId(), c.churnProbability());
                if (!Double.isNaN(c.clv())) {
                    value.put(c.customerId(), c.clv());
                }
                tier.put(c.customerId(), c.tier().wireName());
            }
        }
        return List.of(
                FactField.perCustomer("churn_risk", FactField.Kind.DOUBLE,
                        "the learned churn probability (reservoir risk), 0 to 1; 0 when not scored",
                        "学习得到的流失概率（reservoir risk），0 到 1；未评分为 0", risk, 0.0),
                FactField.perCustomer("predicted_value", FactField.Kind.DOUBLE,
                        "predicted value: CLV over 12 months (BG/NBD × Gamma-Gamma); 0 without one",
                        "预测价值：12 个月客户终身价值（BG/NBD × Gamma-Gamma）；无则为 0", value, 0.0),
                FactField.perCustomer("risk_tier", FactField.Kind.STRING,
                        "value × risk tier: save (重要挽留), keep, win-back, maintain; '' when not scored",
                        "价值 × 风险分层：save（重要挽留）、keep、win-back、maintain；未评分为空", tier, ""));
    }

    SegmentSnapshot snapshot(TenantStore store, AsOf at, ChurnOptions.Resolved rule, Tags tags) {
        return SegmentSnapshot.build(store.segments(), new SegmentFactsQuery(at, lookBack(), rule.rule()), scoring(), tags);
    }

    static ReservoirException invalid(String option, Localizable expected, Object value) {
        return new ReservoirException(ErrorCode.INVALID_PARAMETER, option, expected, String.valueOf(value));
    }

    /** The scoring as the definition line states it. */
    static String describe(RfmScoring s, Texts texts) {
        if (s instanceof RfmScoring.Cuts c) {
            return texts.format("rfm.scoring-cuts", c.recencyDays(), c.frequency(), c.money().toPlainString());
        }
        return texts.get("rfm.scoring-" + s.wireName());
    }

    static ObjectNode scoringJson(RfmScoring s) {
        ObjectNode n = Json.object();
        n.put("mode", s.wireName());
        if (s instanceof RfmScoring.Cuts c) {
            n.put("recency_at_most", c.recencyDays());
            n.put("frequency_at_least", c.frequency());
            n.put("money_at_least", c.money());
        }
        n.put("high", s instanceof RfmScoring.Quintiles ? "score 4 or 5"
                : s instanceof RfmScoring.Cuts ? "R <= r, F >= f, M >= m" : "R < threshold, F > threshold, M > threshold");
        n.put("ties", s instanceof RfmScoring.Quintiles ? "ranked by customer id, smaller id first (lower rank)" : null);
        return n;
    }
}
