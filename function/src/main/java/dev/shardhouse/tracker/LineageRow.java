package dev.shardhouse.tracker;

import dev.shardhouse.checkpoint.StreamIdentity;
import java.time.Instant;
import java.util.Objects;

/**
 * What the lineage table knows about one shard of one stream incarnation.
 *
 * @param listed   whether the latest listing still returned the shard; false once it aged out of retention or its
 *                 stream was deleted
 * @param lastSeen when a listing last returned the shard, to within {@link LineageDiff#LAST_SEEN_RESOLUTION}
 */
public record LineageRow(StreamIdentity stream, ListedShard shard, boolean listed, Instant firstSeen, Instant lastSeen) {

    public LineageRow {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    public String shardId() {
        return shard.shardId();
    }

    public boolean isOpen() {
        return listed && !shard.closed();
    }

    public LineageRow unlisted() {
        return new LineageRow(stream, shard, false, firstSeen, lastSeen);
    }
}
