package dev.shardhouse.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.shardhouse.config.ConfigException;
import dev.shardhouse.testing.KinesisEventJson;
import dev.shardhouse.testing.KinesisEvents;
import dev.shardhouse.testing.LocalServices;
import dev.shardhouse.testing.StdoutCapture;
import dev.shardhouse.testing.TestStreams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * The handler as Lambda's runtime drives it: built from the environment alone (its Kinesis client from the SDK's
 * default settings), called through the stream overload, logging one line per batch.
 */
class IngestHandlerIT {

    /** The SDK's default settings, pointed at the local Kinesis, as the function's environment does in AWS. */
    private static final Map<String, String> SDK_DEFAULTS = Map.of("aws.region", "us-east-1",
            "aws.accessKeyId", "local", "aws.secretAccessKey", "local",
            "aws.endpointUrlKinesis", LocalServices.kinesisEndpoint());

    private static IngestFixture fixture;
    private static String streamArn;
    private static String shardId;
    private static List<Record> records;

    @BeforeAll
    static void putRecords() {
        fixture = new IngestFixture("it_ingest_handler");
        SDK_DEFAULTS.forEach(System::setProperty);
        TestStreams streams = new TestStreams(fixture.kinesis);
        streamArn = streams.create("it-ingest-handler", 2);
        shardId = streams.shards(streamArn).get(0).shardId();
        streams.put(streamArn, IntStream.range(0, 40)
                .mapToObj(i -> ("{\"id\":" + i + "}").getBytes(StandardCharsets.UTF_8)).toList(), i -> "pk-" + i);
        records = streams.readAll(streamArn, shardId);
    }

    @AfterAll
    static void clearSdkDefaults() {
        SDK_DEFAULTS.keySet().forEach(System::clearProperty);
    }

    private static String createTable(int deduplicationWindow) {
        String table = IngestFixture.uniqueName("t");
        fixture.execute("CREATE TABLE DB." + table + " (id UInt64) ENGINE = MergeTree ORDER BY id"
                + " SETTINGS non_replicated_deduplication_window = " + deduplicationWindow);
        return table;
    }

    private static Map<String, String> env(String table) {
        Map<String, String> env = fixture.env(table, IngestFixture.uniqueName("cp"));
        env.put("STREAM_ARN", streamArn);
        return env;
    }

    @Test
    void theStreamOverloadInsertsTheBatchAnswersNoFailuresAndLogsIt() {
        String table = createTable(1000);
        IngestHandler handler = new IngestHandler(env(table));
        byte[] event = new KinesisEventJson(streamArn, shardId, "us-east-1", "arn:aws:iam::000000000000:role/f")
                .event(records.stream().map(record -> new KinesisEventJson.Record(record.sequenceNumber(),
                        record.partitionKey(), record.approximateArrivalTimestamp(), record.data().asByteArray()))
                        .toList())
                .toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream response = new ByteArrayOutputStream();

        List<String> log = StdoutCapture.during(() -> {
            try {
                handler.handleRequest(new ByteArrayInputStream(event), response, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        assertEquals("{\"batchItemFailures\":[]}", response.toString(StandardCharsets.UTF_8));
        assertEquals(records.size(), fixture.count("SELECT count() FROM DB." + table));
        String line = String.join("\n", log);
        assertTrue(line.contains("\"event\":\"batch\"") && line.contains("\"RecordsInserted\":" + records.size())
                && line.contains("\"ViewFailures\":0") && !line.contains("\"viewFailure\""), line);
    }

    @Test
    void theEventOverloadAnswersAnEmptyListOfFailures() {
        IngestHandler handler = fixture.handler(fixture.env(createTable(1000), IngestFixture.uniqueName("cp")));

        StreamsEventResponse response = handler.handleRequest(KinesisEvents.of(streamArn, shardId, records), null);

        assertEquals(List.of(), response.getBatchItemFailures());
    }

    @Test
    void aBatchThatFailsIsLoggedAndFailsTheInvocation() {
        IngestHandler handler = fixture.handler(fixture.env(createTable(1000), IngestFixture.uniqueName("cp")));
        String missing = streamArn + "-deleted";

        List<String> log = StdoutCapture.during(() -> assertThrows(BatchFailedException.class,
                () -> handler.handleRequest(KinesisEvents.of(missing, shardId, records), null)));

        assertTrue(String.join("\n", log).contains("\"event\":\"batch_failed\""), String.join("\n", log));
    }

    @Test
    void theStreamIsDescribedForTheDeduplicationCheck() {
        // Enough for one shard, not for the stream's two: only a described stream shows the difference.
        String table = createTable(150);

        ConfigException error = assertThrows(ConfigException.class, () -> new IngestHandler(env(table)));

        assertTrue(error.getMessage().contains("non_replicated_deduplication_window"), error.getMessage());
    }

    @Test
    void aStreamThatDoesNotExistFailsTheInit() {
        Map<String, String> env = env(createTable(1000));
        env.put("STREAM_ARN", streamArn + "-missing");

        ConfigException error = assertThrows(ConfigException.class, () -> new IngestHandler(env));

        assertEquals("STREAM_ARN", error.setting());
    }
}
