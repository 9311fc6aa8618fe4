package dev.shardhouse.deadline;

import java.time.Duration;

/**
 * A call not made because the invocation has too little time left for it: the batch fails now, with its log line,
 * instead of Lambda killing the invocation mid-call. Transient: the mapping's retry gets a whole new timeout.
 */
public final class DeadlineExceededException extends RuntimeException {

    public DeadlineExceededException(String call, Duration left) {
        super("not calling " + call + ": the invocation has " + Math.max(0, left.toMillis())
                + " ms left, within the " + InvocationDeadline.RESERVE.toMillis() + " ms kept to fail cleanly");
    }
}
