package dev.shardhouse.testing;

import dev.shardhouse.checkpoint.CheckpointStore;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.dedup.Checkpoint;
import dev.shardhouse.dedup.Phase;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * The real checkpoint store, with something done once around the first compare-and-set that writes a pending claim:
 * just before it (while the claim's rows go up) or just after it was won (between the claim and the insert).
 */
public final class FirstClaimHook extends ForwardingCheckpointStore {

    private final Runnable before;
    private final Runnable afterWon;
    private final AtomicBoolean done = new AtomicBoolean();

    private FirstClaimHook(CheckpointStore real, Runnable before, Runnable afterWon) {
        super(real);
        this.before = before;
        this.afterWon = afterWon;
    }

    public static UnaryOperator<CheckpointStore> before(Runnable action) {
        return real -> new FirstClaimHook(real, action, () -> { });
    }

    public static UnaryOperator<CheckpointStore> afterWon(Runnable action) {
        return real -> new FirstClaimHook(real, () -> { }, action);
    }

    @Override
    public boolean compareAndSet(StreamIdentity stream, String shardId, Checkpoint expected, Checkpoint next,
                                 String owner) {
        boolean first = next.phase() == Phase.BEFORE_PROCESSING && done.compareAndSet(false, true);
        if (first) {
            before.run();
        }
        boolean won = real.compareAndSet(stream, shardId, expected, next, owner);
        if (first && won) {
            afterWon.run();
        }
        return won;
    }
}
