package dev.reservoir.generate;

import dev.reservoir.event.Event;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class DeterminismTest {

    private static final GeneratorSpec SPEC = GeneratorSpec.of(Profile.TEA_CHAIN, 300, 120, 42);

    @Test
    void sameSeed_givesByteIdenticalEvents() {
        String first = CollectingSink.hash(CollectingSink.of(SPEC).events);
        String second = CollectingSink.hash(CollectingSink.of(SPEC).events);
        assertEquals(first, second);
    }

    @Test
    void differentSeed_givesDifferentEvents() {
        GeneratorSpec other = GeneratorSpec.of(Profile.TEA_CHAIN, 300, 120, 43);
        assertNotEquals(CollectingSink.hash(CollectingSink.of(SPEC).events),
                CollectingSink.hash(CollectingSink.of(other).events));
    }

    @Test
    void aCustomer_isTheSameWhateverElseIsGenerated() {
        // Each customer's generator is seeded by (seed, index) alone: the first 50 customers of a
        // 300-customer shop are exactly a 50-customer shop.
        CollectingSink small = CollectingSink.of(GeneratorSpec.of(Profile.TEA_CHAIN, 50, 120, 42));
        List<Event> large = CollectingSink.of(SPEC).events;
        List<Event> prefix = large.stream().filter(e -> Integer.parseInt(e.customerId().substring(1)) <= 50).toList();
        assertEquals(CollectingSink.hash(small.events), CollectingSink.hash(prefix));
    }

    @Test
    void ids_followTheDocumentedPatterns() {
        CollectingSink sink = CollectingSink.of(GeneratorSpec.of(Profile.EDUCATION, 20, 60, 1));
        assertEquals("C000001", sink.customers.get(0).customerId());
        Event first = sink.events.get(0);
        assertEquals("ed-1-0", first.eventId());
        assertEquals("register", first.type().wireName());
        assertEquals("C1234567", CustomerSimulator.customerId(1_234_567));
    }
}
