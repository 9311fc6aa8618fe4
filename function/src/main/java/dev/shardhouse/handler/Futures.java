package dev.shardhouse.handler;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for work the handler runs in another thread. */
final class Futures {

    private Futures() {
    }

    /** The future's value, or its failure as thrown in the other thread. */
    static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
