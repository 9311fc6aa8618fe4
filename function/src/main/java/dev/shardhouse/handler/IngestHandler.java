package dev.shardhouse.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.clickhouse.ClickHouseFailure;
import dev.shardhouse.clickhouse.KeeperMapRequirement;
import dev.shardhouse.concurrent.Futures;
import dev.shardhouse.config.ConfigException;
import dev.shardhouse.config.Environment;
import dev.shardhouse.config.IngestConfig;
import dev.shardhouse.config.SecretsManagerPasswords;
import dev.shardhouse.decode.KinesisRecordIn;
import dev.shardhouse.handler.ShardBatches.ShardRef;
import dev.shardhouse.observe.BatchWatch;
import dev.shardhouse.observe.EmfLine;
import dev.shardhouse.observe.JsonLog;
import dev.shardhouse.observe.MetricUnit;
import dev.shardhouse.source.KinesisStreams;
import dev.shardhouse.source.StreamSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.event.Level;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * The ingest Lambda, invoked by a Kinesis event source mapping with a batch of one shard's records.
 *
 * <p>A batch that cannot be completed makes the invocation fail, so the mapping retries it whole (and bisects it,
 * if configured): throwing is safe whatever the mapping's settings, where a partial-batch response is only honoured
 * with ReportBatchItemFailures on. Records already committed are recognised and skipped on the retry.
 *
 * <p>Lambda's runtime calls the stream overload (it prefers it to the {@code KinesisEvent} one, which in-process
 * callers use): the event is read by {@link KinesisEventReader}, not by the runtime's databind serializer.
 */
public final class IngestHandler implements RequestHandler<KinesisEvent, StreamsEventResponse>, RequestStreamHandler {

    /** A {@link StreamsEventResponse} without failures, as the runtime would serialize it. */
    private static final byte[] NO_FAILURES = "{\"batchItemFailures\":[]}".getBytes(StandardCharsets.UTF_8);

    private final IngestPipeline pipeline;
    /** Held so that SnapStart's context, which holds its hooks weakly, keeps them. */
    private final SnapshotRestore snapshotRestore;

    /** Lambda's entry point: configuration is read and checked here, once, so a bad setting fails the init. */
    public IngestHandler() {
        this(System.getenv());
    }

    public IngestHandler(Map<String, String> environment) {
        this(pipeline(environment));
    }

    public IngestHandler(IngestPipeline pipeline) {
        this.pipeline = pipeline;
        this.snapshotRestore = SnapshotRestore.register(pipeline);
    }

    IngestPipeline pipeline() {
        return pipeline;
    }

    /**
     * Building the AWS SDK's Kinesis client, and its first request, take about as long as reading the configuration
     * and setting up ClickHouse, and neither needs the other: they run in a thread of their own meanwhile. Lambda
     * gives the init phase its full CPU, so this work costs less here than on the first batch. One DescribeStreamSummary
     * serves the stream's identity and the deduplication check.
     */
    private static IngestPipeline pipeline(Map<String, String> environment) {
        CompletableFuture<KinesisStreams> client = CompletableFuture.supplyAsync(
                () -> new KinesisStreams(KinesisClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                        .build()),
                IngestHandler::inNewThread);
        IngestConfig config = IngestConfig.from(new Environment(environment), new SecretsManagerPasswords());
        CompletableFuture<Optional<StreamSummary>> stream = client.thenApplyAsync(
                kinesis -> config.streamArn().flatMap(streamArn -> lookUp(kinesis, streamArn, config.metricsNamespace())),
                IngestHandler::inNewThread);
        try {
            return IngestPipeline.create(config, () -> {
                Futures.joined(stream);
                return Futures.joined(client);
            }, () -> Futures.joined(stream));
        } catch (RuntimeException e) {
            throw KeeperMapRequirement.explained(e, config.clickHouse().url());
        }
    }

    /**
     * Describes the stream, caching its identity so that the first batch does not wait for it, and returns its shard
     * count and retention for the deduplication check. A stream that does not exist fails the init; any other failure
     * (throttling, say, when many instances start at once) is logged and leaves the lookup to the first batch and the
     * check to its lower bounds.
     */
    static Optional<StreamSummary> lookUp(KinesisStreams kinesis, String streamArn, String metricsNamespace) {
        try {
            return Optional.of(kinesis.describe(streamArn));
        } catch (ResourceNotFoundException e) {
            throw ConfigException.noSuchStream(streamArn, e.getMessage());
        } catch (SdkException e) {
            new EmfLine(metricsNamespace, Level.WARN, "stream_lookup_deferred")
                    .field("stream", streamArn)
                    .error(e)
                    .emit();
            return Optional.empty();
        }
    }

    private static void inNewThread(Runnable task) {
        Thread thread = new Thread(task, "kinesis-init");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        process(byShard(event), context);
        return new StreamsEventResponse(new ArrayList<>());
    }

    @Override
    public void handleRequest(InputStream event, OutputStream response, Context context) throws IOException {
        process(KinesisEventReader.read(event), context);
        response.write(NO_FAILURES);
    }

    /**
     * Every ClickHouse and Kinesis call of the invocation is bounded by the time it has left, so that an unreachable
     * service fails the batch (logged, retried by the mapping) before Lambda's timeout kills the invocation silently.
     */
    private void process(Map<ShardRef, List<KinesisRecordIn>> batches, Context context) {
        if (context != null) {
            pipeline.deadline().begin(Duration.ofMillis(context.getRemainingTimeInMillis()));
        }
        try {
            processWithin(batches, context);
        } finally {
            pipeline.deadline().end();
        }
    }

    private void processWithin(Map<ShardRef, List<KinesisRecordIn>> batches, Context context) {
        String requestId = context == null ? "local" : context.getAwsRequestId();
        JsonLog.requestId(requestId);
        String owner = requestId + "/" + UUID.randomUUID();
        for (Map.Entry<ShardRef, List<KinesisRecordIn>> batch : batches.entrySet()) {
            ShardRef shard = batch.getKey();
            List<KinesisRecordIn> records = batch.getValue();
            try (BatchWatch watch = BatchWatch.start(BatchWatch.EVERY,
                    waiting -> waitingLine(pipeline.config().metricsNamespace(), shard, records, waiting).emit())) {
                StreamIdentity stream = pipeline.streams().identity(shard.streamArn());
                log(stream.streamName(), pipeline.processor().process(stream, shard.shardId(), records, owner));
            } catch (RuntimeException e) {
                failureLine(pipeline.config().metricsNamespace(), shard, records, e).emit();
                throw new BatchFailedException(shard.shardId(), records.get(0).sequenceNumber(), e);
            }
        }
    }

    /**
     * The log line of a failed batch. {@code transient} tells an operator whether the mapping's retry can succeed
     * by itself (ClickHouse or the keeper unreachable, overloaded or timing out) or whether something needs fixing.
     */
    static EmfLine failureLine(String namespace, ShardRef shard, List<KinesisRecordIn> records, RuntimeException e) {
        return new EmfLine(namespace, Level.ERROR, "batch_failed")
                .dimension("Stream", StreamIdentity.streamNameOf(shard.streamArn()))
                .metric("BatchesFailed", 1, MetricUnit.COUNT)
                .field("shard", shard.shardId())
                .field("firstSequence", records.get(0).sequenceNumber())
                .field("records", records.size())
                .field("transient", ClickHouseFailure.of(e).isRetryable())
                .error(e);
    }

    /** A batch still running: how long, and where it waits (the checkpoint store's method, in a keeper outage). */
    static EmfLine waitingLine(String namespace, ShardRef shard, List<KinesisRecordIn> records, BatchWatch.Waiting waiting) {
        return new EmfLine(namespace, Level.WARN, "batch_waiting")
                .field("stream", StreamIdentity.streamNameOf(shard.streamArn()))
                .field("shard", shard.shardId())
                .field("firstSequence", records.get(0).sequenceNumber())
                .field("records", records.size())
                .field("seconds", waiting.seconds())
                .field("waitingIn", waiting.in())
                .field("blockedAt", waiting.at());
    }

    private void log(String streamName, BatchOutcome outcome) {
        PhaseTimer.Millis millis = outcome.millis();
        EmfLine line = new EmfLine(pipeline.config().metricsNamespace(), "batch")
                .dimension("Stream", streamName)
                .metric("RecordsReceived", outcome.userRecords(), MetricUnit.COUNT)
                .metric("RecordsInserted", outcome.inserted(), MetricUnit.COUNT)
                .metric("DuplicatesSkipped", outcome.duplicates(), MetricUnit.COUNT)
                .metric("RecordsFailed", outcome.failed(), MetricUnit.COUNT)
                .metric("RecordsRecovered", outcome.recovered(), MetricUnit.COUNT)
                .metric("ViewFailures", outcome.viewFailure() == null ? 0 : 1, MetricUnit.COUNT)
                .metric("UnknownKeys", outcome.unmatched().unknownKeys(), MetricUnit.COUNT)
                .metric("MissingColumns", outcome.unmatched().missingColumns(), MetricUnit.COUNT)
                .metric("BatchMillis", millis.total(), MetricUnit.MILLISECONDS)
                .field("shard", outcome.shardId())
                .field("firstSequence", outcome.firstSequence())
                .field("lastSequence", outcome.lastSequence())
                .field("kinesisRecords", outcome.records())
                .field("attempts", outcome.attempts())
                .field("expired", outcome.expired())
                .field("millis", millis);
        if (outcome.viewFailure() != null) {
            line.field("viewFailure", outcome.viewFailure());
        }
        if (outcome.unmatched().unknownKeys() > 0) {
            line.field("unknownKeys", outcome.unmatched().unknownKeyNames());
        }
        if (outcome.unmatched().missingColumns() > 0) {
            line.field("missingColumns", outcome.unmatched().missingColumnNames());
        }
        line.emit();
    }

    /** Groups the event's records by stream and shard, keeping their order. */
    static Map<ShardRef, List<KinesisRecordIn>> byShard(KinesisEvent event) {
        ShardBatches batches = new ShardBatches();
        for (KinesisEvent.KinesisEventRecord record : event.getRecords()) {
            KinesisEvent.Record kinesis = record.getKinesis();
            batches.add(record.getEventSourceARN(), record.getEventID(), new KinesisRecordIn(kinesis.getSequenceNumber(),
                    kinesis.getPartitionKey(),
                    kinesis.getApproximateArrivalTimestamp() == null ? null : kinesis.getApproximateArrivalTimestamp().toInstant(),
                    bytesOf(kinesis.getData())));
        }
        return batches.byShard();
    }

    /** The record's bytes: the deserialized event's own array when the buffer spans all of it, else a copy. */
    private static byte[] bytesOf(ByteBuffer data) {
        if (data.hasArray() && data.arrayOffset() == 0 && data.position() == 0
                && data.remaining() == data.array().length) {
            return data.array();
        }
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        return copy;
    }
}
