package dev.shardhouse.insert;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The few RowBinary encodings the error table needs, written into a growable buffer. */
final class RowBinaryOutput {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    RowBinaryOutput string(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A String column holding arbitrary bytes: ClickHouse strings are byte arrays, not text. */
    RowBinaryOutput bytes(byte[] value) {
        long length = value.length;
        while ((length & ~0x7FL) != 0) { // unsigned LEB128 length prefix
            out.write((int) ((length & 0x7F) | 0x80));
            length >>>= 7;
        }
        out.write((int) length);
        out.writeBytes(value);
        return this;
    }

    /** UInt64 and Int64 (also DateTime64, as ticks), little-endian. */
    RowBinaryOutput int64(long value) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (value >>> (8 * i)));
        }
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
