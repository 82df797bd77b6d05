package dev.reservoir.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The system load averages over 1, 5 and 15 minutes, as {@code uptime} prints them. A load above
 * the core count means other processes competed for the cores while the figures were taken.
 */
record LoadAverage(double one, double five, double fifteen) {

    /** From {@code /proc/loadavg}; elsewhere the JVM's 1-minute figure for all three (-1 if none). */
    static LoadAverage now() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split("\\s+");
            return new LoadAverage(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
        } catch (IOException | RuntimeException e) {
            double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return new LoadAverage(one, one, one);
        }
    }

    List<Double> asList() {
        return List.of(one, five, fifteen);
    }

    String text(java.util.Locale locale) {
        return String.format(locale, "%.2f %.2f %.2f", one, five, fifteen);
    }
}
