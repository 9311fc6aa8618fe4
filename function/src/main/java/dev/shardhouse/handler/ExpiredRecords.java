package dev.shardhouse.handler;

import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.dedup.PendingRange;
import dev.shardhouse.observe.EmfLine;
import dev.shardhouse.observe.MetricUnit;
import org.slf4j.event.Level;

/**
 * Told of a pending claim's records that aged out of the stream before a replay could read them again, as soon as the
 * replay finds them gone: once the claim commits they are lost for good, and the invocation that commits it may be
 * ended before it reports its batch, so this is said first. A claim replayed more than once is reported each time. The
 * tracker, committing a claim none of whose records is left, says it the same way, first.
 */
@FunctionalInterface
public interface ExpiredRecords {

    void found(StreamIdentity stream, String shardId, PendingRange claim, int records);

    /** Prints each report as a {@link #line}. */
    static ExpiredRecords logged(String namespace) {
        return (stream, shardId, claim, records) -> line(namespace, stream, shardId, claim, records).emit();
    }

    /** A {@code claim_records_expired} line, with the metric {@code RecordsExpired}. */
    static EmfLine line(String namespace, StreamIdentity stream, String shardId, PendingRange claim, int records) {
        return new EmfLine(namespace, Level.WARN, "claim_records_expired")
                .dimension("Stream", stream.streamName())
                .metric("RecordsExpired", records, MetricUnit.COUNT)
                .field("shard", shardId)
                .field("claimFirstSequence", claim.first().sequenceNumber())
                .field("claimLastSequence", claim.last().sequenceNumber())
                .field("claimRecords", claim.records());
    }
}
