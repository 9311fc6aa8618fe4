package dev.shardhouse.tracker;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * One shard as ListShards reports it. Parent ids are {@code ""} when absent, as they are stored.
 *
 * @param closed whether the shard has an EndingSequenceNumber. Only its presence counts: the local emulator
 *               reports a placeholder value, so the value itself is never compared.
 */
public record ListedShard(
        String shardId,
        String parentShardId,
        String adjacentParentShardId,
        BigInteger hashKeyStart,
        BigInteger hashKeyEnd,
        String startingSequence,
        boolean closed) {

    public ListedShard {
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(parentShardId, "parentShardId");
        Objects.requireNonNull(adjacentParentShardId, "adjacentParentShardId");
        Objects.requireNonNull(hashKeyStart, "hashKeyStart");
        Objects.requireNonNull(hashKeyEnd, "hashKeyEnd");
        Objects.requireNonNull(startingSequence, "startingSequence");
    }

    public static ListedShard of(Shard shard) {
        return new ListedShard(
                shard.shardId(),
                Objects.requireNonNullElse(shard.parentShardId(), ""),
                Objects.requireNonNullElse(shard.adjacentParentShardId(), ""),
                new BigInteger(shard.hashKeyRange().startingHashKey()),
                new BigInteger(shard.hashKeyRange().endingHashKey()),
                shard.sequenceNumberRange().startingSequenceNumber(),
                shard.sequenceNumberRange().endingSequenceNumber() != null);
    }

    /** The parent and the adjacent parent, those that are present. */
    public List<String> parents() {
        List<String> parents = new ArrayList<>(2);
        if (!parentShardId.isEmpty()) {
            parents.add(parentShardId);
        }
        if (!adjacentParentShardId.isEmpty()) {
            parents.add(adjacentParentShardId);
        }
        return parents;
    }

    /** A merge child names two parents; a split child names one. */
    public boolean isMergeChild() {
        return !adjacentParentShardId.isEmpty();
    }

    public boolean isChildOf(String shardId) {
        return parentShardId.equals(shardId) || adjacentParentShardId.equals(shardId);
    }
}
