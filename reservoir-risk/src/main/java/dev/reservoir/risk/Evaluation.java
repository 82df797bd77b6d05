package dev.reservoir.risk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How well a score ranks the customers who churned above those who did not, on one labelled
 * window. Higher scores mean "more likely to churn".
 * <ul>
 * <li><b>AUC</b>: the probability that a churned customer scores above a retained one, ties
 * counting one half (the Mann–Whitney statistic over average ranks); 0.5 is guessing.</li>
 * <li><b>precision / recall at top k</b>: the ⌈k·n⌉ highest scores (ties at the cut broken by
 * customer id, so the figure is reproducible): the share of them that churned, and the share of
 * all churned customers among them.</li>
 * <li><b>calibration</b>: customers in ten groups by score (deciles, lowest first, as equal as
 * n allows), each with its mean score and its actual churn rate; only for scores that are
 * probabilities ({@code null} otherwise).</li>
 * </ul>
 *
 * @param base the churn rate of the window (the precision of a random list)
 */
public record Evaluation(int customers, int churned, double base, double auc, double topShare, int top,
                         double precisionAtTop, double recallAtTop, List<CalibrationRow> calibration) {
    public Evaluation {
        calibration = calibration == null ? null : List.copyOf(calibration);
    }

    /** One decile: its customers, mean predicted probability and actual churn rate. */
    public record CalibrationRow(int decile, int customers, double predicted, double actual) {
    }

    /**
     * @param ids         the customer ids, for breaking ties at the top-k cut
     * @param probability whether the score is a probability (a calibration table is made)
     */
    public static Evaluation of(double[] score, boolean[] churned, List<String> ids, double topShare, boolean probability) {
        int n = score.length;
        if (churned.length != n || ids.size() != n) {
            throw new IllegalArgumentException("scores, labels and ids differ in length");
        }
        if (n == 0) {
            throw new IllegalArgumentException("no customers to evaluate");
        }
        int positives = 0;
        for (boolean c : churned) {
            positives += c ? 1 : 0;
        }
        Integer[] byScore = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(byScore, Comparator.comparingDouble((Integer i) -> score[i]));
        double auc = auc(score, churned, byScore, positives);

        Integer[] top = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(top, Comparator.comparingDouble((Integer i) -> -score[i]).thenComparing(i -> ids.get(i)));
        int k = Math.max(1, (int) Math.ceil(topShare * n - 1e-9));
        int hits = 0;
        for (int j = 0; j < k; j++) {
            hits += churned[top[j]] ? 1 : 0;
        }
        List<CalibrationRow> calibration = null;
        if (probability) {
            calibration = new ArrayList<>();
            for (int d = 0; d < 10; d++) {
                int from = (int) ((long) d * n / 10);
                int to = (int) ((long) (d + 1) * n / 10);
                if (to == from) {
                    continue;
                }
                double sum = 0;
                int actual = 0;
                for (int j = from; j < to; j++) {
                    sum += score[byScore[j]];
                    actual += churned[byScore[j]] ? 1 : 0;
                }
                calibration.add(new CalibrationRow(d + 1, to - from, sum / (to - from), (double) actual / (to - from)));
            }
        }
        return new Evaluation(n, positives, (double) positives / n, auc, topShare, k, (double) hits / k,
                positives == 0 ? Double.NaN : (double) hits / positives, calibration);
    }

    /** Mann–Whitney: (sum of the churned customers' average ranks − P(P+1)/2) / (P·N). */
    private static double auc(double[] score, boolean[] churned, Integer[] byScore, int positives) {
        int n = score.length;
        int negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double rankSum = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && score[byScore[j + 1]] == score[byScore[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int m = i; m <= j; m++) {
                if (churned[byScore[m]]) {
                    rankSum += averageRank;
                }
            }
            i = j + 1;
        }
        return (rankSum - positives * (positives + 1.0) / 2) / ((double) positives * negatives);
    }
}
