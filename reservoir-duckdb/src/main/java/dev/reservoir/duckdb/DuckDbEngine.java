package dev.reservoir.duckdb;

import dev.reservoir.engine.Engine;
import dev.reservoir.engine.EngineConfig;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.Tenant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The embedded engine: a data directory of tenant folders, each with its own DuckDB database,
 * so tenants are isolated by construction and deleting one deletes a folder. Holds the data
 * directory's lock while open.
 */
public final class DuckDbEngine implements Engine {
    private final EngineConfig config;
    private final DataDirectoryLock lock;
    private final Map<String, DuckDbTenantStore> open = new LinkedHashMap<>();

    private DuckDbEngine(EngineConfig config, DataDirectoryLock lock) {
        this.config = config;
        this.lock = lock;
    }

    /**
     * Opens (creating if needed) the data directory.
     *
     * @throws ReservoirException {@link ErrorCode#DATA_DIRECTORY_LOCKED} if another process has it
     */
    public static DuckDbEngine open(EngineConfig config) {
        try {
            Files.createDirectories(config.dataDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + config.dataDirectory(), e);
        }
        return new DuckDbEngine(config, DataDirectoryLock.acquire(config.dataDirectory(), config.clock().instant()));
    }

    public EngineConfig config() {
        return config;
    }

    @Override
    public synchronized List<Tenant> tenants() {
        List<Tenant> tenants = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(config.dataDirectory())) {
            dirs.filter(Files::isDirectory).sorted().forEach(d -> new TenantFolder(d).read().ifPresent(tenants::add));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tenants;
    }

    @Override
    public synchronized Optional<Tenant> tenant(String id) {
        return folder(id).read();
    }

    @Override
    public synchronized Tenant createTenant(String id, ZoneId zone, Currency currency) {
        TenantFolder folder = folder(id);
        if (folder.exists()) {
            throw new ReservoirException(ErrorCode.TENANT_EXISTS, id);
        }
        Tenant tenant = new Tenant(id, zone, currency, config.clock().instant());
        folder.write(tenant);
        return tenant;
    }

    @Override
    public synchronized TenantStore store(String tenantId) {
        DuckDbTenantStore store = open.get(tenantId);
        if (store != null) {
            return store;
        }
        TenantFolder folder = folder(tenantId);
        Tenant tenant = folder.read().orElseGet(() -> {
            if (Tenant.DEFAULT_ID.equals(tenantId)) {
                return createTenant(tenantId, Tenant.DEFAULT_ZONE, Tenant.DEFAULT_CURRENCY);
            }
            throw new ReservoirException(ErrorCode.TENANT_NOT_FOUND, tenantId, config.dataDirectory());
        });
        store = DuckDbTenantStore.open(tenant, folder, config);
        open.put(tenantId, store);
        return store;
    }

    @Override
    public synchronized boolean deleteTenant(String id) {
        TenantFolder folder = folder(id);
        if (!Files.exists(folder.root())) {
            return false;
        }
        DuckDbTenantStore store = open.remove(id);
        if (store != null) {
            store.close();
        }
        try (Stream<Path> files = Files.walk(folder.root())) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete tenant folder " + folder.root(), e);
        }
        return true;
    }

    private TenantFolder folder(String id) {
        return new TenantFolder(config.dataDirectory().resolve(Tenant.checkId(id)));
    }

    @Override
    public synchronized void close() {
        try {
            open.values().forEach(DuckDbTenantStore::close);
            open.clear();
        } finally {
            lock.close();
        }
    }
}
