package dev.reservoir.metric;

import dev.reservoir.time.AsOf;

import java.util.List;
import java.util.Objects;

/**
 * The churn window from history ({@code auto}, SPEC metric 3). A <em>gap</em> is the number of
 * days between two consecutive activity dates of one customer (dates, not 24-hour steps, so a
 * gap is at least 1; two activities on one day are one activity date). The curve gives, for
 * each g from 1 to the longest gap, the share of all gaps that are at most g days: the share of
 * returns that happen within g days. The recommended N is the smallest g whose share is at least
 * {@code share}.
 *
 * @param share the level the recommended N must reach, in (0, 1]; 0.9 by default
 */
public record ReturnGaps(Activity activity, double share, AsOf asOf) {
    public static final double DEFAULT_SHARE = 0.9;

    public ReturnGaps {
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(asOf, "asOf");
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in (0, 1], was " + share);
        }
    }

    public static ReturnGaps of(Activity activity, AsOf asOf) {
        return new ReturnGaps(activity, DEFAULT_SHARE, asOf);
    }

    /**
     * One point of the curve.
     *
     * @param days    g
     * @param gaps    gaps of exactly g days
     * @param within  gaps of at most g days
     * @param share   within ÷ all gaps
     */
    public record Point(int days, long gaps, long within, double share) {
    }

    /**
     * @param gaps        all gaps
     * @param customers   customers with at least one gap (two or more activity dates)
     * @param curve       one point per g = 1 .. longest gap; empty when there are no gaps
     * @param recommended the smallest g with share ≥ the chosen share; {@code null} without gaps
     */
    public record Result(ReturnGaps definition, long gaps, long customers, List<Point> curve, Integer recommended) {
        public Result {
            Objects.requireNonNull(definition, "definition");
            curve = List.copyOf(curve);
        }

        /** The share of returns within {@code days} (0 below the curve, 1 past its end); null without gaps. */
        public Double shareWithin(int days) {
            if (curve.isEmpty()) {
                return null;
            }
            if (days < 1) {
                return 0.0;
            }
            return days >= curve.size() ? 1.0 : curve.get(days - 1).share();
        }
    }
}
