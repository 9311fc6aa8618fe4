package dev.shardhouse.handler;

import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.dedup.PendingRange;

/**
 * Told of a pending claim's records that aged out of the stream before a replay could read them again, as soon as the
 * replay finds them gone: once the claim commits they are lost for good, and the invocation that commits it may be
 * ended before it reports its batch, so this is said first. A claim replayed more than once is reported each time.
 */
@FunctionalInterface
public interface ExpiredRecords {

    void found(StreamIdentity stream, String shardId, PendingRange claim, int records);
}
