package dev.reservoir.model;

import java.util.List;

/** Checks of model parameters. */
final class Params {
    private Params() {
    }

    static void positive(String model, List<String> names, double... values) {
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] > 0) || Double.isInfinite(values[i])) {
                throw new IllegalArgumentException(model + ": parameter " + names.get(i)
                        + " must be a positive finite number, was " + values[i]);
            }
        }
    }
}
