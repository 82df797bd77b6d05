package dev.reservoir.risk;

/** The XGBoost4J version the model files are written with (the root pom's xgboost.version). */
final class GradientBoostingVersion {
    static final String VERSION = "3.0.4";

    private GradientBoostingVersion() {
    }
}
