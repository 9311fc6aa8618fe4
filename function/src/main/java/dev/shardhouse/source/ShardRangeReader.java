package dev.shardhouse.source;

import dev.shardhouse.dedup.Position;

/** Reads a claimed range of a shard back from the stream: {@link KinesisStreams}, or a simulated shard. */
public interface ShardRangeReader {

    /**
     * Reads a shard's records from {@code first} to {@code last} (inclusive), telling whether the range's start had
     * already aged out of the stream.
     */
    KinesisStreams.RangeRead read(String streamArn, String shardId, Position first, Position last);
}
