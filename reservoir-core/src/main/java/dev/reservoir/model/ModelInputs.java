package dev.reservoir.model;

/**
 * What the customer-base models read from an engine: per-customer summaries computed where the
 * events are, so that they scale with the engine.
 */
public interface ModelInputs {
    CustomerSummariesResult summaries(CustomerSummaries definition);
}
