package dev.shardhouse.handler;

import dev.shardhouse.map.UnmatchedSummary;

/**
 * What one shard's batch did, for the log line and metrics.
 *
 * @param userRecords    records after KPL deaggregation
 * @param inserted       rows written to the target table for this batch's newly claimed records
 * @param failed         newly claimed records written to the error table
 * @param duplicates     records skipped because they were already committed
 * @param recovered      records of an earlier, uncommitted claim that this batch wrote again as claimed (ClickHouse
 *                       drops those it already has, and which they were cannot be told)
 * @param expired        records of an uncommitted claim that had aged out of the stream before they could be read
 *                       again
 * @param attempts       passes over the checkpoint: 1, plus one per read of it from the store after the first — when
 *                       another invocation moved it, or when the checkpoint this container last wrote cannot settle the
 *                       batch (a redelivery of records it already committed, or a pending claim) and the stored one is
 *                       read to be sure
 * @param viewFailure    what a materialized view on the target table said when it failed on this batch's rows (which
 *                       are in the target table all the same), or null
 * @param unmatched      JSON keys of the newly claimed records that named no column, and columns they left unfilled
 */
public record BatchOutcome(
        String shardId,
        String firstSequence,
        String lastSequence,
        int records,
        int userRecords,
        long inserted,
        int failed,
        int duplicates,
        int recovered,
        int expired,
        int attempts,
        String viewFailure,
        UnmatchedSummary unmatched,
        PhaseTimer.Millis millis) {
}
