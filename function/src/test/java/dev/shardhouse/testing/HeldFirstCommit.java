package dev.shardhouse.testing;

import dev.shardhouse.checkpoint.CheckpointStore;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.deadline.DeadlineExceededException;
import dev.shardhouse.dedup.Checkpoint;
import java.time.Duration;

/**
 * A checkpoint store whose first commit is held in the network: the invocation gives up on it at its deadline, as
 * {@code ClickHouseSql.awaitWithin} does ("it may still complete"), and the request reaches the server when the test
 * says so ({@link #land}). Every other call goes straight through.
 */
public final class HeldFirstCommit extends ForwardingCheckpointStore {

    private Runnable held;

    public HeldFirstCommit(CheckpointStore real) {
        super(real);
    }

    @Override
    public void commit(StreamIdentity stream, String shardId, Checkpoint claimed, String owner) {
        if (held == null) {
            held = () -> real.commit(stream, shardId, claimed, owner);
            throw new DeadlineExceededException("the commit (held in the network)", Duration.ZERO);
        }
        real.commit(stream, shardId, claimed, owner);
    }

    /** The held commit reaches the server now. */
    public void land() {
        held.run();
    }
}
