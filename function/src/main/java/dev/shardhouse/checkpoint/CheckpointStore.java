package dev.shardhouse.checkpoint;

import dev.shardhouse.dedup.Checkpoint;

/** Where shards' checkpoints live. Every write is a compare-and-set on the checkpoint's revision. */
public interface CheckpointStore {

    /** The key of the shard's checkpoint, which scopes the tokens of its claims too. */
    String key(StreamIdentity stream, String shardId);

    /**
     * The shard's checkpoint, or {@link Checkpoint#absent} (carrying the committed position of a retired
     * checkpoint of the same key, if the tracker archived one) when it has none.
     */
    Checkpoint read(StreamIdentity stream, String shardId);

    /**
     * Replaces {@code expected} with {@code next} if the stored checkpoint is still {@code expected}.
     *
     * @return true if this call wrote {@code next}; false if another writer moved the checkpoint first (or may
     *     have: an unprovable win counts as a loss, which is always safe, since the caller then reads again)
     */
    boolean compareAndSet(StreamIdentity stream, String shardId, Checkpoint expected, Checkpoint next, String owner);

    /**
     * Commits {@code claimed} (a {@code BEFORE_PROCESSING} checkpoint) if it is still the stored one.
     *
     * @return true if this call committed it; false if another writer moved the checkpoint first (committed or
     *     released the claim, or counted another attempt at it), which the caller may read again
     */
    boolean commit(StreamIdentity stream, String shardId, Checkpoint claimed, String owner);
}
