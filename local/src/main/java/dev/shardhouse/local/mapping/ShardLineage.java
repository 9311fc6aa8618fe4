package dev.shardhouse.local.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Which shards may be read now, from the shard list (ListShards) and what has been read already. A child shard
 * starts only once every parent it has is drained to SHARD_END, so records of one partition key are delivered in
 * order across a reshard (the rule KCL applies). A parent that ListShards no longer returns has aged out of the
 * stream's retention and counts as drained.
 */
public final class ShardLineage {

    private ShardLineage() {
    }

    /**
     * Shards to start: not started yet and with every listed parent finished.
     *
     * @param shards   the stream's shards, as ListShards returns them
     * @param started  shards that have been started (whether or not they have finished)
     * @param finished shards drained to SHARD_END, or skipped on purpose
     */
    static List<Shard> ready(List<Shard> shards, Set<String> started, Set<String> finished) {
        Map<String, Shard> listed = shards.stream().collect(Collectors.toMap(Shard::shardId, Function.identity()));
        List<Shard> ready = new ArrayList<>();
        for (Shard shard : shards) {
            if (!started.contains(shard.shardId())
                    && drained(shard.parentShardId(), listed, finished)
                    && drained(shard.adjacentParentShardId(), listed, finished)) {
                ready.add(shard);
            }
        }
        return ready;
    }

    /** Whether a shard is closed: it has an ending sequence number (whose value may be a placeholder, so unused). */
    public static boolean closed(Shard shard) {
        return shard.sequenceNumberRange() != null && shard.sequenceNumberRange().endingSequenceNumber() != null;
    }

    private static boolean drained(String parentId, Map<String, Shard> listed, Set<String> finished) {
        return parentId == null || !listed.containsKey(parentId) || finished.contains(parentId);
    }
}
