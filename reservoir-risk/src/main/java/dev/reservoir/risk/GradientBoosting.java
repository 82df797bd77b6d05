package dev.reservoir.risk;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Training and prediction with XGBoost. The parameters are fixed and modest (shallow trees,
 * a small learning rate, row and column subsampling, a minimum leaf weight) because a shop has
 * thousands, not millions, of customers: deep or many trees would learn the noise of one
 * window. One thread and a fixed seed make the model the same on every run.
 */
final class GradientBoosting {
    static final int ROUNDS = 200;
    static final Map<String, Object> PARAMETERS;

    static {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("objective", "binary:logistic");
        p.put("tree_method", "hist");
        p.put("max_depth", 4);
        p.put("eta", 0.05);
        p.put("min_child_weight", 5);
        p.put("subsample", 0.8);
        p.put("colsample_bytree", 0.8);
        p.put("lambda", 1.0);
        p.put("seed", 42);
        p.put("nthread", 1);
        p.put("verbosity", 0);
        PARAMETERS = Collections.unmodifiableMap(p);
    }

    private GradientBoosting() {
    }

    /** The XGBoost4J version on the class path, from its jar's Maven metadata, for the model sidecar. */
    static String libraryVersion() {
        try (java.io.InputStream in = XGBoost.class.getResourceAsStream("/META-INF/maven/ml.dmlc/xgboost4j_2.12/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    static Booster train(FeatureTable features, boolean[] churned) {
        try {
            DMatrix m = matrix(features);
            float[] labels = new float[churned.length];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = churned[i] ? 1 : 0;
            }
            m.setLabel(labels);
            Booster booster = XGBoost.train(m, new LinkedHashMap<>(PARAMETERS), ROUNDS, Map.of(), null, null);
            m.dispose();
            return booster;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to train: " + e.getMessage(), e);
        }
    }

    /** The churn probability of every customer of {@code features}, in its order. */
    static double[] predict(Booster booster, FeatureTable features) {
        if (features.size() == 0) {
            return new double[0];
        }
        try {
            DMatrix m = matrix(features);
            float[][] p = booster.predict(m);
            m.dispose();
            double[] out = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                out[i] = p[i][0];
            }
            return out;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to predict: " + e.getMessage(), e);
        }
    }

    /** Each feature's total gain over all splits on it (0 when never used), in feature order. */
    static Map<String, Double> importances(Booster booster, FeatureTable features) {
        try {
            Map<String, Double> gain = booster.getScore(features.names().toArray(String[]::new), "total_gain");
            Map<String, Double> out = new LinkedHashMap<>();
            for (String name : features.names()) {
                out.put(name, gain.getOrDefault(name, 0.0));
            }
            return out;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to report importances: " + e.getMessage(), e);
        }
    }

    private static DMatrix matrix(FeatureTable features) throws XGBoostError {
        DMatrix m = new DMatrix(features.matrix(), features.size(), features.names().size(), Float.NaN);
        m.setFeatureNames(features.names().toArray(String[]::new));
        return m;
    }
}
