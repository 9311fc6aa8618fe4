package dev.shardhouse.map.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shardhouse.map.Hex;
import org.junit.jupiter.api.Test;

class Utf8Test {

    private static int firstInvalid(String hex) {
        byte[] bytes = Hex.bytes(hex);
        return Utf8.firstInvalid(bytes, 0, bytes.length);
    }

    @Test
    void wellFormedSequencesOfEveryLengthPass() {
        // "a", "é" (c3 a9), "€" (e2 82 ac), "😀" (f0 9f 98 80), U+10FFFF (f4 8f bf bf)
        assertEquals(-1, firstInvalid("61 c3 a9 e2 82 ac f0 9f 98 80 f4 8f bf bf"));
        assertEquals("a€", Utf8.decode(Hex.bytes("61 e2 82 ac"), 0, 4));
    }

    @Test
    void malformedSequencesAreFoundAtTheirOffset() {
        assertEquals(1, firstInvalid("61 80"), "lone continuation byte");
        assertEquals(0, firstInvalid("c0 80"), "overlong NUL");
        assertEquals(0, firstInvalid("e0 80 80"), "overlong three-byte form");
        assertEquals(2, firstInvalid("61 62 ed a0 80"), "UTF-8 encoded surrogate");
        assertEquals(0, firstInvalid("f4 90 80 80"), "above U+10FFFF");
        assertEquals(0, firstInvalid("f5 80 80 80"), "invalid lead byte");
        assertEquals(1, firstInvalid("61 e2 82"), "truncated at the end");
        assertEquals(0, firstInvalid("c3 41"), "continuation expected");
        assertEquals(0, firstInvalid("ff"));
    }

    @Test
    void decodeRefusesInsteadOfReplacing() {
        MalformedRecordException e = assertThrows(MalformedRecordException.class,
                () -> Utf8.decode(Hex.bytes("61 62 63 ff"), 0, 4));
        assertEquals("not valid UTF-8: invalid byte sequence at byte 3", e.getMessage());
    }
}
