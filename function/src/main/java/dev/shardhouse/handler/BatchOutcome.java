package dev.shardhouse.handler;

/**
 * What one shard's batch did, for the log line and metrics.
 *
 * @param userRecords    records after KPL deaggregation
 * @param inserted       rows ClickHouse wrote to the target table for this batch's new records
 * @param failed         records sent to the error table
 * @param duplicates     records skipped because they were already committed
 * @param recovered      records of an earlier, uncommitted claim that this batch inserted again (ClickHouse drops
 *                       those it already has)
 * @param expired        records of an uncommitted claim that had aged out of the stream before they could be read
 *                       again
 * @param attempts       checkpoint reads, above 1 when another invocation moved the checkpoint concurrently
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
        PhaseTimer.Millis millis) {
}
