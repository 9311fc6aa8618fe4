package dev.shardhouse.local;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/** Streams on the local Kinesis for integration tests: created fresh, filled, resharded, deleted. */
final class TestStreams implements AutoCloseable {

    /** A record put: where Kinesis placed it. */
    record Put(String shardId, String sequenceNumber) {
    }

    private final KinesisClient kinesis;
    private final String name;

    private TestStreams(KinesisClient kinesis, String name) {
        this.kinesis = kinesis;
        this.name = name;
    }

    /** A new stream named {@code local-<purpose>-<random>} with {@code shards} shards, once it is ACTIVE. */
    static TestStreams create(KinesisClient kinesis, String purpose, int shards) throws InterruptedException {
        TestStreams stream = new TestStreams(kinesis, "local-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8));
        kinesis.createStream(r -> r.streamName(stream.name).shardCount(shards));
        stream.awaitActive();
        return stream;
    }

    String name() {
        return name;
    }

    /** Puts {@code count} small records with distinct partition keys; returns them in sequence order per shard. */
    List<Put> put(int count) {
        List<Put> puts = new ArrayList<>();
        for (int from = 0; from < count; from += 500) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 500); i++) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey(UUID.randomUUID().toString())
                        .data(SdkBytes.fromUtf8String("{\"n\":" + i + "}")).build());
            }
            List<PutRecordsResultEntry> results = kinesis.putRecords(r -> r.streamName(name).records(entries)).records();
            for (PutRecordsResultEntry result : results) {
                if (result.errorCode() != null) {
                    throw new IllegalStateException("PutRecords into " + name + " failed: " + result.errorMessage());
                }
                puts.add(new Put(result.shardId(), result.sequenceNumber()));
            }
        }
        puts.sort(Comparator.comparing(Put::shardId).thenComparing(p -> new BigInteger(p.sequenceNumber())));
        return puts;
    }

    /** Splits a shard at the middle of its hash key range (a one-shard stream's range is 0 to 2^128 - 1). */
    void splitInHalf(String shardId) throws InterruptedException {
        kinesis.splitShard(r -> r.streamName(name).shardToSplit(shardId)
                .newStartingHashKey(BigInteger.TWO.pow(127).toString()));
        awaitActive();
    }

    @Override
    public void close() {
        try {
            kinesis.deleteStream(r -> r.streamName(name).enforceConsumerDeletion(true));
        } catch (ResourceNotFoundException alreadyGone) {
            // Nothing to clean up.
        }
    }

    private void awaitActive() throws InterruptedException {
        StreamShards.awaitActive(kinesis, name, Duration.ofSeconds(30));
    }
}
