package dev.reservoir.generate;

import dev.reservoir.event.Customer;
import dev.reservoir.event.Event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps everything a generator produced, in order. */
final class CollectingSink implements ShopSink {

    final List<Customer> customers = new ArrayList<>();
    final List<Event> events = new ArrayList<>();
    final Map<String, CustomerTruth> truths = new LinkedHashMap<>();

    static CollectingSink of(GeneratorSpec spec) {
        CollectingSink sink = new CollectingSink();
        new ShopGenerator(spec).generate(sink);
        return sink;
    }

    @Override
    public void customer(Customer customer) {
        customers.add(customer);
    }

    @Override
    public void event(Event event) {
        events.add(event);
    }

    @Override
    public void truth(CustomerTruth truth) {
        truths.put(truth.customerId(), truth);
    }

    /** SHA-256 over every field of every event, in order. */
    static String hash(List<Event> events) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Event e : events) {
                digest.update(e.toString().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
