package dev.reservoir.metric;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;

/** The checks the repurchase, annual and activity definitions share, with bilingual messages. */
final class RepurchaseParameters {
    private RepurchaseParameters() {
    }

    static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new ReservoirException(ErrorCode.INVALID_PARAMETER, name,
                    Localizable.of("a whole number of at least " + min, "不小于 " + min + " 的整数"), value);
        }
        return value;
    }

    static int atMost(String name, int value, int max) {
        if (value > max) {
            throw new ReservoirException(ErrorCode.INVALID_PARAMETER, name,
                    Localizable.of("a whole number of at most " + max, "不大于 " + max + " 的整数"), value);
        }
        return value;
    }
}
