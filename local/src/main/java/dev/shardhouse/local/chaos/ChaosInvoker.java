package dev.shardhouse.local.chaos;

import dev.shardhouse.local.runtime.FunctionInvoker;
import dev.shardhouse.local.runtime.InvocationResult;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The function as the mapping invokes it, plus two things a chaos run needs: how many invocations are running now
 * (ClickHouse is killed while some are), and, with a given probability, a second invocation with the same batch at
 * the same time, on another function instance: two batches of one shard at once, as they happen with
 * ParallelizationFactor 1 when a retry overlaps an invocation still running. Both start where the shard's committed
 * position ends. The mapping sees the first invocation's result; the twin's only matters through what it writes.
 */
final class ChaosInvoker implements FunctionInvoker {

    private final FunctionInvoker invoker;
    private final double concurrentTwins;
    private final SplittableRandom random;
    private final ExecutorService twins = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "chaos-concurrent-twin");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong twinsInvoked = new AtomicLong();
    private final Duration timeout;
    private final AtomicLong longestNanos = new AtomicLong();
    private final AtomicLong overran = new AtomicLong();

    /** @param timeout the function's: an invocation that takes longer is counted, as Lambda would have killed it */
    ChaosInvoker(FunctionInvoker invoker, double concurrentTwins, long seed, Duration timeout) {
        this.invoker = invoker;
        this.concurrentTwins = concurrentTwins;
        this.random = new SplittableRandom(seed);
        this.timeout = timeout;
    }

    /** The longest an invocation took. */
    Duration longest() {
        return Duration.ofNanos(longestNanos.get());
    }

    /** Invocations that took longer than the function's timeout: Lambda would have killed them. */
    long overran() {
        return overran.get();
    }

    int inFlight() {
        return inFlight.get();
    }

    /** Batches that were delivered twice at the same time. */
    long concurrentPairs() {
        return twinsInvoked.get();
    }

    @Override
    public InvocationResult invoke(byte[] event) throws InterruptedException {
        Future<InvocationResult> twin = rollTwin() ? twins.submit(() -> counted(event)) : null;
        InvocationResult result = counted(event);
        if (twin != null) {
            twinsInvoked.incrementAndGet();
            try {
                twin.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("the concurrent twin invocation broke", e.getCause());
            }
        }
        return result;
    }

    private synchronized boolean rollTwin() {
        return concurrentTwins > 0 && random.nextDouble() < concurrentTwins;
    }

    private InvocationResult counted(byte[] event) throws InterruptedException {
        inFlight.incrementAndGet();
        long started = System.nanoTime();
        try {
            return invoker.invoke(event);
        } finally {
            long took = System.nanoTime() - started;
            longestNanos.accumulateAndGet(took, Math::max);
            if (took > timeout.toNanos()) {
                overran.incrementAndGet();
            }
            inFlight.decrementAndGet();
        }
    }

    @Override
    public void close() {
        twins.shutdownNow();
        invoker.close();
    }
}
