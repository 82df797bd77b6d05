package dev.reservoir.cli;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.metric.SessionScope;
import dev.reservoir.time.AsOf;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.LocalDate;

/**
 * The options of the behaviour commands ({@code sessions | pages | paths | quadrants}): the
 * as-of date and known-at, the first day of the period and the session timeout.
 */
final class BehaviourOptions {
    @Mixin
    AsOfOptions asOf;

    @Option(names = "--from", paramLabel = "DATE", converter = Converters.DateConverter.class,
            descriptionKey = "behaviour-from")
    LocalDate from;

    @Option(names = "--session-timeout", paramLabel = "DURATION", defaultValue = "30m",
            converter = Converters.DurationConverter.class, descriptionKey = "behaviour-timeout")
    Duration timeout;

    AsOf asOf(TenantStore store, SharedOptions shared) {
        return asOf.resolve(store, shared);
    }

    /** Sessions that began from {@code --from} (default: the 30 days ending on D) to D. */
    SessionScope scope(TenantStore store, SharedOptions shared) {
        AsOf at = asOf(store, shared);
        LocalDate start = from != null ? from : at.date().minusDays(29);
        if (start.isAfter(at.date())) {
            throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "--from",
                    Localizable.of("a date on or before the as-of date " + at.date(), "不晚于截至日期 " + at.date() + " 的日期"),
                    start);
        }
        return new SessionScope(at, start, checkedTimeout());
    }

    Duration checkedTimeout() {
        if (timeout.getSeconds() < 1 || timeout.compareTo(Duration.ofDays(1)) > 0) {
            throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "--session-timeout",
                    Localizable.of("a duration from 1s to 1d", "1 秒到 1 天之间的时长"), timeout);
        }
        return timeout;
    }

    /** {@code 2 min 5 s}-style text of a number of seconds, {@code —} when undefined. */
    static String duration(Double seconds, Texts texts) {
        if (seconds == null) {
            return "—";
        }
        return texts.format("behaviour.seconds", seconds);
    }

    /** A rate in CSV: empty when undefined. */
    static String csvNumber(Double value) {
        return value == null ? "" : Double.toString(value);
    }
}
