package dev.shardhouse.local.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * Puts the demo's records at a steady rate: JSON documents {@code {"id":n,"key":...,"payload":...}} of about the
 * configured size, spread over the configured number of partition keys, a few of them bad. It remembers where Kinesis placed every
 * record it accepted, which is what the verification checks against. Rejected entries are put again.
 */
final class DemoProducer implements Runnable {

    private static final long TICK_MILLIS = 100;

    private final DemoOptions options;
    private final AcknowledgedPuts puts;

    DemoProducer(KinesisClient kinesis, DemoOptions options) {
        this.options = options;
        this.puts = new AcknowledgedPuts(kinesis, options.stream(), OptionalInt.empty(), this::entry);
    }

    @Override
    public void run() {
        List<Integer> pending = new ArrayList<>();
        int next = 0;
        long tick = System.currentTimeMillis();
        double perTick = options.ratePerSecond() * TICK_MILLIS / 1000.0;
        double allowance = 0;
        try {
            while (puts.acknowledgedCount() < options.records()) {
                allowance = Math.min(allowance + perTick, 500);
                while (pending.size() < (int) allowance && next < options.records()) {
                    pending.add(next++);
                }
                if (!pending.isEmpty()) {
                    int sent = pending.size();
                    pending = puts.put(pending);
                    allowance -= sent - pending.size();
                }
                tick += TICK_MILLIS;
                Thread.sleep(Math.max(0, tick - System.currentTimeMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What Kinesis accepted so far. */
    AcknowledgedPuts puts() {
        return puts;
    }

    private PutRecordsRequestEntry entry(int id) {
        String key = "key-" + id % options.partitionKeys();
        return PutRecordsRequestEntry.builder()
                .partitionKey(key)
                .data(SdkBytes.fromUtf8String(document(id, key, options.recordBytes(), options.badEvery())))
                .build();
    }

    /**
     * The record's JSON, or every {@code badEvery}-th one a record the table refuses, to show the error table: in turn
     * an id that is not a number, and a document cut short.
     */
    static String document(int id, String key, int recordBytes, int badEvery) {
        boolean bad = badEvery > 0 && id % badEvery == badEvery - 1;
        boolean cutShort = bad && id / badEvery % 2 == 1;
        String idValue = bad && !cutShort ? "\"" + id + " is not a number\"" : Integer.toString(id);
        String head = "{\"id\":" + idValue + ",\"key\":\"" + key + "\",\"payload\":\"";
        if (cutShort) {
            return head;
        }
        int padding = Math.max(0, recordBytes - head.length() - 2);
        return head + "x".repeat(padding) + "\"}";
    }
}
