package dev.shardhouse.map.text;

import java.nio.charset.StandardCharsets;

/** Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. */
public final class Utf8 {

    private Utf8() {
    }

    /**
     * Decodes strictly.
     *
     * @throws MalformedRecordException naming the byte offset of the first invalid sequence
     */
    public static String decode(byte[] bytes, int offset, int length) {
        requireValid(bytes, offset, length);
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    /** @throws MalformedRecordException naming the byte offset of the first invalid sequence */
    public static void requireValid(byte[] bytes, int offset, int length) {
        int invalidAt = firstInvalid(bytes, offset, length);
        if (invalidAt >= 0) {
            throw new MalformedRecordException("not valid UTF-8: invalid byte sequence at byte " + invalidAt);
        }
    }

    public static boolean isValid(byte[] bytes, int offset, int length) {
        return firstInvalid(bytes, offset, length) < 0;
    }

    /** The offset (relative to {@code offset}) of the first invalid sequence, or -1 when all is valid. */
    static int firstInvalid(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int i = skipAscii(bytes, offset, end);
        while (i < end) {
            int lead = bytes[i] & 0xFF;
            if (lead < 0x80) {
                i = skipAscii(bytes, i + 1, end);
                continue;
            }
            int continuation;
            int min;
            if (lead >= 0xC2 && lead <= 0xDF) {
                continuation = 1;
                min = 0x80;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                continuation = 2;
                min = 0x800;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                continuation = 3;
                min = 0x10000;
            } else {
                return i - offset;
            }
            if (i + continuation >= end) {
                return i - offset;
            }
            int codePoint = lead & (0x3F >> continuation);
            for (int k = 1; k <= continuation; k++) {
                int next = bytes[i + k] & 0xFF;
                if ((next & 0xC0) != 0x80) {
                    return i - offset;
                }
                codePoint = (codePoint << 6) | (next & 0x3F);
            }
            if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
                return i - offset;
            }
            i += continuation + 1;
        }
        return -1;
    }

    /** The index of the first byte at or after {@code from} that is not ASCII, or {@code end}. */
    private static int skipAscii(byte[] bytes, int from, int end) {
        int i = from;
        while (i + Long.BYTES <= end && !ByteWords.hasNonAscii(ByteWords.at(bytes, i))) {
            i += Long.BYTES;
        }
        return i;
    }
}
