package dev.shardhouse.chaos;

import java.math.BigInteger;
import java.util.Comparator;

/**
 * A record's identity in a chaos run: the stream's generation (1, or 2 once it was deleted and created again under
 * the same name, which may reuse shard ids and sequence numbers), its shard and its sequence number.
 */
record RecordKey(int generation, String shardId, String sequenceNumber) implements Comparable<RecordKey> {

    private static final Comparator<RecordKey> ORDER = Comparator.comparingInt(RecordKey::generation)
            .thenComparing(RecordKey::shardId)
            .thenComparing(key -> new BigInteger(key.sequenceNumber()));

    @Override
    public int compareTo(RecordKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return "generation " + generation + " " + shardId + ":" + sequenceNumber;
    }
}
