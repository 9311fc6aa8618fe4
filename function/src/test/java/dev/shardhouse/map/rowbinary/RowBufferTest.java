package dev.shardhouse.map.rowbinary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shardhouse.map.Hex;
import org.junit.jupiter.api.Test;

class RowBufferTest {

    private static String varUInt(long value) {
        RowBuffer out = new RowBuffer(1);
        out.writeVarUInt(value);
        return Hex.of(out.toByteArray());
    }

    @Test
    void lengthsAreUnsignedLeb128() {
        assertEquals("00", varUInt(0));
        assertEquals("7f", varUInt(127));
        assertEquals("80 01", varUInt(128));
        assertEquals("ac 02", varUInt(300));
        assertEquals("80 80 01", varUInt(16_384));
        assertEquals("ff ff ff ff 0f", varUInt(0xFFFF_FFFFL));
    }

    @Test
    void integersAreLittleEndian() {
        RowBuffer out = new RowBuffer(1);
        out.writeShortLE(0x0102);
        out.writeIntLE(0x01020304);
        out.writeLongLE(0x0102030405060708L);
        assertEquals("02 01 04 03 02 01 08 07 06 05 04 03 02 01", Hex.of(out.toByteArray()));
    }

    @Test
    void stringsAreLengthPrefixedUtf8() {
        RowBuffer out = new RowBuffer(1);
        out.writeString("é€😀");
        // é = c3 a9, € = e2 82 ac, 😀 (U+1F600, a surrogate pair in Java) = f0 9f 98 80: 9 bytes
        assertEquals("09 c3 a9 e2 82 ac f0 9f 98 80", Hex.of(out.toByteArray()));
    }

    @Test
    void longStringHasMultiByteLength() {
        RowBuffer out = new RowBuffer(1);
        out.writeString("x".repeat(300));
        byte[] bytes = out.toByteArray();
        assertEquals(302, bytes.length);
        assertEquals("ac 02 78", Hex.of(new byte[] {bytes[0], bytes[1], bytes[2]}));
    }

    @Test
    void unpairedSurrogateIsRejectedNotReplaced() {
        RowBuffer out = new RowBuffer(1);
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> out.writeString("a\uD800b"));
        assertTrue(e.getMessage().contains("unpaired UTF-16 surrogate at character 1"), e.getMessage());
        assertEquals(0, out.size(), "nothing written for a rejected string");
    }

    @Test
    void copiesAreIndependentOfLaterWrites() {
        RowBuffer out = new RowBuffer(1);
        out.writeByte(7);
        byte[] first = out.toByteArray();
        out.clear();
        out.writeByte(9);
        assertArrayEquals(new byte[] {7}, first);
        assertArrayEquals(new byte[] {9}, out.toByteArray());
    }
}
