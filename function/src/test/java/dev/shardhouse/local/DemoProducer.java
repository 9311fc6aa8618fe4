package dev.shardhouse.local;

import dev.shardhouse.dedup.Position;
import dev.shardhouse.local.Verification.RecordKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Puts the demo's records at a steady rate: JSON documents {@code {"id":n,"key":...,"payload":...}} of about the
 * configured size, spread over the configured number of partition keys. It remembers where Kinesis placed every
 * record it accepted, which is what the verification checks against. Rejected entries are put again.
 */
final class DemoProducer implements Runnable {

    private static final long TICK_MILLIS = 100;

    private final KinesisClient kinesis;
    private final DemoOptions options;
    private final Set<RecordKey> produced = ConcurrentHashMap.newKeySet();
    private final AtomicReference<String> lastError = new AtomicReference<>("");

    DemoProducer(KinesisClient kinesis, DemoOptions options) {
        this.kinesis = kinesis;
        this.options = options;
    }

    @Override
    public void run() {
        List<Integer> pending = new ArrayList<>();
        int next = 0;
        long tick = System.currentTimeMillis();
        double perTick = options.ratePerSecond() * TICK_MILLIS / 1000.0;
        double allowance = 0;
        try {
            while (produced.size() < options.records()) {
                allowance = Math.min(allowance + perTick, 500);
                while (pending.size() < (int) allowance && next < options.records()) {
                    pending.add(next++);
                }
                if (!pending.isEmpty()) {
                    int sent = pending.size();
                    pending = put(pending);
                    allowance -= sent - pending.size();
                }
                tick += TICK_MILLIS;
                Thread.sleep(Math.max(0, tick - System.currentTimeMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Set<RecordKey> produced() {
        return Set.copyOf(produced);
    }

    int producedCount() {
        return produced.size();
    }

    String lastError() {
        return lastError.get();
    }

    /** Puts the records of these ids; returns the ids Kinesis did not take. */
    private List<Integer> put(List<Integer> ids) {
        List<PutRecordsRequestEntry> entries = ids.stream().map(this::entry).toList();
        PutRecordsResponse response;
        try {
            response = kinesis.putRecords(r -> r.streamName(options.stream()).records(entries));
        } catch (SdkException e) {
            // Kinesis may have taken them before failing; any such record shows up as "stored but never produced".
            lastError.set("PutRecords: " + e.getMessage());
            return ids;
        }
        List<Integer> rejected = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            PutRecordsResultEntry result = response.records().get(i);
            if (result.errorCode() == null) {
                produced.add(new RecordKey(result.shardId(), Position.of(result.sequenceNumber(), 0)));
            } else {
                lastError.set("PutRecords entry: " + result.errorCode() + " " + result.errorMessage());
                rejected.add(ids.get(i));
            }
        }
        return rejected;
    }

    private PutRecordsRequestEntry entry(int id) {
        String key = "key-" + id % options.partitionKeys();
        String head = "{\"id\":" + id + ",\"key\":\"" + key + "\",\"payload\":\"";
        int padding = Math.max(0, options.recordBytes() - head.length() - 2);
        return PutRecordsRequestEntry.builder()
                .partitionKey(key)
                .data(SdkBytes.fromUtf8String(head + "x".repeat(padding) + "\"}"))
                .build();
    }
}
