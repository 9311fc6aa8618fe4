package dev.shardhouse.events;

import static dev.shardhouse.events.SampleEvents.SHARD_ID;
import static dev.shardhouse.events.SampleEvents.sequenceNumber;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shardhouse.config.Environment;
import dev.shardhouse.config.IngestConfig;
import dev.shardhouse.config.Setting;
import dev.shardhouse.handler.IngestHandler;
import dev.shardhouse.handler.IngestPipeline;
import dev.shardhouse.source.KinesisStreams;
import dev.shardhouse.testing.LocalServices;
import dev.shardhouse.tracker.TrackerConfig;
import dev.shardhouse.tracker.TrackerReport;
import dev.shardhouse.tracker.TrackerHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;

/**
 * Replays the files in {@code events/} through the handlers, as {@code sam local invoke} would, against the local
 * ClickHouse and Kinesis, and checks each outcome {@code events/README.md} promises. The tables come from
 * {@code events/schema.sql} and the settings from {@code events/env.json} / {@code env-csv.json}, with only the
 * ClickHouse URL, database and checkpoint table replaced, so the files users run are the files tested.
 */
class EventsReplayIT {

    private static final String DATABASE = "events_it";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PojoSerializer<KinesisEvent> KINESIS_EVENTS =
            LambdaEventSerializers.serializerFor(KinesisEvent.class, EventsReplayIT.class.getClassLoader());

    private static Client clickHouse;

    @BeforeAll
    static void streamAndTables() {
        createStreamIfAbsent(SampleEvents.STREAM_NAME);
        createStreamIfAbsent(SampleEvents.CSV_STREAM_NAME);
        try (Client server = LocalServices.clickHouse("default")) {
            // A fresh database each run: the stream outlives runs, and old checkpoints would skip every record.
            execute(server, "DROP DATABASE IF EXISTS " + DATABASE + " SYNC");
            execute(server, "CREATE DATABASE " + DATABASE);
        }
        clickHouse = LocalServices.clickHouse(DATABASE);
        for (String statement : EventFiles.read("schema.sql").split(";")) {
            if (statement.contains("CREATE")) {
                execute(clickHouse, statement);
            }
        }
    }

    @AfterAll
    static void closeClient() {
        clickHouse.close();
    }

    @Test
    void jsonEventsLandExactlyOnceWithBadRecordsInTheErrorTable() {
        IngestHandler handler = ingestHandler("env.json", "checkpoints_json");

        replay(handler, SampleEvents.JSON_BATCH);
        List<String> expected = new ArrayList<>();
        IntStream.range(0, 4).forEach(i -> expected.add(row(SampleEvents.BATCH.get(i), i, 0)));
        assertEquals(expected, rows("orders"), "after " + SampleEvents.JSON_BATCH);

        replay(handler, SampleEvents.JSON_BATCH_REDELIVERED);
        assertEquals(expected, rows("orders"), "after " + SampleEvents.JSON_BATCH_REDELIVERED);

        replay(handler, SampleEvents.JSON_OVERLAPPING);
        expected.add(row(SampleEvents.OVERLAP_NEW.get(0), 4, 0));
        expected.add(row(SampleEvents.OVERLAP_NEW.get(1), 5, 0));
        assertEquals(expected, rows("orders"), "after " + SampleEvents.JSON_OVERLAPPING);

        replay(handler, SampleEvents.KPL_AGGREGATED);
        IntStream.range(0, 3).forEach(sub -> expected.add(row(SampleEvents.KPL.get(sub), 6, sub)));
        assertEquals(expected, rows("orders"), "after " + SampleEvents.KPL_AGGREGATED);

        replay(handler, SampleEvents.MALFORMED);
        expected.add(row(SampleEvents.MALFORMED_GOOD, 9, 0));
        assertEquals(expected, rows("orders"), "after " + SampleEvents.MALFORMED);
        assertEquals(List.of(
                errorRow(7, "li.wei@example.com", SampleEvents.TRUNCATED_JSON,
                        "not valid JSON: Unexpected end-of-input in VALUE_STRING (line 1, column 96)"),
                errorRow(8, "noor.haddad@example.com", SampleEvents.WRONG_TYPE_JSON,
                        "column `amount` (Decimal(12, 2)): expected a decimal number for Decimal(12, 2), got 'twelve'")),
                errorRows("orders_shardhouse_errors"));

        replay(handler, SampleEvents.GZIP);
        expected.add(row(SampleEvents.GZIPPED, 10, 0));
        assertEquals(expected, rows("orders"), "after " + SampleEvents.GZIP);
        assertEquals(2, errorRows("orders_shardhouse_errors").size(), "no new error rows after " + SampleEvents.GZIP);
    }

    @Test
    void csvEventLandsInTheCsvTable() {
        IngestHandler handler = ingestHandler("env-csv.json", "checkpoints_csv");

        replay(handler, SampleEvents.CSV_BATCH);

        List<String> expected = new ArrayList<>();
        IntStream.range(0, 3).forEach(i -> expected.add(row(SampleEvents.CSV.get(i), i, 0)));
        assertEquals(expected, rows("orders_csv"));
    }

    @Test
    void trackerRecordsTheStreamsShard() throws IOException {
        TrackerConfig config = TrackerConfig.from(
                new Environment(environment("env.json", "TrackerFunction", "checkpoints_tracker")), arn -> "");
        ScheduledEvent event;
        try (InputStream json = Files.newInputStream(EventFiles.path("scheduled-tracker.json"))) {
            event = LambdaEventSerializers.serializerFor(ScheduledEvent.class, EventsReplayIT.class.getClassLoader())
                    .fromJson(json);
        }
        TrackerReport report;
        try (KinesisClient kinesis = LocalServices.kinesis()) {
            report = new TrackerHandler(config, kinesis, Clock.systemUTC()).handleRequest(event, null);
        }

        assertAll(
                () -> assertEquals(SampleEvents.STREAM_ARN, report.streamArn()),
                () -> assertEquals("ACTIVE", report.streamStatus()),
                () -> assertEquals(1, report.openShards(), "open shards"),
                () -> assertEquals(0, report.closedShards(), "closed shards"),
                () -> assertEquals(1, report.lineageRowsWritten(), "lineage rows written"),
                () -> assertEquals(List.of(), report.reshardEvents()),
                () -> assertEquals(0, report.checkpointsRetired(), "checkpoints retired"),
                () -> assertEquals(List.of(), report.stalledShards()));
        assertEquals(List.of(String.join("\t", SampleEvents.STREAM_ARN, SHARD_ID, "", "false", "true")),
                query("SELECT stream_arn, shard_id, parent_shard_id, closed, listed FROM " + config.lineageTable()
                        + " FINAL ORDER BY shard_id"));
    }

    /** Invokes the handler with the file as Lambda's runtime would deserialize it; every record must succeed. */
    private static void replay(IngestHandler handler, String file) {
        KinesisEvent event;
        try (InputStream in = Files.newInputStream(EventFiles.path(file))) {
            event = KINESIS_EVENTS.fromJson(in);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
        StreamsEventResponse response = handler.handleRequest(event, null);
        assertTrue(response.getBatchItemFailures().isEmpty(),
                file + ": records reported as failed: " + response.getBatchItemFailures());
    }

    /** A handler configured by an env file of {@code events/}, pointed at this test's database. */
    private static IngestHandler ingestHandler(String envFile, String checkpointTable) {
        IngestConfig config = IngestConfig.from(new Environment(environment(envFile, "IngestFunction", checkpointTable)),
                secretArn -> {
                    throw new AssertionError("the env files hold no secret, yet " + secretArn + " was asked for");
                });
        return new IngestHandler(IngestPipeline.create(config, new KinesisStreams(LocalServices.kinesis())));
    }

    /**
     * What {@code sam local invoke --env-vars <envFile>} gives {@code function} (its own entries over
     * {@code Parameters}), with the ClickHouse URL, database and checkpoint table replaced by this test's.
     */
    private static Map<String, String> environment(String envFile, String function, String checkpointTable) {
        Map<String, String> environment = new LinkedHashMap<>();
        JsonNode env = readJson(envFile);
        for (String section : List.of("Parameters", function)) {
            env.get(section).properties().forEach(setting -> environment.put(setting.getKey(), setting.getValue().asText()));
        }
        environment.put(Setting.CLICKHOUSE_URL.name(), LocalServices.clickHouseUrl());
        environment.put(Setting.CLICKHOUSE_DATABASE.name(), DATABASE);
        environment.put(Setting.CHECKPOINT_TABLE.name(), checkpointTable);
        return environment;
    }

    /** An orders row as the test's query shows it; {@code index} is the Kinesis record's place in the shard. */
    private static String row(SampleEvents.Order order, int index, int subSequence) {
        return String.join("\t", Long.toString(order.orderId()), order.customer(), order.amount(), order.createdAtUtc(),
                SHARD_ID, sequenceNumber(index).toString(), Integer.toString(subSequence));
    }

    private static List<String> rows(String table) {
        return query("SELECT order_id, customer, toDecimalString(amount, 2), toString(created_at), _shard_id,"
                + " _sequence_number, _sub_sequence_number FROM " + table + " ORDER BY order_id");
    }

    private static String errorRow(int index, String partitionKey, byte[] data, String reason) {
        return String.join("\t", SampleEvents.STREAM_NAME, SHARD_ID, sequenceNumber(index).toString(), "0", partitionKey,
                HexFormat.of().withUpperCase().formatHex(data), reason);
    }

    private static List<String> errorRows(String table) {
        return query("SELECT stream, shard_id, sequence_number, sub_sequence_number, partition_key, hex(raw_data), reason"
                + " FROM " + table + " ORDER BY sequence_number, sub_sequence_number");
    }

    private static List<String> query(String sql) {
        List<String> rows = new ArrayList<>();
        for (GenericRecord record : clickHouse.queryAll(sql)) {
            List<String> values = new ArrayList<>();
            for (int column = 1; column <= record.getSchema().getColumns().size(); column++) {
                values.add(record.getString(column));
            }
            rows.add(String.join("\t", values));
        }
        return rows;
    }

    private static void createStreamIfAbsent(String name) {
        try (KinesisClient kinesis = LocalServices.kinesis()) {
            try {
                kinesis.createStream(request -> request.streamName(name).shardCount(1));
            } catch (ResourceInUseException alreadyThere) {
                // Created by an earlier run: its shard shardId-000000000000 is the one the events name.
            }
            kinesis.waiter().waitUntilStreamExists(request -> request.streamName(name));
        }
    }

    private static void execute(Client client, String sql) {
        try {
            client.execute(sql).get().close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(sql, e);
        } catch (ExecutionException e) {
            throw new AssertionError(sql, e.getCause());
        } catch (Exception e) {
            throw new AssertionError(sql, e);
        }
    }

    private static JsonNode readJson(String file) {
        try {
            return JSON.readTree(EventFiles.read(file));
        } catch (IOException e) {
            throw new AssertionError("cannot parse " + file, e);
        }
    }
}
