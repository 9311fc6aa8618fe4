package dev.shardhouse.tracker;

import dev.shardhouse.checkpoint.StreamIdentity;
import java.time.Instant;
import java.util.Objects;

/**
 * The columns of a checkpoint row that the tracker reads (the pending range belongs to the ingest function).
 *
 * @param committedSequence the last committed sequence number, {@code ""} before the first commit
 */
public record CheckpointRow(
        String key,
        StreamIdentity stream,
        String shardId,
        String state,
        long revision,
        String committedSequence,
        Instant updatedAt) {

    /** The ingest function has no insert in flight for the shard. */
    public static final String AFTER_PROCESSING = "AFTER_PROCESSING";

    public CheckpointRow {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(committedSequence, "committedSequence");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public boolean afterProcessing() {
        return AFTER_PROCESSING.equals(state);
    }
}
