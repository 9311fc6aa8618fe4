package dev.shardhouse.concurrent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadFactory;

/** Work run in other threads: the threads, and waiting for the work. */
public final class Futures {

    private Futures() {
    }

    /** The future's value, or its failure as thrown in the other thread. */
    public static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Daemon threads of one name: work begun for an invocation must never keep the JVM alive, nor (in a Lambda
     * environment frozen between invocations) hold anything the next one needs.
     */
    public static ThreadFactory daemonThreads(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
