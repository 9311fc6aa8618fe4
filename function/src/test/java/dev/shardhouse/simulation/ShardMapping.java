package dev.shardhouse.simulation;

import dev.shardhouse.decode.KinesisRecordIn;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The event source mapping of one shard: batches of up to BatchSize records from its position; a failed batch is
 * retried, or bisected when configured (halves one after the other, the first first); a timed-out invocation counts
 * as failed while it may still be running; a batch may be delivered again, whole or overlapping the next records.
 */
final class ShardMapping {

    /** Records {@code from} (inclusive) to {@code to} (exclusive) of the shard. */
    record Batch(int from, int to) {
        int size() {
            return to - from;
        }

        @Override
        public String toString() {
            return "[" + from + "," + to + ")";
        }
    }

    private final SimStream.Shard shard;
    private final int batchSize;
    private final boolean bisect;
    private final Deque<Batch> queue = new ArrayDeque<>();
    private int position;
    private String running;
    private Batch lastSucceeded;

    ShardMapping(SimStream.Shard shard, int batchSize, boolean bisect) {
        this.shard = shard;
        this.batchSize = batchSize;
        this.bisect = bisect;
    }

    String shardId() {
        return shard.id();
    }

    boolean finished() {
        return position >= shard.records().size() && queue.isEmpty() && running == null;
    }

    boolean idle() {
        return running == null && !finished();
    }

    boolean running() {
        return running != null;
    }

    /** The invocation whose result the mapping waits for. */
    String invocation() {
        return running;
    }

    /** Hands the next batch to {@code invocation}. */
    Batch deliver(String invocation) {
        if (queue.isEmpty()) {
            queue.push(new Batch(position, Math.min(position + batchSize, shard.records().size())));
        }
        running = invocation;
        return queue.peek();
    }

    List<KinesisRecordIn> records(Batch batch) {
        return shard.records().subList(batch.from(), batch.to()).stream().map(SimRecord::in).toList();
    }

    /** Whether {@code invocation}'s result still counts: not if it timed out, which the mapping took as a failure. */
    boolean current(String invocation) {
        return invocation.equals(running);
    }

    void succeeded() {
        Batch batch = queue.pop();
        position = Math.max(position, batch.to());
        lastSucceeded = batch;
        running = null;
    }

    void failed() {
        Batch batch = queue.pop();
        if (bisect && batch.size() > 1) {
            int middle = batch.from() + batch.size() / 2;
            queue.push(new Batch(middle, batch.to()));
            queue.push(new Batch(batch.from(), middle));
        } else {
            queue.push(batch);
        }
        running = null;
    }

    boolean canRedeliver() {
        return lastSucceeded != null && running == null;
    }

    /** Delivers the last successful batch again, whole or reaching one record further. */
    void redeliver(boolean overlapping) {
        int to = overlapping ? Math.min(shard.records().size(), lastSucceeded.to() + 1) : lastSucceeded.to();
        queue.push(new Batch(lastSucceeded.from(), to));
    }
}
