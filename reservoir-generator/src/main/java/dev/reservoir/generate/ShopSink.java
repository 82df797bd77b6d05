package dev.reservoir.generate;

import dev.reservoir.event.Customer;
import dev.reservoir.event.Event;

/**
 * Receives a generated shop, one customer at a time, in customer order: first
 * {@link #customer}, then that customer's events in time order, then {@link #truth}.
 * Called from one thread.
 */
public interface ShopSink {

    void customer(Customer customer);

    void event(Event event);

    void truth(CustomerTruth truth);
}
