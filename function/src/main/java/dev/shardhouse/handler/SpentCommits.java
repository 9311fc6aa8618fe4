package dev.shardhouse.handler;

import dev.shardhouse.checkpoint.CheckpointStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Commit records this instance's claims made spent (each claim writes the previous claim's commit into the checkpoint
 * row), deleted {@link #AT_ONCE} at a time beside a batch's insert: one delete per sixteen batches instead of a
 * mutation per commit, and no growth of the keeper between tracker runs, or while the tracker is down. A delete that
 * fails, or records left when an instance goes away, are the tracker's to delete ({@code Checkpoints.forget}).
 */
final class SpentCommits {

    static final int AT_ONCE = 16;

    private final CheckpointStore checkpoints;
    private final Executor deleter;
    private final List<String> queued = new ArrayList<>();

    SpentCommits(CheckpointStore checkpoints, Executor deleter) {
        this.checkpoints = checkpoints;
        this.deleter = deleter;
    }

    /** The commit record of {@code token} on the checkpoint of {@code checkpointKey} is spent. */
    synchronized void spent(String checkpointKey, String token) {
        queued.add(checkpoints.commitKey(checkpointKey, token));
    }

    /** Starts deleting the queued records once there are {@link #AT_ONCE}; completes, never exceptionally, when done. */
    CompletableFuture<Void> forgetIfDue() {
        List<String> due;
        synchronized (this) {
            if (queued.size() < AT_ONCE) {
                return CompletableFuture.completedFuture(null);
            }
            due = List.copyOf(queued);
            queued.clear();
        }
        return CompletableFuture.runAsync(() -> checkpoints.forget(due), deleter).exceptionally(failure -> null);
    }
}
