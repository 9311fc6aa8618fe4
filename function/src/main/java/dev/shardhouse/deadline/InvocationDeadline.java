package dev.shardhouse.deadline;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The time the running invocation has left, from {@code Context.getRemainingTimeInMillis()}, shared by every client
 * of one function instance (an instance runs one invocation at a time). Each call to ClickHouse or Kinesis asks it for
 * its budget, so that a partitioned or stalled service fails the invocation cleanly, with its log line, before Lambda
 * kills it mid-call. Outside an invocation (init, tests, the tracker's own clients) calls are unbounded here.
 */
public final class InvocationDeadline {

    /** Kept back from Lambda's deadline: time to log the failure and return the error. */
    public static final Duration RESERVE = Duration.ofSeconds(1);

    private final LongSupplier nanoClock;
    /** {@link System#nanoTime()} at which the invocation must have returned; meaningful only while {@link #running}. */
    private volatile long endsAtNanos;
    private volatile boolean running;

    public InvocationDeadline() {
        this(System::nanoTime);
    }

    InvocationDeadline(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** An invocation starts with {@code remaining} left before Lambda stops it. */
    public void begin(Duration remaining) {
        endsAtNanos = nanoClock.getAsLong() + remaining.toNanos();
        running = true;
    }

    /** The invocation returned: calls are unbounded again until the next one begins. */
    public void end() {
        running = false;
    }

    /**
     * How long the next call may take: the invocation's time left less {@link #RESERVE} and less {@code setUp} (what
     * the call may spend before its own timeout applies, e.g. connecting); empty outside an invocation.
     *
     * @throws DeadlineExceededException if less than a millisecond is left for the call
     */
    public Optional<Duration> budget(Duration setUp, String call) {
        if (!running) {
            return Optional.empty();
        }
        return Optional.of(budget(endsAtNanos - nanoClock.getAsLong(), setUp, call));
    }

    /** The pure rule behind {@link #budget(Duration, String)}, given the nanoseconds the invocation has left. */
    static Duration budget(long leftNanos, Duration setUp, String call) {
        Duration budget = Duration.ofNanos(leftNanos).minus(RESERVE).minus(setUp);
        if (budget.toMillis() < 1) {
            throw new DeadlineExceededException(call, Duration.ofNanos(leftNanos));
        }
        return budget;
    }
}
