package dev.shardhouse.local.mapping;

/**
 * Counts of what a mapping did so far.
 *
 * @param invocations          every invocation, chaos deliveries included
 * @param recordsDelivered     records sent in those invocations (a record sent twice counts twice)
 * @param recordsCommitted     records the mapping has finished with successfully (each once)
 * @param functionErrors       invocations that failed (error, runtime exit, timeout) or failed their whole batch
 * @param partialFailures      invocations that reported batch item failures
 * @param retries              batches sent again after a failure
 * @param bisections           failed batches split in two
 * @param recordsDiscarded     records given up on (retries exhausted or too old), see the discarded batches
 * @param readErrors           Kinesis calls that failed and were retried
 * @param shardsOpen           shards being read now
 * @param shardsFinished       shards drained to SHARD_END
 * @param chaosWholeRedeliveries      chaos: successful batches delivered again as they were
 * @param chaosOverlappingRedeliveries chaos: batches delivered shifted into the records that follow
 * @param chaosKills           chaos: runtime processes killed during an invocation
 * @param chaosConcurrentPairs chaos: batches delivered together with a prefix of themselves at the same time
 * @param lastError            the latest function or read error, or empty
 */
public record MappingReport(long invocations, long recordsDelivered, long recordsCommitted, long functionErrors,
                            long partialFailures, long retries, long bisections, long recordsDiscarded,
                            long readErrors, int shardsOpen, int shardsFinished, long chaosWholeRedeliveries,
                            long chaosOverlappingRedeliveries, long chaosKills, long chaosConcurrentPairs,
                            String lastError) {
}
