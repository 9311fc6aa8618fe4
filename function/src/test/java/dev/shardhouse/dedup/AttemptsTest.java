package dev.shardhouse.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AttemptsTest {

    @Test
    void theMakersAttemptAloneProvesWhateverTheChecks() {
        Attempts maker = Attempts.of("d1");

        assertTrue(maker.refusalProvesNothingStored("d1", true));
        assertTrue(maker.refusalProvesNothingStored("d1", false), "no other attempt exists to have been accepted");
    }

    @Test
    void attemptsUnderOneDefinitionProveOnlyWhereTheChecksRepeatTheirAnswer() {
        Attempts two = Attempts.of("d1").begun("d1");

        assertTrue(two.refusalProvesNothingStored("d1", true));
        assertFalse(two.refusalProvesNothingStored("d1", false), "a clock in a check may have accepted the other");
    }

    @Test
    void anOpenAttemptUnderAnotherDefinitionKeepsTheClaim() {
        // Simulation seed 376: a replay under a changed table stored the claim; the change was undone.
        Attempts undone = Attempts.of("d1").settled("d1").begun("d2").begun("d1");

        assertEquals(new TreeMap<>(Map.of("d1", 1, "d2", 1)), undone.open());
        assertFalse(undone.refusalProvesNothingStored("d1", true));
        assertFalse(undone.refusalProvesNothingStored("d2", true));
    }

    @Test
    void anAttemptThatWroteNothingNoLongerCounts() {
        // A column added between claim and insert: the guard failed the maker's insert, the replay meets a CHECK.
        Attempts replayed = Attempts.of("d1").settled("d1").begun("d2");

        assertTrue(replayed.refusalProvesNothingStored("d2", false));
        assertEquals(Attempts.NONE, Attempts.of("d1").settled("d1"));
        assertEquals(Attempts.of("d1"), Attempts.of("d1").begun("d1").settled("d1"), "one of two closed, one open");
        assertEquals(Attempts.of("d1"), Attempts.of("d1").settled("d2"), "settling what is not open changes nothing");
    }

    @Test
    void aRefusalByADefinitionWithNoOpenAttemptIsABug() {
        assertThrows(IllegalStateException.class, () -> Attempts.of("d1").refusalProvesNothingStored("d2", true));
    }

    @Test
    void encodesRoundTripAndReadsAClaimMadeBeforeAttemptsWereCounted() {
        Attempts attempts = Attempts.of("b").begun("a").begun("b").begun("b");

        assertEquals("a,b*3", attempts.encode());
        assertEquals("a,b*3", attempts.toString(), "what a loud error prints");
        assertEquals(attempts, Attempts.decode(attempts.encode()));
        assertEquals(Attempts.of("0123456789abcdef0123456789abcdef"), Attempts.decode("0123456789abcdef0123456789abcdef"));
        assertEquals(Attempts.NONE, Attempts.decode(""));
        assertEquals("", Attempts.NONE.encode());
    }

    @Test
    void refusesDefinitionsItCouldNotEncode() {
        assertThrows(IllegalArgumentException.class, () -> Attempts.of("a,b"));
        assertThrows(IllegalArgumentException.class, () -> Attempts.of("a*2"));
        assertThrows(IllegalArgumentException.class, () -> Attempts.of(""));
        assertThrows(IllegalArgumentException.class, () -> new Attempts(new TreeMap<>(Map.of("a", 0))));
    }
}
