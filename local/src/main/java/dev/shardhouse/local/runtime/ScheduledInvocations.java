package dev.shardhouse.local.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Invokes a function on a fixed schedule with EventBridge's scheduled event, as a rule with a rate expression
 * does (the resharding tracker runs this way).
 */
public final class ScheduledInvocations implements AutoCloseable {

    private final FunctionInvoker invoker;
    private final String region;
    private final String ruleName;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "local-schedule");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>("");

    public ScheduledInvocations(FunctionInvoker invoker, String region, String ruleName) {
        this.invoker = invoker;
        this.region = region;
        this.ruleName = ruleName;
    }

    public void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::invokeOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public long succeeded() {
        return succeeded.get();
    }

    public long failed() {
        return failed.get();
    }

    String lastError() {
        return lastError.get();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private void invokeOnce() {
        try {
            InvocationResult result = invoker.invoke(scheduledEvent(Instant.now()));
            if (result instanceof InvocationResult.FunctionError error) {
                failed.incrementAndGet();
                lastError.set(error.toString());
            } else {
                succeeded.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** EventBridge's "Scheduled Event" document. */
    private byte[] scheduledEvent(Instant time) {
        String account = FunctionConfig.LOCAL_ACCOUNT;
        return ("{\"version\":\"0\",\"id\":\"" + UUID.randomUUID() + "\",\"detail-type\":\"Scheduled Event\","
                + "\"source\":\"aws.events\",\"account\":\"" + account + "\","
                + "\"time\":\"" + time.truncatedTo(ChronoUnit.SECONDS) + "\",\"region\":\"" + region + "\","
                + "\"resources\":[\"arn:aws:events:" + region + ":" + account + ":rule/" + ruleName + "\"],"
                + "\"detail\":{}}").getBytes(StandardCharsets.UTF_8);
    }
}
