package dev.shardhouse.tracker;

import java.util.Objects;

/**
 * A pending claim the tracker committed because every one of its records had aged out of the stream before a replay
 * read them again. Whether its first attempt stored them cannot be told: they count as expired, as a replay counts the
 * records of a claim it no longer finds.
 *
 * @param firstSequence the claim's first sequence number
 * @param lastSequence  its last, now the shard's committed position
 * @param records       the user records the claim held
 */
public record ExpiredClaim(String shardId, String firstSequence, String lastSequence, int records) {

    public ExpiredClaim {
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(firstSequence, "firstSequence");
        Objects.requireNonNull(lastSequence, "lastSequence");
    }
}
