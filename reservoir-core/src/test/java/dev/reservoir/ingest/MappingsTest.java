package dev.reservoir.ingest;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.ReservoirException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MappingsTest {
    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("m.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private String error(String text) throws IOException {
        Path file = yaml(text);
        ReservoirException e = assertThrows(ReservoirException.class, () -> Mappings.load(file));
        assertEquals(ErrorCode.INVALID_MAPPING, e.code());
        return e.getMessage().substring(file.toString().length() + 2);
    }

    @Test
    void builtinNames_resolveToLayouts() {
        assertEquals(BuiltinMapping.of(BuiltinMapping.Layout.ONLINE_RETAIL), Mappings.resolve("online-retail"));
        assertEquals(Optional.of(ZoneId.of("Europe/London")), Mappings.resolve("online-retail").sourceZone());
        assertEquals(Optional.empty(), Mappings.resolve("cdnow").sourceZone(), "CDNOW dates are taken in the tenant's zone");
    }

    @Test
    void unknownName_listsTheBuiltins() {
        ReservoirException e = assertThrows(ReservoirException.class, () -> Mappings.resolve("shopify"));
        assertEquals("mapping 'shopify' is neither a built-in mapping (canonical, canonical-customers, online-retail,"
                + " cdnow, access-log), a mapping saved for the tenant (none) nor a readable YAML file", e.getMessage());
    }

    @Test
    void yaml_readsEveryKey() throws IOException {
        Mapping m = Mappings.load(yaml("name: pos\ntime_zone: Asia/Shanghai\ntime_formats: ['%Y/%m/%d %H:%M']\n"
                + "columns: {customer_id: member, occurred_at: paid, type: action}\ntype_values: {pay: purchase}\n"
                + "constants: {currency: CNY}\nformat: CSV\ndelimiter: ';'\n"));
        ColumnMapping c = (ColumnMapping) m;
        assertEquals("pos", c.name());
        assertEquals(Map.of("customer_id", "member", "occurred_at", "paid", "type", "action"), c.columns());
        assertEquals(List.of("%Y/%m/%d %H:%M"), c.timeFormats());
        assertEquals(Optional.of("csv"), c.format());
        assertEquals(Optional.of(ZoneId.of("Asia/Shanghai")), c.sourceZone());
    }

    @Test
    void builtinWithAnotherZone() throws IOException {
        assertEquals(new BuiltinMapping(BuiltinMapping.Layout.ONLINE_RETAIL, Optional.of(ZoneId.of("UTC"))),
                Mappings.load(yaml("builtin: online-retail\ntime_zone: UTC\n")));
    }

    @Test
    void mistakes_nameTheKey() throws IOException {
        assertEquals("invalid mapping: unknown key 'colums'; expected one of [name, target, builtin, format, delimiter,"
                + " time_zone, time_formats, columns, type_values, constants, mask_ip_bytes, include_crawlers]", error("colums: {a: b}\n"));
        assertEquals("invalid mapping: 'amount_cents' is not a canonical event field",
                error("columns: {customer_id: c, occurred_at: t, type: k, amount_cents: x}\n"));
        assertEquals("invalid mapping: type_values: 'pay' maps to 'buy', which is not one of register, visit, page_view,"
                + " add_to_cart, checkout, purchase, refund, group_join, group_leave, complaint, review, survey,"
                + " message_sent, coupon_sent, coupon_redeemed",
                error("columns: {customer_id: c, occurred_at: t, type: k}\ntype_values: {pay: buy}\n"));
        assertEquals("invalid mapping: columns: 'occurred_at' needs a column or a constant",
                error("columns: {customer_id: c, type: k}\n"));
        assertEquals("invalid mapping: columns: name a 'customer_id' or a 'visitor_id' column",
                error("columns: {occurred_at: t, type: k}\n"));
        assertEquals("invalid mapping: format: expected csv, parquet or jsonl, was 'xlsx'",
                error("format: xlsx\ncolumns: {customer_id: c, occurred_at: t, type: k}\n"));
    }

    @Test
    void badZone_isAnInvalidTimeZone() throws IOException {
        Path file = yaml("time_zone: Mars/Olympus\ncolumns: {customer_id: c, occurred_at: t, type: k}\n");
        ReservoirException e = assertThrows(ReservoirException.class, () -> Mappings.load(file));
        assertEquals(ErrorCode.INVALID_TIME_ZONE, e.code());
        assertEquals("时区 'Mars/Olympus' 无效：应为 Asia/Shanghai、Europe/London 这样的时区标识",
                e.message(java.util.Locale.CHINESE));
    }
}
