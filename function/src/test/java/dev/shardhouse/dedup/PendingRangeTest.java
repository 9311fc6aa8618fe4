package dev.shardhouse.dedup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
}
