package dev.reservoir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TenantCommandTest {
    @TempDir
    Path root;

    private Path data;

    @BeforeEach
    void dataDirectory() {
        data = root.resolve("data");
    }

    @Test
    void createListDelete_roundTrip() {
        Cli cli = new Cli(data);
        Cli.Result created = cli.run("tenant", "create", "shop-1", "--time-zone", "Europe/London", "--currency", "GBP");
        assertEquals(0, created.exit(), created::toString);
        assertTrue(created.out().contains("Created tenant 'shop-1' (Europe/London, GBP)"), created::toString);

        Cli.Result list = cli.run("tenant", "list", "--format", "json");
        assertEquals(0, list.exit(), list::toString);
        JsonNode tenants = list.json().get("tenants");
        assertEquals(1, tenants.size());
        assertEquals("shop-1", tenants.get(0).get("id").asText());
        assertEquals("Europe/London", tenants.get(0).get("time_zone").asText());
        assertEquals("GBP", tenants.get(0).get("currency").asText());
        // The fixed clock is the creation time.
        assertEquals(Cli.NOW.toString(), tenants.get(0).get("created_at").asText());

        Cli.Result table = cli.run("tenant", "list");
        assertTrue(table.out().contains("shop-1") && table.out().contains("Europe/London"), table::toString);

        Cli.Result deleted = cli.run("tenant", "delete", "shop-1");
        assertEquals(0, deleted.exit(), deleted::toString);
        assertTrue(deleted.out().contains("Deleted tenant 'shop-1' (Europe/London, GBP): 0 events, 0 customer profiles,"
                + " 0 imports."), deleted::toString);
        assertFalse(Files.exists(data.resolve("shop-1")));

        Cli.Result empty = cli.run("tenant", "list", "--format", "json");
        assertEquals(0, empty.json().get("tenants").size(), empty::toString);
        assertTrue(cli.run("tenant", "list").out().startsWith("No tenants in " + data));
    }

    @Test
    void create_defaultsToShanghaiAndYuan() {
        Cli.Result created = new Cli(data).run("tenant", "create", "tea", "--format", "json");
        JsonNode tenant = created.json().get("created");
        assertEquals("Asia/Shanghai", tenant.get("time_zone").asText());
        assertEquals("CNY", tenant.get("currency").asText());
    }

    @Test
    void create_twice_failsWithTenantExists_inBothLanguages() {
        Cli cli = new Cli(data);
        cli.run("tenant", "create", "shop");
        Cli.Result en = cli.run("tenant", "create", "shop");
        Cli.Result zh = cli.run("tenant", "create", "shop", "--lang", "zh");
        assertAll(
                () -> assertEquals(1, en.exit()),
                () -> assertEquals("error [TENANT_EXISTS]: tenant 'shop' already exists\n", en.err()),
                () -> assertEquals("", en.out()),
                () -> assertEquals(1, zh.exit()),
                () -> assertEquals("错误 [TENANT_EXISTS]：租户 'shop' 已存在\n", zh.err()));
    }

    @Test
    void create_withUnknownZone_namesTheZone_inBothLanguages() {
        Cli cli = new Cli(data);
        Cli.Result en = cli.run("tenant", "create", "shop", "--time-zone", "Mars/Olympus");
        Cli.Result zh = cli.run("tenant", "create", "shop", "--time-zone", "Mars/Olympus", "--lang", "zh");
        assertAll(
                () -> assertEquals(1, en.exit()),
                () -> assertEquals("error [INVALID_TIME_ZONE]: time zone 'Mars/Olympus' is not a known region id such"
                        + " as Asia/Shanghai or Europe/London\n", en.err()),
                () -> assertEquals(1, zh.exit()),
                () -> assertEquals("错误 [INVALID_TIME_ZONE]：时区 'Mars/Olympus' 无效：应为 Asia/Shanghai、Europe/London"
                        + " 这样的时区标识\n", zh.err()),
                // Nothing was created.
                () -> assertEquals(0, cli.run("tenant", "list", "--format", "json").json().get("tenants").size()));
    }

    @Test
    void create_withUnknownCurrency_namesTheCode_inBothLanguages() {
        Cli cli = new Cli(data);
        Cli.Result en = cli.run("tenant", "create", "shop", "--currency", "YUAN");
        Cli.Result zh = cli.run("tenant", "create", "shop", "--currency", "YUAN", "--lang", "zh");
        assertAll(
                () -> assertEquals(1, en.exit()),
                () -> assertEquals("error [INVALID_CURRENCY]: currency 'YUAN' is not an ISO 4217 code such as CNY or"
                        + " GBP\n", en.err()),
                () -> assertEquals("错误 [INVALID_CURRENCY]：币种 'YUAN' 无效：应为 CNY、GBP 这样的 ISO 4217 代码\n",
                        zh.err()));
    }

    @Test
    void create_withInvalidId_failsBeforeTouchingTheDataDirectory() {
        Cli.Result result = new Cli(data).run("tenant", "create", "Shop One");
        assertEquals(1, result.exit());
        assertTrue(result.err().startsWith("error [INVALID_TENANT_ID]: tenant id 'Shop One' is invalid"), result::toString);
        assertFalse(Files.exists(data.resolve(".lock")));
    }

    @Test
    void delete_unknownTenant_failsWithTenantNotFound() {
        Cli.Result result = new Cli(data).run("tenant", "delete", "nobody");
        assertEquals(1, result.exit());
        assertTrue(result.err().startsWith("error [TENANT_NOT_FOUND]: tenant 'nobody' does not exist in " + data),
                result::toString);
    }

    @Test
    void delete_saysHowMuchItRemoved() throws Exception {
        Cli cli = new Cli(data);
        Path events = Fixtures.events(root);
        cli.run("tenant", "create", "shop");
        cli.run("import", events.toString(), "--tenant", "shop");
        JsonNode deleted = cli.run("tenant", "delete", "shop", "--format", "json").json().get("deleted");
        assertEquals("shop", deleted.get("id").asText());
        assertEquals(Fixtures.ACCEPTED, deleted.get("events").asLong());
        assertEquals(1, deleted.get("imports").asLong());
    }
}
