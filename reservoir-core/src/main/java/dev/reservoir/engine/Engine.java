package dev.reservoir.engine;

import dev.reservoir.event.Tenant;

import java.util.List;
import java.util.Optional;

/**
 * The boundary every engine implements: the embedded DuckDB one now, Spark later. It owns a
 * data directory while open (one process at a time) and hands out one {@link TenantStore} per
 * tenant. Closing it closes every store it opened.
 */
public interface Engine extends AutoCloseable {

    /** The tenants in the data directory, by id. */
    List<Tenant> tenants();

    Optional<Tenant> tenant(String id);

    /**
     * Creates a tenant.
     *
     * @throws ReservoirException {@link ErrorCode#TENANT_EXISTS} if the id is taken
     */
    Tenant createTenant(String id, java.time.ZoneId zone, java.util.Currency currency);

    /** The tenant's store, creating the {@code default} tenant on first use. */
    TenantStore store(String tenantId);

    /** Removes the tenant and every file of its data; returns false if there was none. */
    boolean deleteTenant(String id);

    @Override
    void close();
}
