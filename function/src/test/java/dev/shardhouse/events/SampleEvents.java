package dev.shardhouse.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.shardhouse.testing.KinesisEventJson;
import dev.shardhouse.testing.KplAggregator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * What the Kinesis sample events in {@code events/} hold: one shard of the stream {@code shardhouse-events}
 * carrying orders, as a producer would write them. Built by code so the KPL and gzip payloads are reproducible;
 * {@link SampleEventsGenerator} writes the files.
 *
 * <p>Sequence numbers ascend across the JSON files in the order of {@link #files()}, which is the replay order: each
 * file continues the shard where the previous one stopped, except the redelivery and the overlap, which repeat
 * records on purpose. The CSV batch starts the shard of its own stream.
 */
final class SampleEvents {

    static final String STREAM_NAME = "shardhouse-events";
    /** kinesis-mock, the local Kinesis, uses account 000000000000. */
    static final String STREAM_ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/" + STREAM_NAME;
    /**
     * A stream carries one record format, so the CSV records come from a stream of their own. Checkpoints are keyed
     * by stream and shard, so the CSV demo needs no checkpoint table of its own (the SAM template does not declare
     * CHECKPOINT_TABLE, so an env file could not set one anyway).
     */
    static final String CSV_STREAM_NAME = "shardhouse-events-csv";
    static final String CSV_STREAM_ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/" + CSV_STREAM_NAME;
    static final String SHARD_ID = "shardId-000000000000";

    static final String JSON_BATCH = "kinesis-json-batch.json";
    static final String JSON_BATCH_REDELIVERED = "kinesis-json-batch-redelivered.json";
    static final String JSON_OVERLAPPING = "kinesis-json-overlapping.json";
    static final String KPL_AGGREGATED = "kinesis-kpl-aggregated.json";
    static final String MALFORMED = "kinesis-malformed.json";
    static final String GZIP = "kinesis-gzip.json";
    static final String CSV_BATCH = "kinesis-csv-batch.json";

    /** Shaped like real 56-digit Kinesis sequence numbers; consecutive records of a shard differ in middle digits. */
    private static final BigInteger FIRST_SEQUENCE = new BigInteger("49656824436911378129453871352095462367091045876425277442");
    private static final BigInteger SEQUENCE_STEP = new BigInteger("2564131663402632534000926720");
    private static final Instant FIRST_ARRIVAL = Instant.parse("2025-11-25T09:14:03.412Z");
    private static final long ARRIVAL_STEP_MILLIS = 1_250;

    private static final String INVOKE_IDENTITY_ARN = "arn:aws:iam::000000000000:role/shardhouse-ingest";
    private static final KinesisEventJson EVENTS = new KinesisEventJson(STREAM_ARN, SHARD_ID, "us-east-1",
            INVOKE_IDENTITY_ARN);
    private static final KinesisEventJson CSV_EVENTS = new KinesisEventJson(CSV_STREAM_ARN, SHARD_ID, "us-east-1",
            INVOKE_IDENTITY_ARN);

    /** A row of the sample order tables. */
    record Order(long orderId, String customer, String amount, String createdAt) {

        byte[] json() {
            return JsonNodeFactory.instance.objectNode()
                    .put("order_id", orderId)
                    .put("customer", customer)
                    .put("amount", new BigDecimal(amount))
                    .put("created_at", createdAt)
                    .toString().getBytes(StandardCharsets.UTF_8);
        }

        /** A CSV line as producers send it: fields in table order, ending in a line break. */
        byte[] csv() {
            return (orderId + "," + customer + "," + amount + "," + createdAtUtc() + "\n").getBytes(StandardCharsets.UTF_8);
        }

        /** {@code created_at} as ClickHouse writes a UTC DateTime64(3): {@code 2025-11-25 09:14:02.871}. */
        String createdAtUtc() {
            return createdAt.replace('T', ' ').replace("Z", "");
        }
    }

    static final List<Order> BATCH = List.of(
            new Order(1001, "ana.silva@example.com", "42.50", "2025-11-25T09:14:02.871Z"),
            new Order(1002, "kenji.mori@example.com", "129.99", "2025-11-25T09:14:04.018Z"),
            new Order(1003, "fatima.zahra@example.com", "18.00", "2025-11-25T09:14:05.310Z"),
            new Order(1004, "lucas.meyer@example.com", "7.25", "2025-11-25T09:14:06.552Z"));
    static final List<Order> OVERLAP_NEW = List.of(
            new Order(1005, "priya.nair@example.com", "64.10", "2025-11-25T09:14:07.804Z"),
            new Order(1006, "tom.okafor@example.com", "250.00", "2025-11-25T09:14:09.047Z"));
    static final List<Order> KPL = List.of(
            new Order(1007, "ana.silva@example.com", "15.75", "2025-11-25T09:14:10.101Z"),
            new Order(1008, "mei.chen@example.com", "89.00", "2025-11-25T09:14:10.163Z"),
            new Order(1009, "jonas.berg@example.com", "3.49", "2025-11-25T09:14:10.240Z"));
    static final Order MALFORMED_GOOD = new Order(1012, "sofia.rossi@example.com", "56.30", "2025-11-25T09:14:14.622Z");
    /** A producer cut this record off mid-value. */
    static final byte[] TRUNCATED_JSON = """
            {"order_id":1010,"customer":"li.wei@example.com","amount":19.99,"created_at":"2025-11-25T09:14:""".strip()
            .getBytes(StandardCharsets.UTF_8);
    /** Valid JSON whose amount is text where the table has a Decimal. */
    static final byte[] WRONG_TYPE_JSON = """
            {"order_id":1011,"customer":"noor.haddad@example.com","amount":"twelve","created_at":"2025-11-25T09:14:13.390Z"}"""
            .strip().getBytes(StandardCharsets.UTF_8);
    static final Order GZIPPED = new Order(1013, "diego.ramos@example.com", "310.40", "2025-11-25T09:14:15.874Z");
    static final List<Order> CSV = List.of(
            new Order(2001, "hana.kim@example.com", "24.00", "2025-11-25T09:14:17.015Z"),
            new Order(2002, "omar.farouk@example.com", "71.35", "2025-11-25T09:14:18.260Z"),
            new Order(2003, "elena.popescu@example.com", "9.90", "2025-11-25T09:14:19.498Z"));

    private SampleEvents() {
    }

    /** The i-th Kinesis record of the shard (0-based). */
    static BigInteger sequenceNumber(int index) {
        return FIRST_SEQUENCE.add(SEQUENCE_STEP.multiply(BigInteger.valueOf(index)));
    }

    /** Every Kinesis sample event, file name to event, in replay order. */
    static Map<String, JsonNode> files() {
        List<KinesisEventJson.Record> batch = new ArrayList<>();
        for (int i = 0; i < BATCH.size(); i++) {
            batch.add(order(i, BATCH.get(i)));
        }
        // After a partial failure Lambda resumes at the first failed record and fills the batch up with newer ones.
        List<KinesisEventJson.Record> overlapping = new ArrayList<>(batch.subList(2, 4));
        overlapping.add(order(4, OVERLAP_NEW.get(0)));
        overlapping.add(order(5, OVERLAP_NEW.get(1)));

        Map<String, JsonNode> files = new LinkedHashMap<>();
        files.put(JSON_BATCH, EVENTS.event(batch));
        files.put(JSON_BATCH_REDELIVERED, EVENTS.event(batch));
        files.put(JSON_OVERLAPPING, EVENTS.event(overlapping));
        files.put(KPL_AGGREGATED, EVENTS.event(List.of(record(6, "ana.silva@example.com", kplAggregate()))));
        files.put(MALFORMED, EVENTS.event(List.of(
                record(7, "li.wei@example.com", TRUNCATED_JSON),
                record(8, "noor.haddad@example.com", WRONG_TYPE_JSON),
                order(9, MALFORMED_GOOD))));
        files.put(GZIP, EVENTS.event(List.of(record(10, GZIPPED.customer(), gzip(GZIPPED.json())))));
        List<KinesisEventJson.Record> csv = new ArrayList<>();
        for (int i = 0; i < CSV.size(); i++) {
            csv.add(record(i, CSV.get(i).customer(), CSV.get(i).csv()));
        }
        files.put(CSV_BATCH, CSV_EVENTS.event(csv));
        return files;
    }

    private static byte[] kplAggregate() {
        return KplAggregator.aggregate(KPL.stream()
                .map(order -> Map.entry(order.customer(), order.json()))
                .toList());
    }

    private static KinesisEventJson.Record order(int index, Order order) {
        return record(index, order.customer(), order.json());
    }

    private static KinesisEventJson.Record record(int index, String partitionKey, byte[] data) {
        return new KinesisEventJson.Record(sequenceNumber(index).toString(), partitionKey,
                FIRST_ARRIVAL.plusMillis(ARRIVAL_STEP_MILLIS * index), data);
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
