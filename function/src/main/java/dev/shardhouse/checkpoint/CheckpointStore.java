package dev.shardhouse.checkpoint;

import dev.shardhouse.dedup.Checkpoint;
import java.util.List;

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
     * Records that every row of {@code claimed} (a {@code BEFORE_PROCESSING} checkpoint) is stored. No compare-and-set:
     * it is a fact about the claim's token, which no other claim ever carries, so it holds whatever moved meanwhile.
     * Readers take the claim as committed for as long as the checkpoint holds it pending; the shard's next claim
     * writes the commit into the checkpoint itself.
     */
    void commit(StreamIdentity stream, String shardId, Checkpoint claimed, String owner);

    /** The key of the commit record of the claim of {@code token} on the checkpoint of {@code checkpointKey}. */
    String commitKey(String checkpointKey, String token);

    /**
     * Deletes commit records of claims their checkpoints have moved past (the next claim wrote the commit into the
     * row): no reader needs them, and a record is never written again once its claim is past.
     */
    void forget(List<String> commitKeys);
}
