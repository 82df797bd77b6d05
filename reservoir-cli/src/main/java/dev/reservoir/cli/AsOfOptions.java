package dev.reservoir.cli;

import dev.reservoir.engine.TenantStore;
import dev.reservoir.time.AsOf;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * {@code --as-of DATE [--known-at INSTANT]}: the date a command answers as of (default: today in
 * the tenant's zone) and, for a reproducible answer, the instant after which ingested events are
 * ignored. One mixin, so that every command names, documents and defaults them the same way.
 */
final class AsOfOptions {
    @Option(names = "--as-of", paramLabel = "DATE", converter = Converters.DateConverter.class,
            descriptionKey = "as-of")
    LocalDate date;

    @Option(names = "--known-at", paramLabel = "INSTANT", converter = Converters.InstantConverter.class,
            descriptionKey = "known-at")
    Instant knownAt;

    AsOf resolve(TenantStore store, SharedOptions shared) {
        return of(store, date, knownAt, shared);
    }

    /** The given date, else today in the tenant's zone by the command's clock. */
    static AsOf of(TenantStore store, LocalDate date, Instant knownAt, SharedOptions shared) {
        LocalDate d = date != null ? date : LocalDate.now(shared.clock().withZone(store.tenant().timeZone()));
        return new AsOf(d, Optional.ofNullable(knownAt));
    }
}
