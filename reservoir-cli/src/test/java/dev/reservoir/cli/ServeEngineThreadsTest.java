package dev.reservoir.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServeEngineThreadsTest {
    @Test
    void theServersEngine_getsAllCoresButOne_andAtLeastOne() {
        // One core is left for the server's own threads (bodies, checks, answers).
        assertEquals(1, ServeCommand.defaultEngineThreads(1));
        assertEquals(1, ServeCommand.defaultEngineThreads(2));
        assertEquals(7, ServeCommand.defaultEngineThreads(8));
    }
}
