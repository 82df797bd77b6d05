package dev.reservoir.generate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link ShopGenerator#writeTo} wrote.
 *
 * @param directory     the output directory
 * @param customers     customers written (rows of the customers file)
 * @param events        events written (rows of all event files together)
 * @param orders        distinct order ids among purchase events
 * @param revenue       net revenue: the sum of purchase amounts plus the (negative) refund
 *                      amounts, in CNY
 * @param eventsByType  events per type wire name, every canonical type listed, in
 *                      {@link dev.reservoir.event.EventType} order (zero when none)
 * @param eventFiles    the event part files, in order
 * @param customersFile the customers file
 * @param truthFile     the ground-truth file (one {@link CustomerTruth} per row)
 * @param took          wall-clock time of the whole write
 */
public record GeneratedShop(
        Path directory,
        long customers,
        long events,
        long orders,
        BigDecimal revenue,
        Map<String, Long> eventsByType,
        List<Path> eventFiles,
        Path customersFile,
        Path truthFile,
        Duration took) {

    public GeneratedShop {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(revenue, "revenue");
        Objects.requireNonNull(took, "took");
        eventsByType = Collections.unmodifiableMap(new LinkedHashMap<>(eventsByType));
        eventFiles = List.copyOf(eventFiles);
    }

    /** Events per second of wall-clock time; {@code 0} when {@code took} is zero. */
    public double eventsPerSecond() {
        long nanos = took.toNanos();
        return nanos == 0 ? 0 : events * 1e9 / nanos;
    }
}
