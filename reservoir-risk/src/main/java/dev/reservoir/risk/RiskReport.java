package dev.reservoir.risk;

import dev.reservoir.time.AsOf;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The time-split report of the learned churn risk as of D with horizon h:
 * <ul>
 * <li><b>train</b>: features as of D − 2h, labels "churned by the rule as of D − h";</li>
 * <li><b>test</b>: features as of D − h, labels "churned by the rule as of D".</li>
 * </ul>
 * The model trained on the first window scores the second, which it never saw; beside it the
 * two baselines score the same customers: plain recency (days since the last activity) and
 * 1 − P(alive) of a BG/NBD fitted on the data up to D − h.
 *
 * @param scorers     model, recency, 1 − P(alive), in that order (the last is absent when
 *                    BG/NBD could not be fitted)
 * @param importances every feature's share of the total gain of the trained model, highest first
 * @param notes       why something is missing (a BG/NBD that could not be fitted), or empty
 */
public record RiskReport(RiskDefinition definition, AsOf asOf, Window train, Window test, List<Scorer> scorers,
                         List<Importance> importances, List<String> notes) {
    public RiskReport {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(asOf, "asOf");
        scorers = List.copyOf(scorers);
        importances = List.copyOf(importances);
        notes = List.copyOf(notes);
    }

    /** A labelled window: features as of {@code featuresAt}, labels as of {@code labelsAt}. */
    public record Window(LocalDate featuresAt, LocalDate labelsAt, int customers, int churned) {
    }

    /** The name of a scorer and its figures on the test window. */
    public record Scorer(ScorerKind kind, Evaluation evaluation) {
    }

    public record Importance(String feature, double gain, double share) {
    }

    /** The model's figures on the test window. */
    public Evaluation model() {
        return scorers.get(0).evaluation();
    }

    public Evaluation recency() {
        return scorers.get(1).evaluation();
    }
}
