package dev.shardhouse.testing;

import dev.shardhouse.checkpoint.CheckpointStore;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.dedup.Checkpoint;
import dev.shardhouse.dedup.Phase;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/** The real checkpoint store, with an invocation "dying" on purpose at one point of the exactly-once protocol. */
public final class FaultyCheckpointStore extends ForwardingCheckpointStore {

    /** Where the invocation dies. */
    public enum Fault {
        /** after its insert, before the commit: the insert landed, the checkpoint still says BEFORE_PROCESSING */
        BEFORE_COMMIT,
        /** after winning its claim, before inserting anything */
        AFTER_CLAIM
    }

    /**
     * The faults still to inject, shared by every store one decorator wraps. More can be armed while a run goes on,
     * so faults can be spread over the run instead of hitting its first invocations.
     */
    public static final class Injections {

        private final AtomicInteger armed;
        private final AtomicLong injected = new AtomicLong();

        public Injections() {
            this(0);
        }

        private Injections(int armed) {
            this.armed = new AtomicInteger(armed);
        }

        /** Makes the next invocation reaching the fault's point die there. */
        public void arm() {
            armed.incrementAndGet();
        }

        /** Takes back the faults armed but not injected yet (no invocation reached the point); returns how many. */
        public int disarm() {
            return armed.getAndSet(0);
        }

        /** Faults injected so far. */
        public long injected() {
            return injected.get();
        }

        private boolean take() {
            if (armed.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                injected.incrementAndGet();
                return true;
            }
            return false;
        }
    }

    private final Fault fault;
    private final Injections injections;

    private FaultyCheckpointStore(CheckpointStore real, Fault fault, Injections injections) {
        super(real);
        this.fault = fault;
        this.injections = injections;
    }

    /** A decorator for {@code IngestPipeline.create} that injects {@code fault} the first {@code times} times. */
    public static UnaryOperator<CheckpointStore> injecting(Fault fault, int times) {
        return injecting(fault, new Injections(times));
    }

    /** A decorator for {@code IngestPipeline.create} that injects {@code fault} whenever {@code injections} is armed. */
    public static UnaryOperator<CheckpointStore> injecting(Fault fault, Injections injections) {
        return store -> new FaultyCheckpointStore(store, fault, injections);
    }

    @Override
    public boolean compareAndSet(StreamIdentity stream, String shardId, Checkpoint expected, Checkpoint next,
                                 String owner) {
        boolean won = real.compareAndSet(stream, shardId, expected, next, owner);
        if (fault == Fault.AFTER_CLAIM && won && next.phase() == Phase.BEFORE_PROCESSING && injections.take()) {
            throw new IllegalStateException("injected: the invocation on " + shardId
                    + " died after its claim, before inserting");
        }
        return won;
    }

    @Override
    public void commit(StreamIdentity stream, String shardId, Checkpoint claimed, String owner) {
        if (fault == Fault.BEFORE_COMMIT && injections.take()) {
            throw new IllegalStateException("injected: the invocation on " + shardId
                    + " died between its insert and its commit");
        }
        real.commit(stream, shardId, claimed, owner);
    }
}
