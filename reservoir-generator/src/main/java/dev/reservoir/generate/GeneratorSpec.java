package dev.reservoir.generate;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What to generate. The same spec always produces the same events, whatever the chunking or
 * the number of threads.
 *
 * @param profile   the kind of shop
 * @param customers how many customers register during the window (1 to 100,000,000)
 * @param days      the window length in days (1 to 3,660); every event falls in
 *                  [{@code start}, {@code start + days}) in {@code zone}
 * @param seed      any value; different seeds give independent shops
 * @param start     the first day of the window, a local date in {@code zone}
 * @param zone      the shop's time zone: opening hours and weekdays are local to it
 * @param format    the file format of {@link ShopGenerator#writeTo}
 */
public record GeneratorSpec(Profile profile, int customers, int days, long seed, LocalDate start, ZoneId zone,
                            OutputFormat format) {

    static final int MAX_CUSTOMERS = 100_000_000;
    static final int MAX_DAYS = 3_660;

    public GeneratorSpec {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(format, "format");
        if (customers < 1 || customers > MAX_CUSTOMERS) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "customers must be between 1 and %,d, was %d", MAX_CUSTOMERS, customers));
        }
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "days must be between 1 and %,d, was %d", MAX_DAYS, days));
        }
    }

    /** A spec starting on 2025-01-01 in Asia/Shanghai, written as Parquet. */
    public static GeneratorSpec of(Profile profile, int customers, int days, long seed) {
        return new GeneratorSpec(profile, customers, days, seed, LocalDate.of(2025, 1, 1),
                ZoneId.of("Asia/Shanghai"), OutputFormat.PARQUET);
    }

    /** This spec with another output format. */
    public GeneratorSpec withFormat(OutputFormat newFormat) {
        return new GeneratorSpec(profile, customers, days, seed, start, zone, newFormat);
    }

    /** The day after the last day of the window. */
    public LocalDate end() {
        return start.plusDays(days);
    }
}
