package dev.shardhouse.local.bench;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.shardhouse.testing.KinesisEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * One shard as its event source mapping feeds it: records arrive at a steady rate, and a batch holds every record that
 * arrived while the previous one was in flight (one batch per shard at a time). Not thread-safe: one driver thread
 * works a shard at a time.
 */
final class ScaleShard {

    private static final long ARRIVAL_MILLIS = 1_795_000_000_000L;

    private final String shardId;
    private final long firstId;
    private final LongFunction<byte[]> record;
    private long produced;
    private long delivered;

    /** @param index the shard's number; its records' ids start at {@code index * 10^9}, unique across shards */
    ScaleShard(int index, LongFunction<byte[]> record) {
        this.shardId = String.format("shardId-%012d", index);
        this.firstId = index * 1_000_000_000L;
        this.record = record;
    }

    /** {@code count} more records arrived on the shard. */
    void arrive(int count) {
        produced += count;
    }

    boolean hasWaiting() {
        return delivered < produced;
    }

    /** Everything waiting, as one batch of the mapping; delivered once {@link #acknowledge} says so. */
    KinesisEvent nextBatch(String streamArn) {
        List<KinesisEvent.KinesisEventRecord> records = new ArrayList<>();
        for (long id = firstId + delivered; id < firstId + produced; id++) {
            records.add(KinesisEvents.record(streamArn, shardId, Batch.sequenceNumber(id), "key-" + id % 64,
                    record.apply(id), ARRIVAL_MILLIS + id % 1_000_000));
        }
        KinesisEvent event = new KinesisEvent();
        event.setRecords(records);
        return event;
    }

    /** The batch went through: the mapping moves past it. */
    void acknowledge(KinesisEvent batch) {
        delivered += batch.getRecords().size();
    }

    long delivered() {
        return delivered;
    }
}
