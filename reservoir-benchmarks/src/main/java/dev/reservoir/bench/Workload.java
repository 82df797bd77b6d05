package dev.reservoir.bench;

import dev.reservoir.event.Customer;
import dev.reservoir.event.Event;
import dev.reservoir.generate.CustomerTruth;
import dev.reservoir.generate.GeneratedShop;
import dev.reservoir.generate.GeneratorSpec;
import dev.reservoir.generate.OutputFormat;
import dev.reservoir.generate.Profile;
import dev.reservoir.generate.ShopGenerator;
import dev.reservoir.generate.ShopSink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.DoubleConsumer;

/**
 * The benchmark's events: a tea-chain shop from the demo generator, over a year that ended
 * before any clock this runs under (so no event is a future time), with as many customers as it
 * takes to reach the requested number of events.
 *
 * <p>The generator has no "number of events" knob: events follow from customers and days. A
 * customer's events depend only on the seed and its index, so counting the events of the first
 * customers tells how many customers reach the request; the run then has the requested events
 * plus at most one customer's (the benchmark states the count it actually imported).
 */
final class Workload {
    static final Profile PROFILE = Profile.TEA_CHAIN;
    static final int DAYS = 365;
    static final long SEED = 42;
    static final LocalDate START = LocalDate.of(2024, 1, 1);
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Customers simulated (not written) to bound the count; about 0.5 s. */
    static final int PILOT = 2_000;
    /** The generator's limit. */
    static final int MAX_CUSTOMERS = 100_000_000;

    private Workload() {
    }

    static GeneratorSpec spec(int customers, OutputFormat format) {
        return new GeneratorSpec(PROFILE, customers, DAYS, SEED, START, ZONE, format);
    }

    /**
     * The fewest customers whose events reach {@code events}: over by less than one customer's
     * events. The first customers are simulated (not written) and their events counted, which
     * takes about a tenth of the time of writing them; a pilot of {@link #PILOT} customers first
     * bounds how many that can take.
     */
    static int customersFor(long events) {
        Counter pilot = count(PILOT, events);
        if (pilot.reachedAt > 0) {
            return pilot.reachedAt;
        }
        double perCustomer = Math.max(1.0, (double) pilot.events / PILOT);
        int bound = (int) Math.min(MAX_CUSTOMERS, Math.round(1.5 * events / perCustomer) + PILOT);
        Counter all = count(bound, events);
        return all.reachedAt > 0 ? all.reachedAt : bound;
    }

    /** Simulates customers 1..{@code customers} until their events reach {@code target}. */
    private static Counter count(int customers, long target) {
        Counter counter = new Counter(target);
        try {
            new ShopGenerator(spec(customers, OutputFormat.PARQUET)).generate(counter);
        } catch (Reached stop) {
            // counter.reachedAt is set
        }
        return counter;
    }

    /** Ends a simulation early: the count is reached. */
    private static final class Reached extends RuntimeException {
        Reached() {
            super(null, null, false, false);
        }
    }

    private static final class Counter implements ShopSink {
        final long target;
        long events;
        int customers;
        int reachedAt;

        Counter(long target) {
            this.target = target;
        }

        @Override
        public void customer(Customer customer) {
            customers++;
        }

        @Override
        public void event(Event event) {
            events++;
        }

        @Override
        public void truth(CustomerTruth truth) {
            if (events >= target) {
                reachedAt = customers;
                throw new Reached();
            }
        }
    }

    /** Writes the shop as {@code format} under {@code dir}; only its event files are used. */
    static EventFiles generate(int customers, OutputFormat format, Path dir, DoubleConsumer progress)
            throws IOException {
        GeneratedShop shop = new ShopGenerator(spec(customers, format)).writeTo(dir, progress);
        long bytes = 0;
        for (Path p : shop.eventFiles()) {
            bytes += Files.size(p);
        }
        return new EventFiles(format, shop.eventFiles(), shop.events(), bytes, shop.took());
    }

    /** For messages: {@code tea-chain}. */
    static String profileName() {
        return PROFILE.profileName();
    }
}
