package dev.reservoir.generate;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GeneratorSpecTest {

    @Test
    void of_startsOnNewYear2025InShanghaiAsParquet() {
        GeneratorSpec spec = GeneratorSpec.of(Profile.ECOMMERCE, 10, 30, 7);
        assertEquals(LocalDate.of(2025, 1, 1), spec.start());
        assertEquals(ZoneId.of("Asia/Shanghai"), spec.zone());
        assertEquals(OutputFormat.PARQUET, spec.format());
        assertEquals(LocalDate.of(2025, 1, 31), spec.end());
    }

    @Test
    void customers_mustBePositive_andTheMessageNamesTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GeneratorSpec.of(Profile.TEA_CHAIN, 0, 30, 1));
        assertEquals("customers must be between 1 and 100,000,000, was 0", e.getMessage());
    }

    @Test
    void days_mustBeInRange_andTheMessageNamesTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GeneratorSpec.of(Profile.TEA_CHAIN, 10, 4000, 1));
        assertEquals("days must be between 1 and 3,660, was 4000", e.getMessage());
    }

    @Test
    void nullParts_areRejectedByName() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> new GeneratorSpec(Profile.TEA_CHAIN, 10, 10, 1, LocalDate.of(2025, 1, 1), null, OutputFormat.CSV));
        assertEquals("zone", e.getMessage());
    }

    @Test
    void profiles_areFoundByTheirCommandLineNames() {
        assertEquals(Optional.of(Profile.TEA_CHAIN), Profile.byName("tea-chain"));
        assertEquals(Optional.of(Profile.ECOMMERCE), Profile.byName("ecommerce"));
        assertEquals(Optional.of(Profile.EDUCATION), Profile.byName("education"));
        assertEquals(Optional.empty(), Profile.byName("TEA_CHAIN"));
        assertEquals("tea-chain, ecommerce, education", Profile.names());
    }
}
