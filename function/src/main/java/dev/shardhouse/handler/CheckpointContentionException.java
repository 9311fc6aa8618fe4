package dev.shardhouse.handler;

/** Other invocations kept moving a shard's checkpoint; the batch fails and the event source mapping retries it. */
public final class CheckpointContentionException extends RuntimeException {
    public CheckpointContentionException(String message) {
        super(message);
    }
}
