package dev.reservoir.bench;

/** What is timed for one format, and the target it is held to. */
enum Step {
    /** DuckDB's plain {@code INSERT ... SELECT} of the files: the yardstick (ratio 1). */
    BASELINE("baseline", "step.baseline", Double.NaN),
    /** Reservoir's import, with its checks and de-duplication, into a new tenant store. */
    EMPTY_STORE("empty_store", "step.empty-store", 2.0),
    /** The same import into a store already holding {@code --base-events} other events. */
    WITH_BASE("with_base", "step.with-base", 3.0);

    /** Peak resident memory allowed during {@link #WITH_BASE}: 6 GiB. */
    static final long RSS_TARGET_BYTES = 6L << 30;

    private final String jsonName;
    private final String labelKey;
    private final double targetRatio;

    Step(String jsonName, String labelKey, double targetRatio) {
        this.jsonName = jsonName;
        this.labelKey = labelKey;
        this.targetRatio = targetRatio;
    }

    String jsonName() {
        return jsonName;
    }

    String labelKey() {
        return labelKey;
    }

    /** Time / baseline time must not exceed this; {@code NaN} for the baseline itself. */
    double targetRatio() {
        return targetRatio;
    }

    boolean hasRatioTarget() {
        return !Double.isNaN(targetRatio);
    }
}
