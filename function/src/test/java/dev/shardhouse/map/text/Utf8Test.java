package dev.shardhouse.map.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shardhouse.map.Hex;
import java.util.Collections;
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

    /** ASCII is checked 8 bytes at a time: sequences must be found wherever they fall against those words. */
    @Test
    void sequencesAreCheckedAcrossEightByteWords() {
        assertEquals(-1, firstInvalid(join(ascii(24))), "ASCII only, whole words");
        assertEquals(-1, firstInvalid(join(ascii(11))), "ASCII only, a partial word at the end");
        assertEquals(-1, firstInvalid(join(ascii(7), "c3 a9", ascii(8))), "two-byte sequence across a word boundary");
        assertEquals(-1, firstInvalid(join(ascii(7), "f0 9f 98 80", ascii(8), "e2 82 ac")),
                "four bytes across a boundary, three at the end");
        assertEquals(7, firstInvalid(join(ascii(7), "80", ascii(8))), "lone continuation byte ending a word");
        assertEquals(8, firstInvalid(join(ascii(8), "ff", ascii(7))), "invalid lead byte starting a word");
        assertEquals(16, firstInvalid(join(ascii(16), "c0 af", ascii(8))), "overlong form after two whole words");
        assertEquals(13, firstInvalid(join(ascii(8), "c3 a9 41 41 41 ed b0 80", ascii(8))),
                "surrogate after non-ASCII text");
        assertEquals(13, firstInvalid(join(ascii(13), "f0 9f 98")), "truncated four-byte sequence ending a word");
        assertEquals(17, firstInvalid(join(ascii(17), "e2")), "truncated at the very end");
        assertEquals(9, firstInvalid(join(ascii(9), "c3 28", ascii(8))), "continuation byte missing inside a word");
    }

    private static String ascii(int count) {
        return String.join(" ", Collections.nCopies(count, "41"));
    }

    private static String join(String... hexParts) {
        return String.join(" ", hexParts);
    }

    @Test
    void offsetsAreRelativeToTheCheckedRange() {
        byte[] bytes = Hex.bytes("ff 41 41 41 41 41 41 41 41 41 80 ff");
        assertEquals(9, Utf8.firstInvalid(bytes, 1, 10));
        assertEquals(-1, Utf8.firstInvalid(bytes, 1, 9));
    }

    @Test
    void decodeRefusesInsteadOfReplacing() {
        MalformedRecordException e = assertThrows(MalformedRecordException.class,
                () -> Utf8.decode(Hex.bytes("61 62 63 ff"), 0, 4));
        assertEquals("not valid UTF-8: invalid byte sequence at byte 3", e.getMessage());
    }
}
