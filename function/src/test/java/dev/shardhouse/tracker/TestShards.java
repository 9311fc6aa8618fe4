package dev.shardhouse.tracker;

import dev.shardhouse.checkpoint.StreamIdentity;
import java.math.BigInteger;
import java.time.Instant;

/** Listed shards and checkpoint rows for the pure tests, named the way Kinesis names shards. */
final class TestShards {

    static final StreamIdentity STREAM = new StreamIdentity("arn:aws:kinesis:us-east-1:000000000000:stream/orders", 1_700_000_000_000L);
    static final StreamIdentity RECREATED = new StreamIdentity(STREAM.streamArn(), 1_700_100_000_000L);

    private TestShards() {
    }

    static String id(int n) {
        return String.format("shardId-%012d", n);
    }

    static ListedShard open(int n) {
        return shard(n, "", "", false);
    }

    static ListedShard closed(int n) {
        return shard(n, "", "", true);
    }

    static ListedShard openChild(int n, int parent) {
        return shard(n, id(parent), "", false);
    }

    static ListedShard closedChild(int n, int parent) {
        return shard(n, id(parent), "", true);
    }

    static ListedShard openMerge(int n, int parent, int adjacentParent) {
        return shard(n, id(parent), id(adjacentParent), false);
    }

    /** The hash range is arbitrary but distinct per shard; no decision here depends on it. */
    private static ListedShard shard(int n, String parent, String adjacent, boolean closed) {
        return new ListedShard(id(n), parent, adjacent, BigInteger.valueOf(n * 100L), BigInteger.valueOf(n * 100L + 99),
                String.valueOf(49_000_000L + n), closed);
    }

    static CheckpointRow checkpoint(StreamIdentity stream, int shard, String state, Instant updatedAt) {
        return new CheckpointRow(stream.checkpointKey(id(shard)), stream, id(shard), state, 7, "4900", updatedAt);
    }

    static CheckpointRow after(int shard) {
        return checkpoint(STREAM, shard, "AFTER_PROCESSING", Instant.parse("2026-01-01T00:00:00Z"));
    }

    static CheckpointRow before(int shard) {
        return checkpoint(STREAM, shard, "BEFORE_PROCESSING", Instant.parse("2026-01-01T00:00:00Z"));
    }
}
