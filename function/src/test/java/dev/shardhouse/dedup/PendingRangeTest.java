package dev.shardhouse.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PendingRangeTest {

    @Test
    void containsItsEndsAndWhatLiesBetweenOnly() {
        PendingRange range = PendingRange.claim("key", List.of(Position.of("10", 2), Position.of("20", 1)), "schema",
                Routing.NONE, "claim");

        assertTrue(range.contains(Position.of("10", 2)));
        assertTrue(range.contains(Position.of("15")));
        assertTrue(range.contains(Position.of("20", 1)));
        assertFalse(range.contains(Position.of("10", 1)), "a sub-record before the first");
        assertFalse(range.contains(Position.of("20", 2)), "a sub-record after the last");
        assertFalse(range.contains(Position.of("9")));
        assertFalse(range.contains(Position.of("21")));
    }

    @Test
    void aClaimOfOneRecordIsAClaimAndNoneIsNot() {
        PendingRange one = PendingRange.claim("key", List.of(Position.of("10")), "schema", Routing.NONE, "claim");

        assertEquals(1, one.records());
        assertTrue(one.contains(Position.of("10")));
        assertThrows(IllegalArgumentException.class, () -> one.rerouted(Routing.NONE.with(Map.of(1, "x")), "t", "schema"),
                "routing a record the claim does not hold");
        assertThrows(IllegalArgumentException.class, () -> new PendingRange(Position.of("10"), Position.of("10"), 0,
                "t", "0:0", Attempts.of("schema"), Routing.NONE));
    }
}
