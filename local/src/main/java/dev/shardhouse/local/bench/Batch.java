package dev.shardhouse.local.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One batch of JSON records with their Kinesis sequence numbers, generated before any timing starts.
 *
 * @param records the records' data, in sequence order
 * @param sequenceNumbers synthetic, strictly ascending across the whole run: only crash recovery re-reads
 *     Kinesis, so a benchmark need not put the records there
 */
record Batch(List<byte[]> records, List<String> sequenceNumbers) {

    /** Sequence numbers shaped like Kinesis's (56 digits); the first id of a run is 1. */
    static String sequenceNumber(long id) {
        return String.format("49%054d", id);
    }

    static Batch generate(long firstId, int count, int recordBytes) {
        List<byte[]> records = new ArrayList<>(count);
        List<String> sequenceNumbers = new ArrayList<>(count);
        for (long id = firstId; id < firstId + count; id++) {
            records.add(SampleRecords.json(id, recordBytes));
            sequenceNumbers.add(sequenceNumber(id));
        }
        return new Batch(List.copyOf(records), List.copyOf(sequenceNumbers));
    }

    int size() {
        return records.size();
    }

    long payloadBytes() {
        long bytes = 0;
        for (byte[] record : records) {
            bytes += record.length;
        }
        return bytes;
    }
}
