package dev.shardhouse.tracker;

import dev.shardhouse.checkpoint.StreamIdentity;
import java.time.Instant;
import java.util.Objects;

/**
 * The columns of a checkpoint row that the tracker reads (the pending range belongs to the ingest function), with its
 * commit records (see {@code CheckpointTables.commitKey}) taken in: a claim pending in the row but named by a commit
 * record reads as committed, at the revision the row holds.
 *
 * @param committedSequence the last committed sequence number, {@code ""} before the first commit
 * @param markedCommitted   the row holds its claim pending and a commit record names it: committed, though not in the row
 */
public record CheckpointRow(
        String key,
        StreamIdentity stream,
        String shardId,
        String state,
        long revision,
        String committedSequence,
        Instant updatedAt,
        boolean markedCommitted) {

    /** A row without commit records. */
    public CheckpointRow(String key, StreamIdentity stream, String shardId, String state, long revision,
                         String committedSequence, Instant updatedAt) {
        this(key, stream, shardId, state, revision, committedSequence, updatedAt, false);
    }

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
