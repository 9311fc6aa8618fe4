package dev.shardhouse.map.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/** The word tests against a byte-at-a-time look at the same 8 bytes. */
class ByteWordsTest {

    /** Byte values around every boundary the tests use, and their neighbours. */
    private static final int[] EDGES = {0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0x81,
        0x9F, 0xA0, 0xA2, 0xDC, 0xFF};

    @Test
    void readsEightBytesLittleEndianFromAnyIndex() {
        byte[] bytes = {9, 1, 2, 3, 4, 5, 6, 7, 8};
        assertEquals(0x0807060504030201L, ByteWords.at(bytes, 1));
    }

    @Test
    void eachTestSeesAQualifyingByteInEveryPositionAmongAnyNeighbours() {
        for (int position = 0; position < 8; position++) {
            for (int value : EDGES) {
                for (int neighbour : EDGES) {
                    byte[] bytes = new byte[8];
                    Arrays.fill(bytes, (byte) neighbour);
                    bytes[position] = (byte) value;
                    assertAgreesWithBytes(bytes);
                }
            }
        }
    }

    @Test
    void randomWordsAgreeWithTheBytes() {
        SplittableRandom random = new SplittableRandom(7);
        byte[] bytes = new byte[8];
        for (int round = 0; round < 20_000; round++) {
            for (int i = 0; i < 8; i++) {
                bytes[i] = (byte) EDGES[random.nextInt(EDGES.length)];
            }
            assertAgreesWithBytes(bytes);
        }
    }

    private static void assertAgreesWithBytes(byte[] bytes) {
        long word = ByteWords.at(bytes, 0);
        String what = HexFormat.ofDelimiter(" ").formatHex(bytes);
        assertEquals(any(bytes, b -> b >= 0x80), ByteWords.hasNonAscii(word), "non-ASCII in " + what);
        assertEquals(any(bytes, b -> b == '"'), ByteWords.hasByte(word, (byte) '"'), "quote in " + what);
        assertEquals(any(bytes, b -> b == 0xDC), ByteWords.hasByte(word, (byte) 0xDC), "0xDC in " + what);
        assertEquals(any(bytes, b -> b == 0), ByteWords.hasByte(word, (byte) 0), "zero in " + what);
        assertEquals(any(bytes, b -> b < 0x20), ByteWords.hasByteBelow(word, 0x20), "control in " + what);
        assertEquals(any(bytes, b -> b < 0x80), ByteWords.hasByteBelow(word, 0x80), "ASCII in " + what);
    }

    private static boolean any(byte[] bytes, IntPredicate test) {
        for (byte b : bytes) {
            if (test.test(b & 0xFF)) {
                return true;
            }
        }
        return false;
    }
}
