package dev.shardhouse.map.rowbinary;

import java.util.Arrays;

/**
 * A growable byte buffer with the primitive writes of ClickHouse's RowBinary format: little-endian fixed-width
 * integers, unsigned LEB128 lengths and length-prefixed UTF-8 strings. Not thread-safe.
 */
public final class RowBuffer {

    /** A buffer grown by one huge row gives that memory back when cleared. */
    private static final int RETAINED_CAPACITY = 1 << 20;

    private final int initialCapacity;
    private byte[] bytes;
    private int size;

    public RowBuffer(int initialCapacity) {
        this.initialCapacity = initialCapacity;
        this.bytes = new byte[initialCapacity];
    }

    public void clear() {
        size = 0;
        if (bytes.length > RETAINED_CAPACITY) {
            bytes = new byte[initialCapacity];
        }
    }

    public int size() {
        return size;
    }

    /** A copy of the bytes written since the last {@link #clear()}. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    public void writeByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    public void writeShortLE(int value) {
        ensure(2);
        bytes[size++] = (byte) value;
        bytes[size++] = (byte) (value >>> 8);
    }

    public void writeIntLE(int value) {
        ensure(4);
        for (int shift = 0; shift < 32; shift += 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
    }

    public void writeLongLE(long value) {
        ensure(8);
        for (int shift = 0; shift < 64; shift += 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
    }

    /** Unsigned LEB128, the length prefix of strings, arrays and maps. */
    public void writeVarUInt(long value) {
        ensure(10);
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        bytes[size++] = (byte) rest;
    }

    public void writeBytes(byte[] source) {
        writeBytes(source, 0, source.length);
    }

    public void writeBytes(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    public void writeZeros(int count) {
        ensure(count);
        Arrays.fill(bytes, size, size + count, (byte) 0);
        size += count;
    }

    /** A RowBinary String: LEB128 byte length, then the UTF-8 bytes. */
    public void writeString(String value) {
        int length = utf8Length(value);
        writeVarUInt(length);
        writeUtf8(value, length);
    }

    /**
     * The UTF-8 bytes of a string, without length, padded with zeros to {@code width} (a FixedString).
     *
     * @throws InvalidValueException if the string needs more than {@code width} bytes
     */
    public void writeFixedString(String value, int width) {
        int length = utf8Length(value);
        if (length > width) {
            throw new InvalidValueException(ShownValue.text(value) + " is " + length
                    + " bytes in UTF-8, longer than FixedString(" + width + ")");
        }
        writeUtf8(value, length);
        writeZeros(width - length);
    }

    /**
     * Bytes of a string in UTF-8.
     *
     * @throws InvalidValueException on an unpaired surrogate, which has no UTF-8 form (a JSON "\uD800" escape)
     */
    static int utf8Length(String value) {
        int length = value.length();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    length += 1;
                } else if (!Character.isSurrogate(c)) {
                    length += 2;
                } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    length += 2;
                    i++;
                } else {
                    throw new InvalidValueException("text has an unpaired UTF-16 surrogate at character " + i
                            + ", which is not valid Unicode: " + ShownValue.text(value));
                }
            }
        }
        return length;
    }

    /** Writes {@code value}, known to be valid and {@code length} bytes long in UTF-8. */
    private void writeUtf8(String value, int length) {
        ensure(length);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                bytes[size++] = (byte) c;
            } else if (c < 0x800) {
                bytes[size++] = (byte) (0xC0 | (c >> 6));
                bytes[size++] = (byte) (0x80 | (c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                bytes[size++] = (byte) (0xE0 | (c >> 12));
                bytes[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                bytes[size++] = (byte) (0x80 | (c & 0x3F));
            } else {
                int codePoint = Character.toCodePoint(c, value.charAt(++i));
                bytes[size++] = (byte) (0xF0 | (codePoint >> 18));
                bytes[size++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                bytes[size++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                bytes[size++] = (byte) (0x80 | (codePoint & 0x3F));
            }
        }
    }

    private void ensure(int extra) {
        if (size + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
        }
    }
}
