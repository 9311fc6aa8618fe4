package dev.shardhouse.observe;

import static dev.shardhouse.concurrent.Futures.daemonThreads;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Reports, every few seconds, a batch that is still running and where its thread waits: a keeper outage otherwise
 * holds a batch in its checkpoint stage for tens of seconds with nothing in the log.
 */
public final class BatchWatch implements AutoCloseable {

    /** Longer than a healthy batch takes, short enough to show a wait well before the function's timeout. */
    public static final Duration EVERY = Duration.ofSeconds(5);

    private static final String OWN_PACKAGE = "dev.shardhouse.";
    /** The innermost is often the generic query method; its callers name the stage (the checkpoint store's read). */
    private static final int OWN_FRAMES = 3;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(daemonThreads("batch-watch"));

    /**
     * @param seconds how long the batch has run
     * @param in      the innermost Shardhouse methods its thread is in, innermost first (class, method and line):
     *                they name the stage
     * @param at      the innermost frame of all, what the thread is blocked on
     */
    public record Waiting(long seconds, String in, String at) {
    }

    private final ScheduledFuture<?> task;

    /** Held while a report is made and to close: a report in progress when the batch ends finishes before close returns. */
    private final Object reporting = new Object();
    private boolean closed;

    private BatchWatch(Duration every, Consumer<Waiting> report) {
        Thread worker = Thread.currentThread();
        long started = System.nanoTime();
        this.task = TIMER.scheduleAtFixedRate(() -> {
            synchronized (reporting) {
                if (!closed) {
                    report.accept(waiting(worker.getStackTrace(), Duration.ofNanos(System.nanoTime() - started)));
                }
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Watches the calling thread until {@link #close()}: no report is made after close returns. */
    public static BatchWatch start(Duration every, Consumer<Waiting> report) {
        return new BatchWatch(every, report);
    }

    static Waiting waiting(StackTraceElement[] stack, Duration running) {
        String in = Arrays.stream(stack)
                .filter(frame -> frame.getClassName().startsWith(OWN_PACKAGE))
                .limit(OWN_FRAMES)
                .map(BatchWatch::frameName)
                .collect(Collectors.joining(" < "));
        return new Waiting(running.toSeconds(), in, stack.length == 0 ? "" : frameName(stack[0]));
    }

    /** Class (without its package), method and line. */
    private static String frameName(StackTraceElement frame) {
        String type = frame.getClassName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethodName() + ":" + frame.getLineNumber();
    }

    @Override
    public void close() {
        synchronized (reporting) {
            closed = true;
        }
        task.cancel(false);
    }
}
