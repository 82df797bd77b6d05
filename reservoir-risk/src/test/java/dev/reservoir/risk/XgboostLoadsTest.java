package dev.reservoir.risk;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The native XGBoost library loads on this machine without Scala on the class path (the root
 * pom leaves it out), trains, and a saved model predicts the same after loading.
 */
class XgboostLoadsTest {
    @TempDir
    Path dir;

    @Test
    void trainsSavesAndLoadsWithoutScala() throws Exception {
        // y = 1 exactly when the first feature is above 0.5: one split learns it.
        int n = 200;
        float[] x = new float[n * 2];
        float[] y = new float[n];
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < n; i++) {
            x[2 * i] = random.nextFloat();
            x[2 * i + 1] = random.nextFloat();
            y[i] = x[2 * i] > 0.5f ? 1 : 0;
        }
        DMatrix m = new DMatrix(x, n, 2, Float.NaN);
        m.setLabel(y);
        Map<String, Object> params = new HashMap<>(Map.of("objective", "binary:logistic", "seed", 1, "nthread", 1));
        Booster booster = XGBoost.train(m, params, 20, Map.of(), null, null);
        float[][] p = booster.predict(m);
        for (int i = 0; i < n; i++) {
            assertTrue(y[i] == 1 ? p[i][0] > 0.5 : p[i][0] < 0.5, "row " + i);
        }
        Path file = dir.resolve("m.ubj");
        booster.saveModel(file.toString());
        float[][] again = XGBoost.loadModel(file.toString()).predict(m);
        for (int i = 0; i < n; i++) {
            assertArrayEquals(p[i], again[i]);
        }
        assertTrue(getClass().getClassLoader().getResource("scala/Option.class") == null, "Scala is not on the class path");
    }
}
