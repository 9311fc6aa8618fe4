package dev.shardhouse.simulation;

import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.decode.KinesisRecordIn;
import dev.shardhouse.dedup.Position;
import dev.shardhouse.source.KinesisStreams;
import dev.shardhouse.tracker.ListedShard;
import dev.shardhouse.tracker.StreamListing;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The simulated stream: its shards (a parent split into two children when resharded) and their records, of which a
 * shard's oldest may age out (Kinesis trims a shard from its oldest record on).
 */
final class SimStream {

    static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/simulated";

    /** A shard of the stream; {@code parent} is "" for a shard without one. */
    record Shard(String id, String parent, List<SimRecord> records, boolean closed) {
    }

    private final StreamIdentity identity;
    private final List<Shard> shards;
    private final Map<Position, SimRecord> byPosition = new LinkedHashMap<>();
    /** Per shard, how many of its oldest records have aged out. */
    private final Map<String, Integer> trimmed = new HashMap<>();

    private SimStream(StreamIdentity identity, List<Shard> shards) {
        this.identity = identity;
        this.shards = List.copyOf(shards);
        shards.forEach(shard -> shard.records().forEach(record -> byPosition.put(record.position(), record)));
    }

    /**
     * @param kinds each record's kind, by its ordinal in the stream
     * @param createdMillis unique per run, so that a function instance reused across runs is cold for this one
     */
    static SimStream generate(SimConfig config, IntFunction<SimRecord.Kind> kinds, long createdMillis) {
        List<String> ids = config.reshard() ? List.of(id(0), id(1), id(2)) : List.of(id(0));
        List<List<SimRecord>> records = new ArrayList<>();
        ids.forEach(id -> records.add(new ArrayList<>()));
        int parentRecords = config.reshard() ? (config.records() + 1) / 2 : config.records();
        for (int ordinal = 0; ordinal < config.records(); ordinal++) {
            // the parent's records first, then the children's alternately: all sequence numbers ascend per shard
            int shard = ordinal < parentRecords ? 0 : 1 + (ordinal - parentRecords) % 2;
            records.get(shard).add(SimRecord.of(ids.get(shard), 1_000 + ordinal, ordinal, kinds.apply(ordinal)));
        }
        List<Shard> shards = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            boolean child = i > 0;
            shards.add(new Shard(ids.get(i), child ? ids.get(0) : "", List.copyOf(records.get(i)),
                    config.reshard() && !child));
        }
        return new SimStream(new StreamIdentity(ARN, createdMillis), shards);
    }

    static String id(int n) {
        return String.format("shardId-%012d", n);
    }

    StreamIdentity identity() {
        return identity;
    }

    List<Shard> shards() {
        return shards;
    }

    SimRecord record(Position position) {
        return byPosition.get(position);
    }

    List<SimRecord> records() {
        return List.copyOf(byPosition.values());
    }

    /** What ListShards says: the tracker lists after it read the checkpoints, and the shards never change in a run. */
    StreamListing listing() {
        List<ListedShard> listed = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            Shard shard = shards.get(i);
            listed.add(new ListedShard(shard.id(), shard.parent(), "", BigInteger.valueOf(i * 100L),
                    BigInteger.valueOf(i * 100L + 99), shard.records().isEmpty() ? "0"
                            : shard.records().get(0).position().sequenceNumber(), shard.closed()));
        }
        return new StreamListing(identity, listed);
    }

    /**
     * GetRecords over a claimed range: the records still in the stream, and whether its start aged out, judged as
     * {@code KinesisStreams} judges it, against the shard's oldest record left.
     */
    KinesisStreams.RangeRead read(String shardId, Position first, Position last) {
        List<SimRecord> left = shard(shardId).records().subList(trimmed(shardId), shard(shardId).records().size());
        List<KinesisRecordIn> records = left.stream()
                .filter(record -> record.position().compareTo(first) >= 0 && record.position().compareTo(last) <= 0)
                .map(SimRecord::in)
                .toList();
        return new KinesisStreams.RangeRead(records, left.isEmpty() || left.get(0).position().isAfter(first));
    }

    /** How many of the shard's oldest records have aged out. */
    int trimmed(String shardId) {
        return trimmed.getOrDefault(shardId, 0);
    }

    /** The shard's oldest record left ages out. */
    void trimOldest(String shardId) {
        trimmed.merge(shardId, 1, Integer::sum);
    }

    boolean isTrimmed(SimRecord record) {
        return shard(record.shardId()).records().indexOf(record) < trimmed(record.shardId());
    }

    Shard shard(String shardId) {
        return shards.stream().filter(shard -> shard.id().equals(shardId)).findFirst().orElseThrow();
    }
}
