package dev.reservoir.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a tenant's saved models live when no file is named: {@code <data>/<tenant>/models/},
 * beside the tenant's database and tags.yaml. {@code reservoir fit --save} writes the purchase
 * model ({@code purchase-model.json}, the file {@code fit --out} writes), {@code reservoir risk
 * --save} the churn-risk model ({@code risk/}, the directory {@code risk --out} writes); the
 * customer lookup (and so the server, which names no files) reads them when present.
 */
final class SavedModels {
    static final String FOLDER = "models";
    static final String PURCHASE = "purchase-model.json";
    static final String RISK = "risk";

    private SavedModels() {
    }

    static Path purchase(SharedOptions shared) {
        return shared.dataDirectory().resolve(shared.tenant()).resolve(FOLDER).resolve(PURCHASE);
    }

    static Path risk(SharedOptions shared) {
        return shared.dataDirectory().resolve(shared.tenant()).resolve(FOLDER).resolve(RISK);
    }

    /** {@code given}, else the tenant's saved purchase model when there is one. */
    static Optional<Path> purchaseOr(Path given, SharedOptions shared) {
        if (given != null) {
            return Optional.of(given);
        }
        Path saved = purchase(shared);
        return Files.isRegularFile(saved) ? Optional.of(saved) : Optional.empty();
    }

    /** {@code given}, else the tenant's saved risk model when there is one. */
    static Optional<Path> riskOr(Path given, SharedOptions shared) {
        if (given != null) {
            return Optional.of(given);
        }
        Path saved = risk(shared);
        return Files.isDirectory(saved) ? Optional.of(saved) : Optional.empty();
    }

    /** The path as the output shows it: relative to the tenant's folder when it is the saved one. */
    static String shown(Path path, SharedOptions shared) {
        Path tenantFolder = shared.dataDirectory().resolve(shared.tenant());
        return path.startsWith(tenantFolder) ? tenantFolder.relativize(path).toString().replace('\\', '/') : path.toString();
    }
}
