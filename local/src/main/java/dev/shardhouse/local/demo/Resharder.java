package dev.shardhouse.local.demo;

import dev.shardhouse.local.mapping.ShardLineage;
import dev.shardhouse.local.mapping.StreamShards;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.Shard;

/** Reshards a stream while records flow, waiting for it to be ACTIVE again after each step. */
public final class Resharder {

    private final KinesisClient kinesis;
    private final String stream;

    public Resharder(KinesisClient kinesis, String stream) {
        this.kinesis = kinesis;
        this.stream = stream;
    }

    /** Performs the reshard; returns what was done, for the terminal. */
    String reshard(DemoOptions.Reshard how) throws InterruptedException {
        return switch (how) {
            case SCALE -> doubleShards();
            case SPLIT_MERGE -> splitAndMerge();
            case NONE -> "no reshard";
        };
    }

    /** UpdateShardCount to twice the open shards (splits); returns what was done. */
    public String doubleShards() throws InterruptedException {
        return scaleTo(openShards().size() * 2);
    }

    /** UpdateShardCount to half the open shards, at least one (merges: children of two parents); what was done. */
    public String halveShards() throws InterruptedException {
        return scaleTo(Math.max(1, openShards().size() / 2));
    }

    private String scaleTo(int target) throws InterruptedException {
        int open = openShards().size();
        kinesis.updateShardCount(r -> r.streamName(stream).targetShardCount(target).scalingType(ScalingType.UNIFORM_SCALING));
        awaitActive();
        return "UpdateShardCount " + open + " -> " + target;
    }

    private String splitAndMerge() throws InterruptedException {
        Shard first = openShards().get(0);
        BigInteger start = new BigInteger(first.hashKeyRange().startingHashKey());
        BigInteger end = new BigInteger(first.hashKeyRange().endingHashKey());
        kinesis.splitShard(r -> r.streamName(stream).shardToSplit(first.shardId())
                .newStartingHashKey(start.add(end).shiftRight(1).add(BigInteger.ONE).toString()));
        awaitActive();
        List<Shard> open = openShards();
        Shard left = open.get(open.size() - 2);
        Shard right = open.get(open.size() - 1);
        kinesis.mergeShards(r -> r.streamName(stream).shardToMerge(left.shardId()).adjacentShardToMerge(right.shardId()));
        awaitActive();
        return "SplitShard " + first.shardId() + ", MergeShards " + left.shardId() + " + " + right.shardId();
    }

    /** Open shards in hash key order, so neighbours in the list are adjacent. */
    private List<Shard> openShards() {
        return StreamShards.list(kinesis, stream).stream()
                .filter(shard -> !ShardLineage.closed(shard))
                .sorted(Comparator.comparing(shard -> new BigInteger(shard.hashKeyRange().startingHashKey())))
                .toList();
    }

    private void awaitActive() throws InterruptedException {
        StreamShards.awaitActive(kinesis, stream, Duration.ofMinutes(5));
    }
}
