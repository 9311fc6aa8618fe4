package dev.shardhouse.decode;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a KPL aggregated record into its user records: magic {@code F3 89 9A C2}, a protobuf
 * {@code AggregatedRecord}, then the MD5 of the protobuf bytes.
 *
 * <p>Format: <a href="https://github.com/awslabs/amazon-kinesis-producer/blob/master/aggregation-format.md">
 * aggregation-format.md</a>. Unlike the KCL, which passes a record with a bad checksum or protobuf through as if
 * it were not aggregated (and logs, then drops, records whose key index is out of range), every such record is
 * rejected whole here so it reaches the error table with its reason instead of vanishing or being mis-mapped.
 */
final class KplDeaggregator {

    /** A user record's data, left in place inside the aggregated record's bytes. */
    record Slice(String partitionKey, int offset, int length) {
    }

    private static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    private static final int DIGEST_LENGTH = 16;

    private static final int PARTITION_KEY_TABLE = 1;
    private static final int EXPLICIT_HASH_KEY_TABLE = 2;
    private static final int RECORDS = 3;
    private static final int PARTITION_KEY_INDEX = 1;
    private static final int EXPLICIT_HASH_KEY_INDEX = 2;
    private static final int DATA = 3;

    private KplDeaggregator() {
    }

    // The magic is not valid UTF-8, so no text payload starts with it: a record that does is treated as aggregated.
    static boolean isAggregated(byte[] data) {
        return data.length >= MAGIC.length && Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** Checks the MD5 trailer and returns the user records in order; the caller has checked {@link #isAggregated}. */
    static List<Slice> deaggregate(byte[] data) throws DecodeException {
        int messageLength = data.length - MAGIC.length - DIGEST_LENGTH;
        if (messageLength < 0) {
            throw new DecodeException("too short for the " + DIGEST_LENGTH + "-byte MD5 trailer");
        }
        if (!checksumMatches(data, messageLength)) {
            throw new DecodeException("MD5 checksum mismatch");
        }
        return parse(data, messageLength);
    }

    private static boolean checksumMatches(byte[] data, int messageLength) {
        MessageDigest md5 = md5();
        md5.update(data, MAGIC.length, messageLength);
        byte[] expected = md5.digest();
        int trailer = MAGIC.length + messageLength;
        return Arrays.equals(expected, 0, DIGEST_LENGTH, data, trailer, trailer + DIGEST_LENGTH);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide MD5", e);
        }
    }

    /**
     * Two passes, because protobuf does not fix field order: the key tables may follow the records that index
     * them. The first pass collects the tables and where each record message sits; the second reads the records.
     */
    private static List<Slice> parse(byte[] data, int messageLength) throws DecodeException {
        List<String> partitionKeys = new ArrayList<>();
        int explicitHashKeyCount = 0;
        int[] recordSpans = new int[16];
        int recordCount = 0;

        ProtobufReader message = new ProtobufReader(data, MAGIC.length, messageLength);
        while (message.hasMore()) {
            int tag = message.readTag();
            int field = ProtobufReader.fieldNumber(tag);
            if (ProtobufReader.wireType(tag) != ProtobufReader.LENGTH_DELIMITED) {
                message.skipField(tag);
            } else if (field == PARTITION_KEY_TABLE) {
                partitionKeys.add(message.readString());
            } else if (field == EXPLICIT_HASH_KEY_TABLE) {
                message.skip(message.readLength());
                explicitHashKeyCount++;
            } else if (field == RECORDS) {
                int length = message.readLength();
                if (2 * recordCount + 2 > recordSpans.length) {
                    recordSpans = Arrays.copyOf(recordSpans, 2 * recordSpans.length);
                }
                recordSpans[2 * recordCount] = message.position();
                recordSpans[2 * recordCount + 1] = length;
                recordCount++;
                message.skip(length);
            } else {
                message.skipField(tag);
            }
        }
        if (recordCount == 0) {
            throw new DecodeException("contains no user records");
        }

        List<Slice> slices = new ArrayList<>(recordCount);
        for (int i = 0; i < recordCount; i++) {
            slices.add(readRecord(data, recordSpans[2 * i], recordSpans[2 * i + 1], i, partitionKeys,
                    explicitHashKeyCount));
        }
        return slices;
    }

    private static Slice readRecord(byte[] data, int offset, int length, int index, List<String> partitionKeys,
            int explicitHashKeyCount) throws DecodeException {
        boolean hasPartitionKeyIndex = false;
        long partitionKeyIndex = 0;
        boolean hasExplicitHashKeyIndex = false;
        long explicitHashKeyIndex = 0;
        int dataOffset = -1;
        int dataLength = 0;

        // A field that occurs twice takes its last value, as protobuf reads it; so indexes are checked at the end.
        ProtobufReader record = new ProtobufReader(data, offset, length);
        while (record.hasMore()) {
            int tag = record.readTag();
            int field = ProtobufReader.fieldNumber(tag);
            int wireType = ProtobufReader.wireType(tag);
            if (field == PARTITION_KEY_INDEX && wireType == ProtobufReader.VARINT) {
                partitionKeyIndex = record.readVarint();
                hasPartitionKeyIndex = true;
            } else if (field == EXPLICIT_HASH_KEY_INDEX && wireType == ProtobufReader.VARINT) {
                explicitHashKeyIndex = record.readVarint();
                hasExplicitHashKeyIndex = true;
            } else if (field == DATA && wireType == ProtobufReader.LENGTH_DELIMITED) {
                dataLength = record.readLength();
                dataOffset = record.position();
                record.skip(dataLength);
            } else {
                record.skipField(tag);
            }
        }
        if (!hasPartitionKeyIndex) {
            throw new DecodeException("user record " + index + " has no partition key index");
        }
        checkIndex(partitionKeyIndex, partitionKeys.size(), "partition key", index);
        if (hasExplicitHashKeyIndex) {
            checkIndex(explicitHashKeyIndex, explicitHashKeyCount, "explicit hash key", index);
        }
        if (dataOffset < 0) {
            throw new DecodeException("user record " + index + " has no data");
        }
        return new Slice(partitionKeys.get((int) partitionKeyIndex), dataOffset, dataLength);
    }

    private static void checkIndex(long value, int tableSize, String table, int index) throws DecodeException {
        if (value < 0 || value >= tableSize) {
            throw new DecodeException("user record " + index + " has " + table + " index "
                    + Long.toUnsignedString(value) + " but the " + table + " table has " + tableSize + " entries");
        }
    }
}
