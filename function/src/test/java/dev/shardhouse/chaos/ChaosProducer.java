package dev.shardhouse.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Puts one generation's records as fast as Kinesis takes them, in PutRecords calls of 500: JSON documents
 * {@code {"generation":g,"id":n,"payload":"..."}} over 1,000 partition keys. It remembers where Kinesis placed every
 * record it acknowledged, which is what the verification checks against; entries Kinesis rejected, and whole calls
 * that failed, are put again.
 */
final class ChaosProducer implements Runnable {

    private static final int PUT_RECORDS_LIMIT = 500;
    private static final int PARTITION_KEYS = 1_000;
    private static final String PAYLOAD = "x".repeat(100);

    private final KinesisClient kinesis;
    private final String stream;
    private final int generation;
    private final int records;
    private final Set<RecordKey> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong putRetries = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>("");

    ChaosProducer(KinesisClient kinesis, String stream, int generation, int records) {
        this.kinesis = kinesis;
        this.stream = stream;
        this.generation = generation;
        this.records = records;
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
                List<Integer> rejected = put(pending);
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

    Set<RecordKey> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    long putRetries() {
        return putRetries.get();
    }

    String lastError() {
        return lastError.get();
    }

    /** Puts the records of these ids; returns the ids Kinesis did not take. */
    private List<Integer> put(List<Integer> ids) {
        List<PutRecordsRequestEntry> entries = ids.stream().map(this::entry).toList();
        List<PutRecordsResultEntry> results;
        try {
            results = kinesis.putRecords(r -> r.streamName(stream).records(entries)).records();
        } catch (SdkException e) {
            lastError.set("PutRecords: " + e.getMessage());
            return ids;
        }
        List<Integer> rejected = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            PutRecordsResultEntry result = results.get(i);
            if (result.errorCode() == null) {
                acknowledged.add(new RecordKey(generation, result.shardId(), result.sequenceNumber()));
            } else {
                lastError.set("PutRecords entry: " + result.errorCode() + " " + result.errorMessage());
                rejected.add(ids.get(i));
            }
        }
        return rejected;
    }

    private PutRecordsRequestEntry entry(int id) {
        return PutRecordsRequestEntry.builder()
                .partitionKey("key-" + id % PARTITION_KEYS)
                .data(SdkBytes.fromUtf8String("{\"generation\":" + generation + ",\"id\":" + id
                        + ",\"payload\":\"" + PAYLOAD + "\"}"))
                .build();
    }
}
