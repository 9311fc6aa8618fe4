package dev.shardhouse.map.text;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Tests on 8 bytes of an array at once, read as one long: long runs of plain text are skipped a word at a time
 * instead of a byte at a time. Each test says whether some byte of the word qualifies, never which one.
 */
public final class ByteWords {

    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private ByteWords() {
    }

    /** The 8 bytes from {@code index}, which must leave 8 bytes in the array. */
    public static long at(byte[] bytes, int index) {
        return (long) WORDS.get(bytes, index);
    }

    /** Whether some byte is 0x80 or above (not ASCII). */
    public static boolean hasNonAscii(long word) {
        return (word & HIGH_BITS) != 0;
    }

    /** Whether some byte equals {@code value}. */
    public static boolean hasByte(long word, byte value) {
        return hasZeroByte(word ^ (ONES * (value & 0xFF)));
    }

    /** Whether some byte is below {@code bound}, an ASCII value (1 to 128). */
    public static boolean hasByteBelow(long word, int bound) {
        // The borrow of a subtraction reaches a byte's high bit only if the byte was below the bound; ~word drops
        // bytes that had the high bit set already.
        return ((word - ONES * bound) & ~word & HIGH_BITS) != 0;
    }

    private static boolean hasZeroByte(long word) {
        return hasByteBelow(word, 1);
    }
}
