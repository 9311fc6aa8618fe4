package dev.shardhouse.decode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/** Inflates gzip payloads, refusing any that would grow past a size limit (a decompression bomb). */
final class GzipInflater {

    private static final int MIN_INITIAL_CAPACITY = 256;
    /** Typical ratio for JSON and CSV; the buffer doubles from there if needed. */
    private static final int EXPECTED_RATIO = 4;

    private final int maxInflatedBytes;

    GzipInflater(int maxInflatedBytes) {
        if (maxInflatedBytes <= 0) {
            throw new IllegalArgumentException("maxInflatedBytes must be positive: " + maxInflatedBytes);
        }
        this.maxInflatedBytes = maxInflatedBytes;
    }

    // 0x1F never starts JSON, CSV or text, so 1F 8B means gzip: if it fails to inflate it is corrupt, not plain.
    static boolean isGzip(byte[] data, int offset, int length) {
        return length >= 2 && data[offset] == (byte) 0x1F && data[offset + 1] == (byte) 0x8B;
    }

    byte[] inflate(byte[] data, int offset, int length) throws DecodeException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data, offset, length))) {
            byte[] out = new byte[(int) Math.min(maxInflatedBytes,
                    Math.max(MIN_INITIAL_CAPACITY, (long) length * EXPECTED_RATIO))];
            int size = 0;
            while (true) {
                if (size == out.length) {
                    if (size == maxInflatedBytes) {
                        if (in.read() != -1) {
                            throw new DecodeException("gzip payload inflates beyond " + maxInflatedBytes + " bytes");
                        }
                        return out;
                    }
                    out = Arrays.copyOf(out, (int) Math.min(maxInflatedBytes, 2L * size));
                }
                int read = in.read(out, size, out.length - size);
                if (read < 0) {
                    return size == out.length ? out : Arrays.copyOf(out, size);
                }
                size += read;
            }
        } catch (IOException e) {
            // Reading from memory, so every IOException (ZipException, EOFException) is about the bytes.
            throw new DecodeException("corrupt gzip payload: " + e.getMessage());
        }
    }
}
