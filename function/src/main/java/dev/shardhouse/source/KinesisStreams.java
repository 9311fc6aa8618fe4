package dev.shardhouse.source;

import static dev.shardhouse.checkpoint.StreamIdentity.streamNameOf;

import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.decode.KinesisRecordIn;
import dev.shardhouse.dedup.Position;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** What the ingest function asks Kinesis itself, beyond the batches the event source mapping hands it. */
public final class KinesisStreams {

    private final KinesisClient kinesis;
    private final Map<String, StreamIdentity> identities = new ConcurrentHashMap<>();

    public KinesisStreams(KinesisClient kinesis) {
        this.kinesis = kinesis;
    }

    /**
     * The stream's identity, looked up once per stream for the life of the function instance: a recreated stream
     * shows a new creation time, and a function instance does not outlive the mapping of the old stream.
     */
    public StreamIdentity identity(String streamArn) {
        return identities.computeIfAbsent(streamArn, arn -> new StreamIdentity(arn, kinesis
                .describeStreamSummary(request -> request.streamName(streamNameOf(arn)))
                .streamDescriptionSummary().streamCreationTimestamp().toEpochMilli()));
    }

    /**
     * Reads a shard's records from {@code first} to {@code last} (sequence numbers, inclusive) — the recovery of
     * a range that was claimed but whose batch is no longer the one being delivered (bisected or retried smaller).
     */
    public RangeRead read(String streamArn, String shardId, Position first, Position last) {
        String iterator;
        try {
            iterator = kinesis.getShardIterator(request -> request.streamName(streamNameOf(streamArn)).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                    .startingSequenceNumber(first.sequenceNumber())).shardIterator();
        } catch (InvalidArgumentException trimmed) {
            return new RangeRead(List.of(), true);
        }
        List<KinesisRecordIn> records = new ArrayList<>();
        boolean startTrimmed = false;
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse response = kinesis.getRecords(request -> request.shardIterator(current));
            for (Record record : response.records()) {
                BigInteger sequence = new BigInteger(record.sequenceNumber());
                if (records.isEmpty() && sequence.compareTo(first.sequence()) > 0) {
                    startTrimmed = true; // the first record was trimmed: retention passed
                }
                if (sequence.compareTo(last.sequence()) > 0) {
                    return new RangeRead(records, startTrimmed);
                }
                records.add(new KinesisRecordIn(record.sequenceNumber(), record.partitionKey(),
                        record.approximateArrivalTimestamp(), record.data().asByteArrayUnsafe()));
            }
            if (response.records().isEmpty() && Long.valueOf(0).equals(response.millisBehindLatest())) {
                break;
            }
            iterator = response.nextShardIterator();
        }
        return new RangeRead(records, startTrimmed);
    }

    /** Records read back from a shard, and whether the range's start had already aged out of the stream. */
    public record RangeRead(List<KinesisRecordIn> records, boolean startTrimmed) {
    }
}
