package dev.shardhouse.local.mapping;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Reads one shard with GetRecords within Kinesis' limits: at most 5 calls per second per shard and 10,000 records
 * per call; when the shard is caught up it polls once per second, as Lambda does. An expired iterator is renewed
 * after the last record read; throttling and transient errors are waited out and counted.
 */
final class ShardReader {

    /** One call per 200 ms keeps within the 5 calls per second per shard. */
    static final Duration MIN_CALL_SPACING = Duration.ofMillis(200);
    static final Duration IDLE_POLL = Duration.ofSeconds(1);
    static final int MAX_RECORDS_PER_CALL = 10_000;
    private static final Duration ERROR_BACKOFF = Duration.ofSeconds(1);

    /** One GetRecords answer. {@code shardEnded}: the shard is closed and every record of it has been read. */
    record Page(List<Record> records, boolean shardEnded) {
    }

    /** Where the reading of a shard starts. */
    record Start(ShardIteratorType type, Instant timestamp) {
        static Start of(StartingPosition position, Instant timestamp) {
            return switch (position) {
                case TRIM_HORIZON -> new Start(ShardIteratorType.TRIM_HORIZON, null);
                case LATEST -> new Start(ShardIteratorType.LATEST, null);
                case AT_TIMESTAMP -> new Start(ShardIteratorType.AT_TIMESTAMP, timestamp);
            };
        }
    }

    private final KinesisClient kinesis;
    private final String streamName;
    private final String shardId;
    private final Start start;
    private final MappingStats stats;
    private String iterator;
    private String lastSequenceNumber;
    private long nextCallNanos = System.nanoTime();

    ShardReader(KinesisClient kinesis, String streamName, String shardId, Start start, MappingStats stats) {
        this.kinesis = kinesis;
        this.streamName = streamName;
        this.shardId = shardId;
        this.start = start;
        this.stats = stats;
    }

    /**
     * Takes the shard iterator now rather than at the first read, so a LATEST mapping delivers every record added
     * after it started. A failure is left to {@link #next}, which retries.
     */
    void open() {
        try {
            iterator = freshIterator();
        } catch (SdkException e) {
            stats.readErrors.incrementAndGet();
            stats.error("opening " + shardId + ": " + e.getMessage());
        }
    }

    /** The next page, waiting as long as the shard's call rate requires. */
    Page next() throws InterruptedException {
        while (true) {
            waitForCallSlot();
            try {
                if (iterator == null) {
                    iterator = freshIterator();
                }
                GetRecordsResponse response = kinesis.getRecords(r -> r.shardIterator(iterator).limit(MAX_RECORDS_PER_CALL));
                List<Record> records = response.records();
                if (!records.isEmpty()) {
                    lastSequenceNumber = records.get(records.size() - 1).sequenceNumber();
                }
                iterator = response.nextShardIterator();
                boolean caughtUp = records.isEmpty() && Long.valueOf(0).equals(response.millisBehindLatest());
                scheduleNextCall(caughtUp ? IDLE_POLL : MIN_CALL_SPACING);
                return new Page(records, iterator == null);
            } catch (ExpiredIteratorException e) {
                iterator = null;
                scheduleNextCall(MIN_CALL_SPACING);
            } catch (SdkException e) {
                // Throttling, a Kinesis restart, a network blip: the same call is made again after a pause, with the
                // same iterator (it stays valid for 5 minutes; an expired one is renewed above).
                stats.readErrors.incrementAndGet();
                stats.error("reading " + shardId + ": " + e.getMessage());
                scheduleNextCall(ERROR_BACKOFF);
            }
        }
    }

    private String freshIterator() {
        GetShardIteratorRequest.Builder request = GetShardIteratorRequest.builder().streamName(streamName).shardId(shardId);
        if (lastSequenceNumber != null) {
            request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(lastSequenceNumber);
        } else {
            request.shardIteratorType(start.type()).timestamp(start.timestamp());
        }
        return kinesis.getShardIterator(request.build()).shardIterator();
    }

    private void waitForCallSlot() throws InterruptedException {
        long wait = nextCallNanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private void scheduleNextCall(Duration after) {
        nextCallNanos = System.nanoTime() + after.toNanos();
    }
}
