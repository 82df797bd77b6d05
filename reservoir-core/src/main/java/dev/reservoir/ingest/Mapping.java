package dev.reservoir.ingest;

import java.time.ZoneId;
import java.util.Optional;

/**
 * How a source's rows become canonical events or customers: either one of the built-in
 * layouts or the columns a user named in a YAML file ({@link Mappings#resolve}).
 */
public sealed interface Mapping permits BuiltinMapping, ColumnMapping {

    /** The name shown in reports: {@code online-retail}, or the YAML file's {@code name}. */
    String name();

    /** What the rows describe. */
    ImportTarget target();

    /**
     * The zone the source's local times are written in; empty means the tenant's zone. Times
     * that carry their own offset ignore it.
     */
    Optional<ZoneId> sourceZone();
}
