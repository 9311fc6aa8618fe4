package dev.shardhouse.testing;

import dev.shardhouse.checkpoint.CheckpointStore;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.dedup.Checkpoint;
import dev.shardhouse.dedup.Phase;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/** The real checkpoint store, with an invocation "dying" on purpose at one point of the exactly-once protocol. */
public final class FaultyCheckpointStore implements CheckpointStore {

    /** Where the invocation dies. */
    public enum Fault {
        /** after its insert, before the commit: the insert landed, the checkpoint still says BEFORE_PROCESSING */
        BEFORE_COMMIT,
        /** after winning its claim, before inserting anything */
        AFTER_CLAIM
    }

    private final CheckpointStore real;
    private final Fault fault;
    private final AtomicInteger remaining;

    private FaultyCheckpointStore(CheckpointStore real, Fault fault, AtomicInteger remaining) {
        this.real = real;
        this.fault = fault;
        this.remaining = remaining;
    }

    /** A decorator for {@code IngestPipeline.create} that injects {@code fault} the first {@code times} times. */
    public static UnaryOperator<CheckpointStore> injecting(Fault fault, int times) {
        AtomicInteger remaining = new AtomicInteger(times);
        return store -> new FaultyCheckpointStore(store, fault, remaining);
    }

    @Override
    public Checkpoint read(StreamIdentity stream, String shardId) {
        return real.read(stream, shardId);
    }

    @Override
    public boolean compareAndSet(StreamIdentity stream, String shardId, Checkpoint expected, Checkpoint next,
                                 String owner) {
        boolean won = real.compareAndSet(stream, shardId, expected, next, owner);
        if (fault == Fault.AFTER_CLAIM && won && next.phase() == Phase.BEFORE_PROCESSING
                && remaining.getAndDecrement() > 0) {
            throw new IllegalStateException("injected: the invocation died after its claim, before inserting");
        }
        return won;
    }

    @Override
    public void commit(StreamIdentity stream, String shardId, Checkpoint claimed, String owner) {
        if (fault == Fault.BEFORE_COMMIT && remaining.getAndDecrement() > 0) {
            throw new IllegalStateException("injected: the invocation died between its insert and its commit");
        }
        real.commit(stream, shardId, claimed, owner);
    }
}
