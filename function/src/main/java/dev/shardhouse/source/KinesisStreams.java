package dev.shardhouse.source;

import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.deadline.InvocationDeadline;
import dev.shardhouse.decode.KinesisRecordIn;
import dev.shardhouse.dedup.Position;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;

/**
 * What the ingest function asks Kinesis itself, beyond the batches the event source mapping hands it.
 *
 * <p>Every call names the stream by its ARN: a mapping may read a stream of another account or region, and a
 * call by name would go to the function's own account and region, where it fails or finds a same-named stream.
 *
 * <p>Within an invocation, each call's whole duration (retries included) is bounded by the time it has left
 * ({@link #within}).
 */
public final class KinesisStreams implements ShardRangeReader {

    /**
     * How long a looked-up identity is used before the stream is described again. A stream deleted and recreated
     * under the same ARN gets a new creation time, and checkpoints are keyed by it; a warm instance picks the new
     * incarnation up at most this long after its last lookup. One DescribeStreamSummary a minute per instance
     * keeps even hundreds of instances far below that call's limit of 20 a second per account.
     */
    static final Duration IDENTITY_MAX_AGE = Duration.ofMinutes(1);

    private final KinesisClient kinesis;
    private final Duration identityMaxAge;
    private final Clock clock;
    private final InvocationDeadline deadline;
    private final Map<String, LookedUp> identities;

    private record LookedUp(StreamIdentity identity, Instant at) {
    }

    public KinesisStreams(KinesisClient kinesis) {
        this(kinesis, IDENTITY_MAX_AGE, Clock.systemUTC());
    }

    KinesisStreams(KinesisClient kinesis, Duration identityMaxAge, Clock clock) {
        this(kinesis, identityMaxAge, clock, new InvocationDeadline(), new ConcurrentHashMap<>());
    }

    private KinesisStreams(KinesisClient kinesis, Duration identityMaxAge, Clock clock, InvocationDeadline deadline,
                           Map<String, LookedUp> identities) {
        this.kinesis = kinesis;
        this.identityMaxAge = identityMaxAge;
        this.clock = clock;
        this.deadline = deadline;
        this.identities = identities;
    }

    /** The same client and looked-up identities, each call bounded by {@code deadline}. */
    public KinesisStreams within(InvocationDeadline deadline) {
        return new KinesisStreams(kinesis, identityMaxAge, clock, deadline, identities);
    }

    /** Bounds a request's whole call, retries included, by the invocation's time left. */
    private <B extends AwsRequest.Builder> B bounded(B request, String call) {
        deadline.budget(Duration.ZERO, call).ifPresent(budget ->
                request.overrideConfiguration(override -> override.apiCallTimeout(budget)));
        return request;
    }

    /** The stream's identity, described again once the last lookup is {@link #IDENTITY_MAX_AGE} old. */
    public StreamIdentity identity(String streamArn) {
        Instant now = clock.instant();
        LookedUp cached = identities.get(streamArn);
        if (cached != null && now.isBefore(cached.at().plus(identityMaxAge))) {
            return cached.identity();
        }
        described(streamArn);
        return identities.get(streamArn).identity();
    }

    /**
     * Describes the stream, its identity remembered as a fresh lookup: the init's one call serves both the
     * identity and the start-up checks (two calls per cold start took twice the share of DescribeStreamSummary's 20 a
     * second per account that hundreds of instances starting at once compete for).
     */
    public StreamSummary describe(String streamArn) {
        return StreamSummary.of(described(streamArn));
    }

    private StreamDescriptionSummary described(String streamArn) {
        Instant now = clock.instant();
        StreamDescriptionSummary summary = kinesis
                .describeStreamSummary(request -> bounded(request, "DescribeStreamSummary").streamARN(streamArn))
                .streamDescriptionSummary();
        identities.put(streamArn, new LookedUp(new StreamIdentity(streamArn,
                summary.streamCreationTimestamp().toEpochMilli()), now));
        return summary;
    }

    /**
     * The next {@link #identity} describes the stream again, whatever the age of its lookup: a SnapStart snapshot
     * holds the identities looked up at init, and the stream may have been deleted and recreated since.
     */
    public void forgetIdentities() {
        identities.clear();
    }

    /**
     * Reads a shard's records from {@code first} to {@code last} (sequence numbers, inclusive) — the recovery of
     * a range that was claimed but whose batch is no longer the one being delivered (bisected or retried smaller).
     *
     * <p>Whether the range's start aged out is decided against the oldest record the shard still has, not on
     * Kinesis refusing the starting position: an iterator request it refuses for another reason fails the read.
     */
    @Override
    public RangeRead read(String streamArn, String shardId, Position first, Position last) {
        Cursor cursor;
        try {
            cursor = new Cursor(streamArn, iterator(streamArn, shardId, request -> request
                    .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                    .startingSequenceNumber(first.sequenceNumber())));
        } catch (InvalidArgumentException refused) {
            cursor = new Cursor(streamArn, iterator(streamArn, shardId,
                    request -> request.shardIteratorType(ShardIteratorType.TRIM_HORIZON)));
            if (!startTrimmed(first, cursor.peek())) {
                throw refused;
            }
        }
        boolean startTrimmed = startTrimmed(first, cursor.peek());
        List<KinesisRecordIn> records = new ArrayList<>();
        for (Record record = cursor.next(); record != null && sequenceOf(record).compareTo(last.sequence()) <= 0;
                record = cursor.next()) {
            records.add(new KinesisRecordIn(record.sequenceNumber(), record.partitionKey(),
                    record.approximateArrivalTimestamp(), record.data().asByteArrayUnsafe()));
        }
        return new RangeRead(records, startTrimmed);
    }

    /**
     * Whether records at the start of a range beginning at {@code first} aged out, given the oldest record the
     * shard yields from there on ({@code null}: none, so even {@code first} is gone — it existed when it was
     * claimed). Kinesis only ever trims a shard's oldest records, so nothing between {@code first} and the oldest
     * survivor exists any more.
     */
    static boolean startTrimmed(Position first, Record oldest) {
        return oldest == null || sequenceOf(oldest).compareTo(first.sequence()) > 0;
    }

    private static BigInteger sequenceOf(Record record) {
        return new BigInteger(record.sequenceNumber());
    }

    private String iterator(String streamArn, String shardId,
            Consumer<GetShardIteratorRequest.Builder> position) {
        return kinesis.getShardIterator(request -> position.accept(bounded(request, "GetShardIterator")
                        .streamARN(streamArn).shardId(shardId)))
                .shardIterator();
    }

    /** A shard's records from an iterator on, one at a time, until the shard is caught up with or closed. */
    private final class Cursor {
        private final Deque<Record> buffered = new ArrayDeque<>();
        private final String streamArn;
        private String iterator;

        Cursor(String streamArn, String iterator) {
            this.streamArn = streamArn;
            this.iterator = iterator;
        }

        Record peek() {
            fill();
            return buffered.peekFirst();
        }

        Record next() {
            fill();
            return buffered.pollFirst();
        }

        private void fill() {
            while (buffered.isEmpty() && iterator != null) {
                String current = iterator;
                GetRecordsResponse response = kinesis.getRecords(request -> bounded(request, "GetRecords").streamARN(streamArn)
                        .shardIterator(current));
                buffered.addAll(response.records());
                boolean caughtUp = response.records().isEmpty() && Long.valueOf(0).equals(response.millisBehindLatest());
                iterator = caughtUp ? null : response.nextShardIterator();
            }
        }
    }

    /** Records read back from a shard, and whether the range's start had already aged out of the stream. */
    public record RangeRead(List<KinesisRecordIn> records, boolean startTrimmed) {
    }
}
