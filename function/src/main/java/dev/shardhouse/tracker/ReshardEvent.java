package dev.shardhouse.tracker;

import java.util.List;
import java.util.Objects;

/**
 * One change between the previous run's lineage and the current listing.
 *
 * @param key        names the change within its stream incarnation, the same in every run that sees it, so that
 *                   concurrent or repeated runs record it once (it is the event's deduplication token)
 * @param fromShards shards the change closed or removed
 * @param toShards   shards the change opened
 */
public record ReshardEvent(
        ReshardEventType type,
        String key,
        List<String> fromShards,
        List<String> toShards,
        int openShardsBefore,
        int openShardsAfter) {

    public ReshardEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        fromShards = List.copyOf(fromShards);
        toShards = List.copyOf(toShards);
    }

    /** A shard can be split only once, so the parent names the split. */
    static ReshardEvent split(String parent, List<String> children, int openBefore, int openAfter) {
        return new ReshardEvent(ReshardEventType.SPLIT, "split|" + parent, List.of(parent), children, openBefore, openAfter);
    }

    /** A merge creates a new shard, which names it. */
    static ReshardEvent merge(List<String> parents, String child, int openBefore, int openAfter) {
        return new ReshardEvent(ReshardEventType.MERGE, "merge|" + child, parents, List.of(child), openBefore, openAfter);
    }

    /**
     * Named by the first shard it opened (or, failing that, closed): shard ids are never reused within a stream
     * incarnation. A change of the open shard count always opens or closes a shard, so one of the lists is non-empty.
     */
    static ReshardEvent scale(List<String> closed, List<String> opened, int openBefore, int openAfter) {
        ReshardEventType type = openAfter > openBefore ? ReshardEventType.SCALE_OUT : ReshardEventType.SCALE_IN;
        String name = opened.isEmpty() ? closed.get(0) : opened.get(0);
        return new ReshardEvent(type, type.storedName() + "|" + name, closed, opened, openBefore, openAfter);
    }

    static ReshardEvent expired(String shardId, int openShards) {
        return new ReshardEvent(ReshardEventType.SHARD_EXPIRED, "shard-expired|" + shardId, List.of(shardId), List.of(),
                openShards, openShards);
    }

    /** Stored under the new incarnation's creation time, which makes the key unique per recreation. */
    static ReshardEvent recreated(int openBefore, List<String> opened) {
        return new ReshardEvent(ReshardEventType.STREAM_RECREATED, "stream-recreated", List.of(), opened,
                openBefore, opened.size());
    }
}
