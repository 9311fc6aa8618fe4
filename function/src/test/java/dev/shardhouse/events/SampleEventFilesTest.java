package dev.shardhouse.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shardhouse.config.Setting;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The committed files in {@code events/} are what the generator writes, and agree with what the functions read. */
class SampleEventFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HAND_WRITTEN = Set.of("scheduled-tracker.json", "env.json", "env-csv.json",
            "schema.sql", "README.md");
    private static final Set<String> ENV_FILES = Set.of("env.json", "env-csv.json");

    @Test
    void committedKinesisEventsAreWhatTheGeneratorWrites() {
        for (Map.Entry<String, JsonNode> file : SampleEvents.files().entrySet()) {
            String committed = EventFiles.read(file.getKey());
            String generated = SampleEventsGenerator.render(file.getValue());
            // The deflate stream depends on the zlib the JDK uses, so gzip payloads are compared inflated.
            JsonNode expected = withGzipInflated(generated).get("Records");
            JsonNode actual = withGzipInflated(committed).get("Records");
            String stale = " differs from the generator's output; regenerate it (see SampleEventsGenerator)";
            assertEquals(expected.size(), actual.size(), file.getKey() + stale);
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i), actual.get(i), file.getKey() + ", record " + i + stale);
            }
        }
    }

    @Test
    void theDirectoryHoldsExactlyTheGeneratedAndHandWrittenFiles() throws IOException {
        Set<String> expected = new TreeSet<>(HAND_WRITTEN);
        expected.addAll(SampleEvents.files().keySet());
        try (Stream<Path> files = Files.list(EventFiles.directory())) {
            assertEquals(expected, new TreeSet<>(files.map(path -> path.getFileName().toString()).toList()));
        }
    }

    @Test
    void theReadmeDescribesEveryFile() {
        String readme = EventFiles.read("README.md");
        Set<String> described = new TreeSet<>(HAND_WRITTEN);
        described.remove("README.md");
        described.addAll(SampleEvents.files().keySet());
        for (String file : described) {
            assertTrue(readme.contains("`" + file + "`"), "events/README.md does not describe " + file);
        }
    }

    @Test
    void kinesisRecordsCarryRealisticSequenceNumbersAscendingWithinEachFile() {
        for (Map.Entry<String, JsonNode> file : SampleEvents.files().entrySet()) {
            BigInteger previous = BigInteger.valueOf(-1);
            for (JsonNode record : file.getValue().get("Records")) {
                String sequenceNumber = record.get("kinesis").get("sequenceNumber").asText();
                assertTrue(sequenceNumber.matches("[1-9][0-9]{55}"), file.getKey() + ": " + sequenceNumber);
                assertEquals(SampleEvents.SHARD_ID + ":" + sequenceNumber, record.get("eventID").asText());
                BigInteger current = new BigInteger(sequenceNumber);
                assertTrue(current.compareTo(previous) > 0, file.getKey() + ": not ascending at " + sequenceNumber);
                previous = current;
            }
        }
    }

    @Test
    void lambdasSerializerReadsEveryKinesisEventAsGenerated() throws IOException {
        PojoSerializer<KinesisEvent> serializer = LambdaEventSerializers.serializerFor(KinesisEvent.class,
                getClass().getClassLoader());
        for (Map.Entry<String, JsonNode> file : SampleEvents.files().entrySet()) {
            List<KinesisEvent.KinesisEventRecord> records;
            try (InputStream in = Files.newInputStream(EventFiles.path(file.getKey()))) {
                records = serializer.fromJson(in).getRecords();
            }
            JsonNode generated = file.getValue().get("Records");
            assertEquals(generated.size(), records.size(), file.getKey());
            for (int i = 0; i < records.size(); i++) {
                JsonNode expected = generated.get(i).get("kinesis");
                KinesisEvent.Record actual = records.get(i).getKinesis();
                String where = file.getKey() + ", record " + i;
                assertEquals(expected.get("sequenceNumber").asText(), actual.getSequenceNumber(), where);
                assertEquals(expected.get("partitionKey").asText(), actual.getPartitionKey(), where);
                assertArrayEquals(Base64.getDecoder().decode(expected.get("data").asText()), bytes(actual.getData()), where);
                assertEquals(expected.get("approximateArrivalTimestamp").decimalValue().movePointRight(3).longValueExact(),
                        actual.getApproximateArrivalTimestamp().getTime(), where);
                assertEquals(generated.get(i).get("eventSourceARN").asText(), records.get(i).getEventSourceARN(), where);
            }
        }
    }

    @Test
    void lambdasSerializerReadsTheScheduledEvent() throws IOException {
        ScheduledEvent event;
        try (InputStream in = Files.newInputStream(EventFiles.path("scheduled-tracker.json"))) {
            event = LambdaEventSerializers.serializerFor(ScheduledEvent.class, getClass().getClassLoader()).fromJson(in);
        }
        assertEquals("Scheduled Event", event.getDetailType());
        assertEquals("aws.events", event.getSource());
        assertEquals(Instant.parse("2025-11-25T09:15:00Z").toEpochMilli(), event.getTime().getMillis());
        assertEquals(List.of("arn:aws:events:us-east-1:000000000000:rule/shardhouse-tracker-schedule"),
                event.getResources());
    }

    @Test
    void envFilesSetOnlySettingsTheirFunctionReads() throws IOException {
        Set<String> all = new TreeSet<>(Setting.namesReadByIngest());
        all.addAll(Setting.namesReadByTracker());
        Map<String, Set<String>> readBy = Map.of(
                "Parameters", all,
                "IngestFunction", Setting.namesReadByIngest(),
                "TrackerFunction", Setting.namesReadByTracker());
        for (String envFile : ENV_FILES) {
            JsonNode env = JSON.readTree(EventFiles.read(envFile));
            for (Map.Entry<String, JsonNode> function : env.properties()) {
                Set<String> allowed = readBy.get(function.getKey());
                assertTrue(allowed != null, envFile + ": unknown function " + function.getKey());
                for (Map.Entry<String, JsonNode> setting : function.getValue().properties()) {
                    String name = setting.getKey();
                    assertTrue(allowed.contains(name),
                            envFile + ": " + function.getKey() + " sets " + name + ", which it does not read");
                }
            }
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static JsonNode withGzipInflated(String eventJson) {
        try {
            JsonNode event = JSON.readTree(eventJson);
            for (JsonNode record : event.get("Records")) {
                ObjectNode kinesis = (ObjectNode) record.get("kinesis");
                byte[] data = Base64.getDecoder().decode(kinesis.get("data").asText());
                if (data.length > 1 && data[0] == (byte) 0x1F && data[1] == (byte) 0x8B) {
                    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
                        kinesis.put("data", "inflated:" + Base64.getEncoder().encodeToString(in.readAllBytes()));
                    }
                }
            }
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
