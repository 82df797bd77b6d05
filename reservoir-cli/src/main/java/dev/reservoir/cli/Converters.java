package dev.reservoir.cli;

import dev.reservoir.engine.EngineConfig;
import dev.reservoir.generate.OutputFormat;
import dev.reservoir.generate.Profile;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Option values the way users type them. picocli turns a {@link TypeConversionException} into
 * "Invalid value for option '--x': expected ..., was '...'" and exit code 2.
 */
final class Converters {
    private Converters() {
    }

    /** {@code 1d}, {@code 12h}, {@code 30m}, {@code 45s} or ISO 8601 ({@code PT1H}, {@code P1D}). */
    static final class DurationConverter implements ITypeConverter<Duration> {
        private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([dhms])");

        @Override
        public Duration convert(String value) {
            String text = value.strip().toLowerCase(Locale.ROOT);
            Matcher m = SHORT.matcher(text);
            try {
                if (m.matches()) {
                    long n = Long.parseLong(m.group(1));
                    return switch (m.group(2)) {
                        case "d" -> Duration.ofDays(n);
                        case "h" -> Duration.ofHours(n);
                        case "m" -> Duration.ofMinutes(n);
                        default -> Duration.ofSeconds(n);
                    };
                }
                Duration d = Duration.parse(text.toUpperCase(Locale.ROOT));
                if (d.isNegative()) {
                    throw new TypeConversionException("expected a duration of zero or more, was '" + value + "'");
                }
                return d;
            } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
                throw new TypeConversionException(
                        "expected a duration such as 1d, 12h, 30m or PT1H, was '" + value + "'");
            }
        }
    }

    /** An ISO date, {@code 2025-03-31}. */
    static final class DateConverter implements ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return LocalDate.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("expected a date such as 2025-03-31, was '" + value + "'");
            }
        }
    }

    /** An instant with its offset: {@code 2025-03-01T10:00:00Z} or {@code 2025-03-01T18:00+08:00}. */
    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return OffsetDateTime.parse(value.strip()).toInstant();
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("expected an instant with an offset such as 2025-03-01T10:00:00Z"
                        + " or 2025-03-01T18:00:00+08:00, was '" + value + "'");
            }
        }
    }

    /** The engine's memory cap, checked exactly as {@link EngineConfig} checks it. */
    static final class MemoryLimitConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return new EngineConfig(Path.of("."), Clock.systemUTC(), value.strip(), 0).memoryLimit();
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected a size such as 4GB, 512MB or 2GiB, was '" + value + "'");
            }
        }
    }

    static final class ProfileConverter implements ITypeConverter<Profile> {
        @Override
        public Profile convert(String value) {
            return Profile.byName(value.strip().toLowerCase(Locale.ROOT)).orElseThrow(() ->
                    new TypeConversionException("expected one of " + Profile.names() + ", was '" + value + "'"));
        }
    }

    static final class FileFormatConverter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            for (OutputFormat f : OutputFormat.values()) {
                if (f.extension().equalsIgnoreCase(value.strip())) {
                    return f;
                }
            }
            throw new TypeConversionException("expected parquet or csv, was '" + value + "'");
        }
    }
}
