package dev.reservoir.model;

import java.util.List;
import java.util.Optional;

/** The models Reservoir fits, with the names their parameters have in the literature. */
public enum ModelKind {
    BG_NBD("bg-nbd", "BG/NBD", List.of("r", "alpha", "a", "b")),
    PARETO_NBD("pareto-nbd", "Pareto/NBD", List.of("r", "alpha", "s", "beta")),
    GAMMA_GAMMA("gamma-gamma", "Gamma-Gamma", List.of("p", "q", "gamma"));

    private final String wireName;
    private final String displayName;
    private final List<String> parameterNames;

    ModelKind(String wireName, String displayName, List<String> parameterNames) {
        this.wireName = wireName;
        this.displayName = displayName;
        this.parameterNames = parameterNames;
    }

    public String wireName() {
        return wireName;
    }

    public String displayName() {
        return displayName;
    }

    public List<String> parameterNames() {
        return parameterNames;
    }

    public static Optional<ModelKind> fromWireName(String name) {
        for (ModelKind k : values()) {
            if (k.wireName.equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
