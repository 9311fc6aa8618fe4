package dev.shardhouse.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PositionTest {

    @Test
    void onlyPlainDecimalDigitsAreASequenceNumber() {
        // Each of these parses as a BigInteger: the check, not the parser, must refuse them.
        for (String text : new String[] {"+12", "1\u0662", "\u0661\u0662"}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Position.of(text));
            assertEquals("not a Kinesis sequence number: " + text, error.getMessage());
        }
        assertEquals(Position.of("12", 0), Position.of("12"));
    }
}
