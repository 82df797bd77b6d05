package dev.reservoir.metric;

import java.util.Comparator;
import java.util.Objects;

/**
 * One group of a repurchase figure: all customers, the customers with one value of the split
 * attribute, or those whose value is unknown (no profile, or no value in it).
 *
 * @param value the attribute's value as text ({@code true}/{@code false} for paid_member);
 *              {@code null} for {@link Kind#ALL} and {@link Kind#UNKNOWN}
 */
public record RepurchaseGroup(Kind kind, String value) {
    public static final RepurchaseGroup ALL = new RepurchaseGroup(Kind.ALL, null);
    public static final RepurchaseGroup UNKNOWN = new RepurchaseGroup(Kind.UNKNOWN, null);

    /** All first, then values in text order, unknown last: the order of every output. */
    public static final Comparator<RepurchaseGroup> ORDER = Comparator.comparing(RepurchaseGroup::kind)
            .thenComparing(RepurchaseGroup::value, Comparator.nullsLast(Comparator.naturalOrder()));

    public enum Kind { ALL, VALUE, UNKNOWN }

    public RepurchaseGroup {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.VALUE) != (value != null)) {
            throw new IllegalArgumentException("a " + kind + " group " + (value == null ? "needs" : "has no") + " value");
        }
    }

    public static RepurchaseGroup of(String value) {
        return value == null ? UNKNOWN : new RepurchaseGroup(Kind.VALUE, value);
    }

    /**
     * A group's rate divided by the rate of every other customer taken together (the seeds'
     * "paid members repurchase 2.5 times"): {@code (n/d) / ((allN - n) / (allD - d))};
     * {@code null} when either rate is undefined or the others' rate is 0, and for {@link Kind#ALL}.
     */
    public Double ratioToRest(long numerator, long denominator, long allNumerator, long allDenominator) {
        if (kind == Kind.ALL) {
            return null;
        }
        Double mine = Rates.rate(numerator, denominator);
        Double rest = Rates.rate(allNumerator - numerator, allDenominator - denominator);
        return mine == null || rest == null || rest == 0.0 ? null : mine / rest;
    }

    /** A short name for tables and CSV: {@code all}, {@code unknown} or the value itself. */
    public String key() {
        return switch (kind) {
            case ALL -> "all";
            case UNKNOWN -> "unknown";
            case VALUE -> value;
        };
    }
}
