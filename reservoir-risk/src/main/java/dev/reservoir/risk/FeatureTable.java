package dev.reservoir.risk;

import dev.reservoir.model.BgNbd;
import dev.reservoir.time.AsOf;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The features of every customer of the population as of F ({@link Features}): one row per
 * customer, the columns named by {@code names}, missing values NaN.
 *
 * @param bgNbd     the BG/NBD fitted on the summaries as of F for the model-output features,
 *                  empty when the data could not support it (then those columns are NaN)
 * @param bgNbdNote why it is empty or how it was fitted when plain maximum likelihood failed; null otherwise
 */
record FeatureTable(AsOf at, List<String> customers, List<String> names, double[][] rows,
                    Optional<BgNbd> bgNbd, String bgNbdNote) {
    FeatureTable {
        Objects.requireNonNull(at, "at");
        customers = List.copyOf(customers);
        names = List.copyOf(names);
        Objects.requireNonNull(bgNbd, "bgNbd");
        if (rows.length != customers.size()) {
            throw new IllegalArgumentException(rows.length + " rows for " + customers.size() + " customers");
        }
    }

    int size() {
        return customers.size();
    }

    int column(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no feature " + name);
        }
        return i;
    }

    /** One column, in customer order. */
    double[] values(String name) {
        int c = column(name);
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][c];
        }
        return out;
    }

    /** Row-major floats, as XGBoost reads them. */
    float[] matrix() {
        float[] m = new float[rows.length * names.size()];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < names.size(); j++) {
                m[i * names.size() + j] = (float) rows[i][j];
            }
        }
        return m;
    }
}
