package dev.shardhouse.simulation;

/** What the scheduler makes of one simulated call. */
enum Fault {
    /** The call does what the real service does. */
    NONE,
    /** The call fails before it has any effect: a connection refused, a keeper session lost before the write. */
    FAIL,
    /** The call takes effect, then its response is lost: the caller sees a failure it cannot tell from {@link #FAIL}. */
    LOST_RESPONSE;

    /** Thrown into the real code for an injected fault: an uncertain outcome, as a timeout is. */
    RuntimeException exception(String call) {
        return new IllegalStateException("simulated " + (this == FAIL ? "failure before" : "lost response after")
                + " " + call);
    }
}
