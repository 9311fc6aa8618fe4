package dev.shardhouse.local.proxy;

import java.time.Duration;

/**
 * A proxy's network partition: while it lasts nothing is forwarded either way and new connections are held, as when
 * packets stop arriving; connections that lived through it are reset when it ends, as a peer that gave up would.
 * Each connection remembers the generation it last saw, so it can tell that a partition passed over it.
 */
final class Partition {

    /** Compared by difference only, as {@link System#nanoTime()} may wrap. */
    private long endsAtNanos = System.nanoTime();
    private long generation;

    /** Starts a partition lasting {@code length} from now (or extends the current one). */
    synchronized void start(Duration length) {
        if (!active()) {
            generation++;
        }
        long endsAt = System.nanoTime() + length.toNanos();
        if (endsAt - endsAtNanos > 0) {
            endsAtNanos = endsAt;
        }
        notifyAll();
    }

    synchronized boolean active() {
        return endsAtNanos - System.nanoTime() > 0;
    }

    /** The partitions started so far: a connection that saw another number than now lived through one. */
    synchronized long generation() {
        return generation;
    }

    /** Blocks while a partition lasts. */
    synchronized void awaitOver() throws InterruptedException {
        long left;
        while ((left = endsAtNanos - System.nanoTime()) > 0) {
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
