package dev.shardhouse.local.chaos;

import dev.shardhouse.local.demo.AcknowledgedPuts;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * Puts one generation's records as fast as Kinesis takes them, in PutRecords calls of 500: the JSON documents of
 * {@link ChaosRecords}, shaped by the changes made to the table so far, over 1,000 partition keys. It remembers where
 * Kinesis placed every record it acknowledged and what it held, which is what the verification checks against;
 * entries Kinesis rejected, and whole calls that failed, are put again.
 */
final class ChaosProducer implements Runnable {

    private static final int PUT_RECORDS_LIMIT = 500;
    private static final int PARTITION_KEYS = 1_000;

    private final ChaosTables changedTable;
    private final int generation;
    private final int records;
    private final AcknowledgedPuts puts;
    private final AtomicLong putRetries = new AtomicLong();

    ChaosProducer(KinesisClient kinesis, String stream, ChaosTables changedTable, int generation, int records) {
        this.changedTable = changedTable;
        this.generation = generation;
        this.records = records;
        this.puts = new AcknowledgedPuts(kinesis, stream, OptionalInt.of(generation), this::entry);
    }

    @Override
    public void run() {
        List<Integer> pending = new ArrayList<>();
        int next = 0;
        try {
            while (next < records || !pending.isEmpty()) {
                while (pending.size() < PUT_RECORDS_LIMIT && next < records) {
                    pending.add(next++);
                }
                List<Integer> rejected = puts.put(pending);
                if (!rejected.isEmpty()) {
                    putRetries.incrementAndGet();
                    Thread.sleep(100);
                }
                pending = rejected;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What Kinesis acknowledged so far. */
    AcknowledgedPuts puts() {
        return puts;
    }

    long putRetries() {
        return putRetries.get();
    }

    private PutRecordsRequestEntry entry(int id) {
        return PutRecordsRequestEntry.builder()
                .partitionKey("key-" + id % PARTITION_KEYS)
                .data(SdkBytes.fromUtf8String(ChaosRecords.json(generation, id, changedTable.columnAdded(),
                        changedTable.constrained())))
                .build();
    }
}
