package dev.shardhouse.chaos;

import dev.shardhouse.checkpoint.CheckpointStore;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.dedup.Checkpoint;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Invocations killed between their insert and their checkpoint commit, on demand: each {@link #arm} makes the next
 * commit of any handler built with {@link #decorator} throw instead of committing, as if the execution environment
 * had died right there. Unlike {@code FaultyCheckpointStore}, which fails the first commits of a run, these land
 * wherever the run is when the chaos schedule arms them.
 */
final class CommitFaults {

    private final AtomicInteger armed = new AtomicInteger();
    private final AtomicLong injected = new AtomicLong();

    void arm() {
        armed.incrementAndGet();
    }

    /** Takes back the kills armed but not injected yet (no commit came after them); returns how many. */
    int disarm() {
        return armed.getAndSet(0);
    }

    /** Commits that died so far. */
    long injected() {
        return injected.get();
    }

    /** Wraps the handler's real checkpoint store; for {@code IngestPipeline.create}. */
    UnaryOperator<CheckpointStore> decorator() {
        return KillingStore::new;
    }

    private boolean takeArmed() {
        return armed.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    private final class KillingStore implements CheckpointStore {

        private final CheckpointStore real;

        private KillingStore(CheckpointStore real) {
            this.real = real;
        }

        @Override
        public Checkpoint read(StreamIdentity stream, String shardId) {
            return real.read(stream, shardId);
        }

        @Override
        public boolean compareAndSet(StreamIdentity stream, String shardId, Checkpoint expected, Checkpoint next,
                                     String owner) {
            return real.compareAndSet(stream, shardId, expected, next, owner);
        }

        @Override
        public void commit(StreamIdentity stream, String shardId, Checkpoint claimed, String owner) {
            if (takeArmed()) {
                injected.incrementAndGet();
                throw new IllegalStateException("chaos: the invocation on " + shardId
                        + " was killed between its insert and its checkpoint commit");
            }
            real.commit(stream, shardId, claimed, owner);
        }
    }
}
