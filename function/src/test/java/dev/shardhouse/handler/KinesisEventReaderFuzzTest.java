package dev.shardhouse.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.shardhouse.decode.KinesisRecordIn;
import dev.shardhouse.handler.ShardBatches.ShardRef;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Lambda event reader against any document, and against the runtime's own deserializer for every event Lambda
 * can send. Regression mode replays the corpus in {@code KinesisEventReaderFuzzTestInputs/}; bin/fuzz fuzzes.
 */
class KinesisEventReaderFuzzTest {

    private static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/orders";
    private static final JsonFactory JSON = new JsonFactory();
    /** Built once: building it takes seconds, longer than a fuzzer lets one input run. */
    private static final PojoSerializer<KinesisEvent> RUNTIME =
            LambdaEventSerializers.serializerFor(KinesisEvent.class, KinesisEventReaderFuzzTest.class.getClassLoader());
    /** 2100-01-01: arrival times Lambda can write, as epoch milliseconds. */
    private static final long LAST_ARRIVAL_MILLIS = 4_102_444_800_000L;

    static {
        // Loads (and when fuzzing, instruments) the reader and Jackson before the first input, whose run time the
        // fuzzer limits: on a loaded machine that took over 30 s, reported as a timeout of the empty input.
        try {
            KinesisEventReader.read(new ByteArrayInputStream(lambdaEvent(List.of("shardId-000000000000"),
                    List.of(new KinesisRecordIn("1", "k", Instant.EPOCH, new byte[1])))));
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Any bytes: a map of batches, or a refusal naming what is wrong, never another exception. */
    @FuzzTest
    void anyDocumentIsReadOrRefusedWithAReason(byte[] document) {
        try {
            KinesisEventReader.read(new ByteArrayInputStream(document));
        } catch (IOException | IllegalArgumentException refused) {
            assertFalse(String.valueOf(refused.getMessage()).isBlank(), "a refusal without a reason");
        }
    }

    /**
     * An event as Lambda writes it, from fuzzed records: read into the records it was built from, exactly as the
     * runtime's deserializer reads it.
     */
    @FuzzTest
    void everyLambdaEventReadsAsTheRuntimeReadsIt(FuzzedDataProvider fuzz) throws IOException {
        List<String> shards = new ArrayList<>();
        List<KinesisRecordIn> records = new ArrayList<>();
        int count = fuzz.consumeInt(0, 5);
        for (int i = 0; i < count; i++) {
            shards.add("shardId-00000000000" + fuzz.consumeInt(0, 2));
            records.add(new KinesisRecordIn(Long.toString(fuzz.consumeLong(0, Long.MAX_VALUE)),
                    fuzz.consumeString(40), Instant.ofEpochMilli(fuzz.consumeLong(0, LAST_ARRIVAL_MILLIS)),
                    fuzz.consumeBytes(fuzz.consumeInt(0, 300))));
        }
        byte[] event = lambdaEvent(shards, records);

        Map<ShardRef, List<KinesisRecordIn>> read = KinesisEventReader.read(new ByteArrayInputStream(event));
        KinesisEvent runtimes = RUNTIME.fromJson(new ByteArrayInputStream(event));

        Map<ShardRef, List<KinesisRecordIn>> built = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            built.computeIfAbsent(new ShardRef(ARN, shards.get(i)), any -> new ArrayList<>()).add(records.get(i));
        }
        assertSameBatches(built, read, "built vs read");
        assertSameBatches(withArrivalsAsRead(IngestHandler.byShard(runtimes), read), read, "runtime vs read");
    }

    /**
     * The runtime's records with the reader's arrival times wherever the runtime's are those times read through a
     * double: it multiplies the seconds' double by 1,000 and truncates, which can fall a millisecond short (found by
     * bin/fuzz: 274061220.761 s read as .760). The reader reads the decimals exactly ("built vs read" above), so
     * only that difference is forgiven.
     */
    private static Map<ShardRef, List<KinesisRecordIn>> withArrivalsAsRead(Map<ShardRef, List<KinesisRecordIn>> runtime,
            Map<ShardRef, List<KinesisRecordIn>> read) {
        Map<ShardRef, List<KinesisRecordIn>> forgiven = new LinkedHashMap<>();
        runtime.forEach((shard, records) -> {
            List<KinesisRecordIn> exact = read.getOrDefault(shard, List.of());
            List<KinesisRecordIn> kept = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                KinesisRecordIn record = records.get(i);
                boolean throughADouble = i < exact.size() && record.approximateArrival()
                        .equals(throughADouble(exact.get(i).approximateArrival()));
                kept.add(throughADouble ? new KinesisRecordIn(record.sequenceNumber(), record.partitionKey(),
                        exact.get(i).approximateArrival(), record.data()) : record);
            }
            forgiven.put(shard, kept);
        });
        return forgiven;
    }

    /** An arrival as the runtime reads the seconds Lambda writes: a double, times 1,000, truncated. */
    private static Instant throughADouble(Instant arrival) {
        double seconds = Double.parseDouble(arrival.getEpochSecond() + "."
                + String.format("%03d", arrival.getNano() / 1_000_000));
        return Instant.ofEpochMilli((long) (seconds * 1000));
    }

    private static void assertSameBatches(Map<ShardRef, List<KinesisRecordIn>> expected,
            Map<ShardRef, List<KinesisRecordIn>> actual, String which) {
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()), which);
        for (ShardRef shard : expected.keySet()) {
            KinesisEventReaderTest.assertSameRecords(expected.get(shard), actual.get(shard), which + ", " + shard);
        }
    }

    /** The event document of the event source mapping: base64 data, arrival in seconds with millisecond decimals. */
    private static byte[] lambdaEvent(List<String> shards, List<KinesisRecordIn> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("Records");
            for (int i = 0; i < records.size(); i++) {
                KinesisRecordIn record = records.get(i);
                long millis = record.approximateArrival().toEpochMilli();
                json.writeStartObject();
                json.writeObjectFieldStart("kinesis");
                json.writeStringField("kinesisSchemaVersion", "1.0");
                json.writeStringField("partitionKey", record.partitionKey());
                json.writeStringField("sequenceNumber", record.sequenceNumber());
                json.writeFieldName("data");
                json.writeBinary(record.data());
                json.writeFieldName("approximateArrivalTimestamp");
                json.writeNumber(millis / 1000 + "." + String.format("%03d", millis % 1000));
                json.writeEndObject();
                json.writeStringField("eventSource", "aws:kinesis");
                json.writeStringField("eventID", shards.get(i) + ":" + record.sequenceNumber());
                json.writeStringField("eventSourceARN", ARN);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
