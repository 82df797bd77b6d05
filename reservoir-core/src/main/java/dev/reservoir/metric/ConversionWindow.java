package dev.reservoir.metric;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;

import java.time.Duration;
import java.util.Objects;

/**
 * How long after a person's step 1 the later steps may come. In days it counts dates, as SPEC's
 * conventions say: a step on a date up to d + W counts, d being step 1's date (so 0 days means
 * the same day). As a duration it is exact time: at most {@code duration} after step 1.
 */
public sealed interface ConversionWindow {
    /** Whether a step at {@code micros} on epoch day {@code day} is inside the window of a start at (startMicros, startDay). */
    boolean contains(long startMicros, long startDay, long micros, long day);

    /** The text form: {@code 14d} or {@code PT2H}. */
    String text();

    record Days(int days) implements ConversionWindow {
        public Days {
            if (days < 0 || days > 3660) {
                throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "window",
                        Localizable.of("0 to 3660 days", "0 到 3660 天"), days);
            }
        }

        @Override
        public boolean contains(long startMicros, long startDay, long micros, long day) {
            return day - startDay <= days;
        }

        @Override
        public String text() {
            return days + "d";
        }
    }

    record Span(Duration duration) implements ConversionWindow {
        public Span {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative() || duration.isZero()) {
                throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "window",
                        Localizable.of("a positive duration", "正的时长"), duration);
            }
        }

        @Override
        public boolean contains(long startMicros, long startDay, long micros, long day) {
            return micros - startMicros <= duration.toNanos() / 1000;
        }

        @Override
        public String text() {
            return duration.toString();
        }
    }
}
