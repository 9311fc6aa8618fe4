package dev.shardhouse.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds KPL aggregated records the way the Kinesis Producer Library does, for tests and sample events.
 *
 * <p>Layout (aggregation-format.md in awslabs/amazon-kinesis-producer): magic {@code F3 89 9A C2}, a protobuf
 * {@code AggregatedRecord} (partition key table = field 1, records = field 3, each record holding
 * partition_key_index = field 1 and data = field 3), then the MD5 of the protobuf bytes. Repeated partition keys
 * share one table entry, as in the KPL. This encoder is written independently of the production reader.
 */
public final class KplAggregator {

    private static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    private static final int LENGTH_DELIMITED = 2;
    private static final int VARINT = 0;

    private KplAggregator() {
    }

    /** One aggregated record holding {@code records} (partition key, data) in order. */
    public static byte[] aggregate(List<Map.Entry<String, byte[]>> records) {
        Map<String, Integer> keyIndexes = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> record : records) {
            keyIndexes.putIfAbsent(record.getKey(), keyIndexes.size());
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        for (String key : keyIndexes.keySet()) {
            writeBytes(message, 1, key.getBytes(StandardCharsets.UTF_8));
        }
        for (Map.Entry<String, byte[]> record : records) {
            ByteArrayOutputStream user = new ByteArrayOutputStream();
            writeTag(user, 1, VARINT);
            writeVarint(user, keyIndexes.get(record.getKey()));
            writeBytes(user, 3, record.getValue());
            writeBytes(message, 3, user.toByteArray());
        }
        return frame(message.toByteArray());
    }

    /** Wraps already-encoded {@code AggregatedRecord} bytes in magic and a correct MD5 trailer. */
    public static byte[] frame(byte[] protobuf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        out.writeBytes(protobuf);
        out.writeBytes(md5(protobuf));
        return out.toByteArray();
    }

    /** A copy of {@code aggregated} whose MD5 trailer no longer matches (its last byte flipped). */
    public static byte[] withCorruptChecksum(byte[] aggregated) {
        byte[] corrupt = aggregated.clone();
        corrupt[corrupt.length - 1] ^= (byte) 0xFF;
        return corrupt;
    }

    private static void writeBytes(ByteArrayOutputStream out, int field, byte[] value) {
        writeTag(out, field, LENGTH_DELIMITED);
        writeVarint(out, value.length);
        out.writeBytes(value);
    }

    private static void writeTag(ByteArrayOutputStream out, int field, int wireType) {
        writeVarint(out, (field << 3) | wireType);
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
