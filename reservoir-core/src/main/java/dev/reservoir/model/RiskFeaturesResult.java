package dev.reservoir.model;

import java.util.List;
import java.util.Objects;

/**
 * The features of every customer of the population as of F, by customer id.
 *
 * @param rows one per customer; {@code values} are in {@link RiskFeature} order
 */
public record RiskFeaturesResult(RiskFeatures definition, List<Row> rows) {
    public RiskFeaturesResult {
        Objects.requireNonNull(definition, "definition");
        rows = List.copyOf(rows);
    }

    /** One customer's features; missing values are NaN. */
    public record Row(String customerId, double[] values) {
        public Row {
            Objects.requireNonNull(customerId, "customerId");
            if (values.length != RiskFeature.values().length) {
                throw new IllegalArgumentException("customer " + customerId + ": " + values.length
                        + " feature values, expected " + RiskFeature.values().length);
            }
            values = values.clone();
        }

        public double value(RiskFeature feature) {
            return values[feature.ordinal()];
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Row r && r.customerId.equals(customerId) && java.util.Arrays.equals(r.values, values);
        }

        @Override
        public int hashCode() {
            return customerId.hashCode() * 31 + java.util.Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return customerId + java.util.Arrays.toString(values);
        }
    }
}
