package dev.reservoir.ingest;

/** What an imported file holds. */
public enum ImportTarget {
    EVENTS,
    CUSTOMERS
}
