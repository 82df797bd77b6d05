package dev.reservoir.model;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.metric.Activity;
import dev.reservoir.time.AsOf;

import java.time.LocalDate;
import java.util.Map;

/**
 * What the customer-base models read from an engine: per-customer summaries computed where the
 * events are, so that they scale with the engine.
 */
public interface ModelInputs {
    CustomerSummariesResult summaries(CustomerSummaries definition);

    /** The churn-risk features of the population as of {@code definition.at()} ({@link RiskFeatures}). */
    default RiskFeaturesResult riskFeatures(RiskFeatures definition) {
        throw new ReservoirException(ErrorCode.UNSUPPORTED_METRIC, getClass().getSimpleName(), "risk features");
    }

    /**
     * Each customer's last day of {@code activity} on or before {@code at}'s date (known-at
     * applies): what a churn label as of that date is read from.
     */
    default Map<String, LocalDate> lastActivity(Activity activity, AsOf at) {
        throw new ReservoirException(ErrorCode.UNSUPPORTED_METRIC, getClass().getSimpleName(), "last activity");
    }
}
