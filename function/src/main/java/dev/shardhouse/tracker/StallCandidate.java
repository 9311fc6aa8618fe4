package dev.shardhouse.tracker;

import java.util.Objects;

/**
 * An open shard whose checkpoint has stood still long enough that records waiting beyond it would make it stalled.
 *
 * @param afterSequence the committed sequence number to look beyond; {@code ""} to look from the oldest record
 *                      (no checkpoint, or nothing committed yet)
 */
public record StallCandidate(String shardId, String afterSequence) {

    public StallCandidate {
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(afterSequence, "afterSequence");
    }

    public boolean fromOldest() {
        return afterSequence.isEmpty();
    }
}
