package dev.reservoir.cli;

import dev.reservoir.engine.Engine;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.Tenant;

import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * The server's engine lent to a command run in-process: everything goes to it, except that the
 * command's try-with-resources does not close it (the server owns it and closes it).
 */
final class BorrowedEngine implements Engine {
    private final Engine owner;

    BorrowedEngine(Engine owner) {
        this.owner = owner;
    }

    @Override
    public List<Tenant> tenants() {
        return owner.tenants();
    }

    @Override
    public Optional<Tenant> tenant(String id) {
        return owner.tenant(id);
    }

    @Override
    public Tenant createTenant(String id, ZoneId zone, Currency currency) {
        return owner.createTenant(id, zone, currency);
    }

    @Override
    public TenantStore store(String tenantId) {
        return owner.store(tenantId);
    }

    @Override
    public boolean deleteTenant(String id) {
        return owner.deleteTenant(id);
    }

    @Override
    public void close() {
        // Not the command's to close.
    }
}
