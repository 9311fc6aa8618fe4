package dev.shardhouse.local.demo;

import dev.shardhouse.dedup.Position;
import java.util.Comparator;
import java.util.OptionalInt;

/**
 * A user record's identity in the stream: its shard and its position there (a Kinesis record that is not
 * KPL-aggregated holds one user record, sub-sequence 0). A run that deletes the stream and creates it again under the
 * same name, which may reuse shard ids and sequence numbers, tells the two apart by the stream's generation.
 */
public record RecordKey(OptionalInt generation, String shardId, Position position) implements Comparable<RecordKey> {

    private static final Comparator<RecordKey> ORDER = Comparator
            .comparingInt((RecordKey key) -> key.generation.orElse(0))
            .thenComparing(RecordKey::shardId)
            .thenComparing(RecordKey::position);

    /** A record of a stream that lives for the whole run. */
    public RecordKey(String shardId, Position position) {
        this(OptionalInt.empty(), shardId, position);
    }

    /** A record of the given generation of the stream (1, then 2 once it was deleted and created again). */
    public RecordKey(int generation, String shardId, Position position) {
        this(OptionalInt.of(generation), shardId, position);
    }

    @Override
    public int compareTo(RecordKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        String place = shardId + ":" + position;
        return generation.isPresent() ? "generation " + generation.getAsInt() + " " + place : place;
    }
}
