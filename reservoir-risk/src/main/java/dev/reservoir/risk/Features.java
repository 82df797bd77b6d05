package dev.reservoir.risk;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.metric.ChurnRule;
import dev.reservoir.model.BgNbd;
import dev.reservoir.model.CustomerSummaries;
import dev.reservoir.model.CustomerSummary;
import dev.reservoir.model.FitOptions;
import dev.reservoir.model.ModelInputs;
import dev.reservoir.model.Models;
import dev.reservoir.model.RiskFeature;
import dev.reservoir.model.RiskFeatures;
import dev.reservoir.model.RiskFeaturesResult;
import dev.reservoir.model.SummaryRows;
import dev.reservoir.model.TimeUnit;
import dev.reservoir.time.AsOf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The features of the churn-risk model as of F: the engine's behaviour features
 * ({@link RiskFeature}) and two outputs of a BG/NBD fitted on the customer summaries as of F
 * (weeks): {@code p_alive} and {@code expected_purchases}, the purchases it expects in the next
 * h days. Both read only data up to F, so no feature sees the label window. A customer without
 * a purchase (possible when the activity is not orders) has no summary: NaN. When plain maximum
 * likelihood does not converge, BG/NBD is fitted with a small L2 penalty and the table says so.
 */
final class Features {
    static final String P_ALIVE = "p_alive";
    static final String EXPECTED_PURCHASES = "expected_purchases";
    /** Weeks, as Fader, Hardie and Lee fit CDNOW: daily units make T large and the fit slower, not better. */
    static final TimeUnit UNIT = TimeUnit.WEEK;
    /** lifetimes' customary small penalizers, tried in turn only when plain maximum likelihood fails. */
    static final double[] FALLBACK_PENALTIES = {0.001, 0.01};

    private Features() {
    }

    static List<String> names() {
        List<String> names = new ArrayList<>(RiskFeature.wireNames());
        names.add(P_ALIVE);
        names.add(EXPECTED_PURCHASES);
        return names;
    }

    static FeatureTable build(ModelInputs inputs, ChurnRule rule, AsOf at, int horizonDays) {
        RiskFeaturesResult engine = inputs.riskFeatures(new RiskFeatures(at, rule));
        List<CustomerSummary> summaries = inputs.summaries(CustomerSummaries.of(at, UNIT)).customers();
        Optional<BgNbd> model = Optional.empty();
        String note = null;
        SummaryRows summaryRows = SummaryRows.of(summaries);
        try {
            model = Optional.of(Models.fitBgNbd(summaryRows, FitOptions.DEFAULT).model());
        } catch (ReservoirException e) {
            note = e.getMessage();
            if (e.code() == ErrorCode.MODEL_NOT_CONVERGED) {
                // Typically the dropout parameter a runs to 0 (a shop where nobody seems to leave,
                // as Online Retail): the small L2 penalties lifetimes users reach for keep it finite.
                StringBuilder tried = new StringBuilder(e.getMessage());
                for (double penalty : FALLBACK_PENALTIES) {
                    try {
                        model = Optional.of(Models.fitBgNbd(summaryRows, FitOptions.DEFAULT.withPenalty(penalty)).model());
                        note = "plain maximum likelihood did not converge (" + e.getMessage() + "); fitted with L2 penalty "
                                + penalty;
                        break;
                    } catch (ReservoirException again) {
                        tried.append("; with L2 penalty ").append(penalty).append(": ").append(again.getMessage());
                        note = tried.toString();
                    }
                }
            }
        }
        Map<String, CustomerSummary> byId = new HashMap<>();
        for (CustomerSummary s : summaries) {
            byId.put(s.customerId(), s);
        }
        int engineColumns = RiskFeature.values().length;
        double horizon = (double) horizonDays / UNIT.days();
        List<String> ids = new ArrayList<>();
        double[][] rows = new double[engine.rows().size()][];
        for (int i = 0; i < rows.length; i++) {
            RiskFeaturesResult.Row r = engine.rows().get(i);
            ids.add(r.customerId());
            double[] row = java.util.Arrays.copyOf(r.values(), engineColumns + 2);
            CustomerSummary s = byId.get(r.customerId());
            if (model.isPresent() && s != null) {
                row[engineColumns] = model.get().probabilityAlive(s.frequency(), s.recency(), s.age());
                row[engineColumns + 1] = model.get().expectedPurchases(horizon, s.frequency(), s.recency(), s.age());
            } else {
                row[engineColumns] = Double.NaN;
                row[engineColumns + 1] = Double.NaN;
            }
            rows[i] = row;
        }
        return new FeatureTable(at, ids, names(), rows, model, note);
    }
}
