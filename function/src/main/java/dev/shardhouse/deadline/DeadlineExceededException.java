package dev.shardhouse.deadline;

import java.time.Duration;

/**
 * A call not made because the invocation has too little time left for it: the batch fails now, with its log line,
 * instead of Lambda killing the invocation mid-call. Transient: the mapping's retry gets a whole new timeout.
 */
public final class DeadlineExceededException extends RuntimeException {

    public DeadlineExceededException(String call, Duration left) {
        this("not calling " + call + ": the invocation has " + Math.max(0, left.toMillis())
                + " ms left, within the " + InvocationDeadline.RESERVE.toMillis() + " ms kept to fail cleanly");
    }

    private DeadlineExceededException(String message) {
        super(message);
    }

    /** A call already made, waited for as long as the invocation could: its outcome is unknown. */
    public static DeadlineExceededException waiting(String call, Duration waited) {
        return new DeadlineExceededException("stopped waiting for " + call + " after " + waited.toMillis() + " ms, the"
                + " invocation's time less the " + InvocationDeadline.RESERVE.toMillis() + " ms kept to fail cleanly;"
                + " whether it completed is unknown");
    }
}
