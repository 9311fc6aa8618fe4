package dev.shardhouse.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shardhouse.handler.PhaseTimer.Phase;
import org.junit.jupiter.api.Test;

class PhaseTimerTest {

    @Test
    void eachPhaseAccumulatesItsOwnMillisecondsWithinTheTotal() {
        PhaseTimer timer = new PhaseTimer();

        timer.run(Phase.INSERT, () -> busy(20));
        timer.run(Phase.INSERT, () -> busy(20));
        PhaseTimer.Millis millis = timer.millis();

        assertTrue(millis.insert() >= 40 && millis.insert() < 10_000, "insert " + millis);
        assertTrue(millis.total() >= millis.insert() && millis.total() < 10_000, "total " + millis);
        assertEquals(0.0, millis.decode() + millis.map() + millis.checkpoint(), "phases not timed " + millis);
        assertEquals(Math.round(millis.insert() * 100) / 100.0, millis.insert(), "two decimals " + millis);
    }

    /** Spins rather than sleeps: the time has to pass, and a sleep could be interrupted. */
    private static void busy(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
