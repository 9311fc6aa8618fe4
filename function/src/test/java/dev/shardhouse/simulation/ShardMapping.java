package dev.shardhouse.simulation;

import dev.shardhouse.decode.KinesisRecordIn;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The event source mapping of one shard: batches of up to BatchSize records from its position; a failed batch is
 * retried, or bisected when configured (halves one after the other, the first first); a timed-out invocation counts
 * as failed while it may still be running; a batch may be delivered again, whole or overlapping the next records.
 * Records that aged out of the stream before a batch was handed over are not in it: a batch made only of such records
 * is dropped, as Lambda moves on from records the stream no longer has.
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
    private final IntSupplier trimmed;
    private final int batchSize;
    private final boolean bisect;
    private Deque<Batch> queue = new ArrayDeque<>();
    private int position;
    private String running;
    private Batch lastSucceeded;

    /** @param trimmed how many of the shard's oldest records have aged out, now */
    ShardMapping(SimStream.Shard shard, IntSupplier trimmed, int batchSize, boolean bisect) {
        this.shard = shard;
        this.trimmed = trimmed;
        this.batchSize = batchSize;
        this.bisect = bisect;
    }

    String shardId() {
        return shard.id();
    }

    boolean finished() {
        return running == null && queue.stream().allMatch(batch -> left(batch).size() == 0)
                && Math.max(position, trimmed.getAsInt()) >= shard.records().size();
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
        Deque<Batch> left = new ArrayDeque<>();
        queue.stream().map(this::left).filter(batch -> batch.size() > 0).forEach(left::addLast);
        queue = left;
        if (queue.isEmpty()) {
            int from = Math.max(position, trimmed.getAsInt());
            queue.push(new Batch(from, Math.min(from + batchSize, shard.records().size())));
        }
        running = invocation;
        return queue.peek();
    }

    /** What of {@code batch} the stream still has. */
    private Batch left(Batch batch) {
        return new Batch(Math.min(Math.max(batch.from(), trimmed.getAsInt()), batch.to()), batch.to());
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
        return lastSucceeded != null && running == null && left(lastSucceeded).size() > 0;
    }

    /** Delivers what the stream still has of the last successful batch again, whole or reaching one record further. */
    void redeliver(boolean overlapping) {
        int to = overlapping ? Math.min(shard.records().size(), lastSucceeded.to() + 1) : lastSucceeded.to();
        queue.push(left(new Batch(lastSucceeded.from(), to)));
    }
}
