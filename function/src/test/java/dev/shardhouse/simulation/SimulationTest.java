package dev.shardhouse.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SimulationTest {

    private final Simulation simulation = new Simulation();

    @Test
    void seededRunsKeepEveryInvariant() {
        for (long seed = 1; seed <= 200; seed++) {
            RunResult result = simulation.seeded(SimConfig.random(), seed);
            assertTrue(result.ok(), () -> "seed " + "\n" + String.join("\n", result.trace()));
        }
    }

    @Test
    void aSeedReplaysExactly() {
        RunResult first = simulation.seeded(SimConfig.random(), 7);
        RunResult again = new Simulation().seeded(SimConfig.random(), 7);
        assertEquals(first.trace(), again.trace());
    }
}
