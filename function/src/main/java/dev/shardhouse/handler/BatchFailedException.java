package dev.shardhouse.handler;

/** Fails the invocation so the event source mapping retries the batch; names the shard and where the batch starts. */
public final class BatchFailedException extends RuntimeException {
    public BatchFailedException(String shardId, String firstSequence, Throwable cause) {
        super("batch of " + shardId + " from sequence number " + firstSequence + " failed and will be retried: " + cause,
                cause);
    }
}
