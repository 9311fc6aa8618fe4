package dev.shardhouse.testing;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** Streams on the local Kinesis for integration tests: created with a unique name, filled, resharded, read back. */
public final class TestStreams {

    /** Where Kinesis placed a record. */
    public record Put(String shardId, String sequenceNumber) {
    }

    private final KinesisClient kinesis;

    public TestStreams(KinesisClient kinesis) {
        this.kinesis = kinesis;
    }

    /** Creates an ACTIVE stream and returns its ARN. */
    public String create(String prefix, int shards) {
        return createNamed(prefix + "-" + UUID.randomUUID().toString().substring(0, 8), shards);
    }

    /** Creates an ACTIVE stream of exactly this name, in the client's account, and returns its ARN. */
    public String createNamed(String name, int shards) {
        kinesis.createStream(request -> request.streamName(name).shardCount(shards));
        return awaitActive(name);
    }

    public String awaitActive(String name) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            var summary = kinesis.describeStreamSummary(request -> request.streamName(name)).streamDescriptionSummary();
            if (summary.streamStatus() == StreamStatus.ACTIVE) {
                return summary.streamARN();
            }
            sleep(100);
        }
        throw new IllegalStateException("stream " + name + " did not become ACTIVE within 30 s");
    }

    /** Puts the payloads in order, 500 at a time; returns where each went, in the same order. */
    public List<Put> put(String streamArn, List<byte[]> payloads, IntFunction<String> partitionKey) {
        String name = nameOf(streamArn);
        List<Put> puts = new ArrayList<>();
        for (int from = 0; from < payloads.size(); from += 500) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(from + 500, payloads.size()); i++) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey(partitionKey.apply(i))
                        .data(SdkBytes.fromByteArray(payloads.get(i))).build());
            }
            var response = kinesis.putRecords(request -> request.streamName(name).records(entries));
            if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
                throw new IllegalStateException(response.failedRecordCount() + " records were not put into " + name);
            }
            response.records().forEach(result -> puts.add(new Put(result.shardId(), result.sequenceNumber())));
        }
        return puts;
    }

    /** Splits a shard at the middle of the hash key range (a one-shard stream's range is 0 to 2^128 - 1). */
    public void splitInHalf(String streamArn, String shardId) {
        String name = nameOf(streamArn);
        kinesis.splitShard(request -> request.streamName(name).shardToSplit(shardId)
                .newStartingHashKey(BigInteger.TWO.pow(127).toString()));
        awaitActive(name);
    }

    public void delete(String streamArn) {
        try {
            kinesis.deleteStream(request -> request.streamName(nameOf(streamArn)).enforceConsumerDeletion(true));
        } catch (ResourceNotFoundException alreadyGone) {
            // Nothing to clean up.
        }
    }

    public List<Shard> shards(String streamArn) {
        return kinesis.listShards(request -> request.streamName(nameOf(streamArn))).shards();
    }

    /** Every record of a shard from its start, in order. */
    public List<Record> readAll(String streamArn, String shardId) {
        String name = nameOf(streamArn);
        String iterator = kinesis.getShardIterator(request -> request.streamName(name).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<Record> records = new ArrayList<>();
        while (iterator != null) {
            String current = iterator;
            var response = kinesis.getRecords(request -> request.shardIterator(current));
            records.addAll(response.records());
            if (response.records().isEmpty() && Long.valueOf(0).equals(response.millisBehindLatest())) {
                break;
            }
            iterator = response.nextShardIterator();
        }
        return records;
    }

    /** The stream name at the end of a stream ARN. */
    public static String nameOf(String streamArn) {
        return streamArn.substring(streamArn.lastIndexOf('/') + 1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
