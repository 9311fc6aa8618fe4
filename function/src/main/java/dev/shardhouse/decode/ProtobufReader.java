package dev.shardhouse.decode;

import java.nio.charset.StandardCharsets;

/**
 * Reads protobuf wire format from a slice of a byte array, in place: enough of the format for the KPL
 * aggregated record, without the weight of protobuf-java on a Lambda cold start.
 *
 * <p>A reader is a cursor over one message; it is not thread-safe and lives for one parse.
 */
final class ProtobufReader {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int START_GROUP = 3;
    static final int END_GROUP = 4;
    static final int FIXED32 = 5;

    /** The same nesting limit protobuf-java applies, so hostile input cannot overflow the stack. */
    private static final int MAX_GROUP_DEPTH = 100;

    private final byte[] buffer;
    private final int end;
    private int position;

    ProtobufReader(byte[] buffer, int offset, int length) {
        this.buffer = buffer;
        this.position = offset;
        this.end = offset + length;
    }

    boolean hasMore() {
        return position < end;
    }

    int position() {
        return position;
    }

    /**
     * Reads a field tag; split it with {@link #fieldNumber(int)} and {@link #wireType(int)}. A tag is a 32-bit varint:
     * bits above 32 are dropped, as protobuf-java (which the KCL deaggregates with) drops them.
     */
    int readTag() throws DecodeException {
        int tag = (int) readVarint();
        int fieldNumber = fieldNumber(tag);
        if (fieldNumber == 0) {
            throw malformed("invalid field tag " + Integer.toUnsignedString(tag));
        }
        int wireType = wireType(tag);
        if (wireType > FIXED32) {
            throw malformed("invalid wire type " + wireType + " for field " + fieldNumber);
        }
        return tag;
    }

    static int fieldNumber(int tag) {
        return tag >>> 3;
    }

    static int wireType(int tag) {
        return tag & 7;
    }

    /** Reads a base-128 varint of up to 64 bits (uint64 values above 2^63 come back negative). */
    long readVarint() throws DecodeException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position == end) {
                throw malformed("truncated varint");
            }
            byte b = buffer[position++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw malformed("varint longer than 10 bytes");
    }

    /**
     * Reads the length prefix of a length-delimited field; the field's bytes start at {@link #position()}. Like a tag,
     * a 32-bit varint read as protobuf-java reads it: bits above 32 dropped, a negative int refused.
     */
    int readLength() throws DecodeException {
        int length = (int) readVarint();
        if (length < 0 || length > end - position) {
            throw malformed("field length " + Integer.toUnsignedString(length) + " exceeds the remaining "
                    + (end - position) + " bytes");
        }
        return length;
    }

    /** Moves past {@code length} bytes that {@link #readLength()} has already checked. */
    void skip(int length) {
        position += length;
    }

    /** Reads a length-delimited UTF-8 string; proto2 does not enforce UTF-8, so bad sequences become U+FFFD. */
    String readString() throws DecodeException {
        int length = readLength();
        String value = new String(buffer, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /** Skips the value of a field this reader's caller does not use, whatever its wire type. */
    void skipField(int tag) throws DecodeException {
        skipField(tag, 0);
    }

    private void skipField(int tag, int depth) throws DecodeException {
        switch (wireType(tag)) {
            case VARINT -> readVarint();
            case FIXED64 -> skipFixed(8);
            case LENGTH_DELIMITED -> skip(readLength());
            case START_GROUP -> skipGroup(fieldNumber(tag), depth + 1);
            case FIXED32 -> skipFixed(4);
            default -> throw malformed("unexpected end of group " + fieldNumber(tag));
        }
    }

    private void skipFixed(int length) throws DecodeException {
        if (length > end - position) {
            throw malformed("truncated fixed-width field");
        }
        position += length;
    }

    private static DecodeException malformed(String problem) {
        return new DecodeException("malformed protobuf: " + problem);
    }

    private void skipGroup(int fieldNumber, int depth) throws DecodeException {
        if (depth > MAX_GROUP_DEPTH) {
            throw malformed("groups nested deeper than " + MAX_GROUP_DEPTH + " levels");
        }
        while (hasMore()) {
            int tag = readTag();
            if (wireType(tag) == END_GROUP) {
                if (fieldNumber(tag) != fieldNumber) {
                    throw malformed("group " + fieldNumber + " closed by end of group " + fieldNumber(tag));
                }
                return;
            }
            skipField(tag, depth);
        }
        throw malformed("unterminated group " + fieldNumber);
    }
}
