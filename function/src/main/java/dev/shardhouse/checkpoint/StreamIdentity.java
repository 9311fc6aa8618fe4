package dev.shardhouse.checkpoint;

import java.util.Objects;

/**
 * A stream as it exists now: its ARN and creation time. A stream deleted and recreated under the same name keeps
 * its ARN but not its creation time, so checkpoints are keyed by both and an old stream's checkpoints never apply
 * to the new one.
 */
public record StreamIdentity(String streamArn, long createdMillis) {
    public StreamIdentity {
        Objects.requireNonNull(streamArn, "streamArn");
    }

    /** The stream name: the part of the ARN after {@code stream/}. */
    public String streamName() {
        return streamNameOf(streamArn);
    }

    public static String streamNameOf(String streamArn) {
        return streamArn.substring(streamArn.lastIndexOf('/') + 1);
    }

    /** The checkpoint table's primary key of one shard of this stream. */
    public String checkpointKey(String shardId) {
        return streamArn + "|" + createdMillis + "|" + shardId;
    }
}
