package dev.reservoir.ingest;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.ReservoirException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SavedMappingsTest {
    static final String POS = "name: pos\ncolumns: {customer_id: member, occurred_at: paid, type: action}\n"
            + "type_values: {pay: purchase}\n";

    @TempDir
    Path data;

    @Test
    void saved_isFoundByName_asTheFileWouldBe_andBuiltinsComeFirst() {
        SavedMappings saved = SavedMappings.ofTenant(data, "shop");
        saved.save("pos-export", POS);
        assertTrue(Files.isRegularFile(data.resolve("shop/mappings/pos-export.yaml")));
        Mapping byName = Mappings.resolve("pos-export", saved);
        ColumnMapping c = (ColumnMapping) byName;
        assertEquals("pos", c.name());
        assertEquals(Map.of("customer_id", "member", "occurred_at", "paid", "type", "action"), c.columns());
        assertEquals(Map.of("pay", "purchase"), c.typeValues());
        assertEquals(List.of("pos-export"), saved.names());
        assertEquals(Optional.of(POS), saved.text("pos-export"));
        // Another tenant's folder holds none of it.
        assertEquals(List.of(), SavedMappings.ofTenant(data, "other").names());
        assertTrue(saved.delete("pos-export"));
        assertFalse(saved.delete("pos-export"));
        assertEquals(List.of(), saved.names());
    }

    @Test
    void aWrongMapping_orName_isRefused_andNothingIsKept() {
        SavedMappings saved = SavedMappings.ofTenant(data, "shop");
        ReservoirException wrong = assertThrows(ReservoirException.class,
                () -> saved.save("pos", "columns: {customer_id: member, when: paid}\n"));
        assertEquals(ErrorCode.INVALID_MAPPING, wrong.code());
        assertTrue(wrong.getMessage().startsWith("pos: invalid mapping: 'when' is not a canonical"), wrong.getMessage());
        for (String name : List.of("online-retail", "../pos", "pos.yaml", "Pos", "", "x".repeat(65))) {
            ReservoirException e = assertThrows(ReservoirException.class, () -> saved.save(name, POS), name);
            assertEquals(ErrorCode.INVALID_MAPPING_NAME, e.code(), name);
        }
        assertEquals(List.of(), saved.names());
        assertFalse(Files.exists(data.resolve("pos.yaml")));
    }

    @Test
    void anUnknownName_listsTheBuiltins_andTheSavedOnes() {
        SavedMappings saved = SavedMappings.ofTenant(data, "shop");
        saved.save("pos", POS);
        ReservoirException e = assertThrows(ReservoirException.class, () -> Mappings.resolve("shopify", saved));
        assertEquals("mapping 'shopify' is neither a built-in mapping (canonical, canonical-customers, online-retail,"
                + " cdnow, access-log), a mapping saved for the tenant (pos) nor a readable YAML file", e.getMessage());
    }
}
