package dev.shardhouse.handler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.shardhouse.decode.KinesisRecordIn;
import dev.shardhouse.events.EventFiles;
import dev.shardhouse.handler.ShardBatches.ShardRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class KinesisEventReaderTest {

    private static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/orders";

    @Test
    void readsEverySampleEventAsTheRuntimeDeserializesIt() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(EventFiles.directory())) {
            files = listing.filter(file -> file.getFileName().toString().startsWith("kinesis-")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no kinesis-*.json in " + EventFiles.directory());
        for (Path file : files) {
            Map<ShardRef, List<KinesisRecordIn>> read;
            KinesisEvent runtimes;
            try (InputStream in = Files.newInputStream(file)) {
                read = KinesisEventReader.read(in);
            }
            try (InputStream in = Files.newInputStream(file)) {
                runtimes = LambdaEventSerializers.serializerFor(KinesisEvent.class, getClass().getClassLoader()).fromJson(in);
            }
            Map<ShardRef, List<KinesisRecordIn>> expected = IngestHandler.byShard(runtimes);
            assertEquals(List.copyOf(expected.keySet()), List.copyOf(read.keySet()), file.toString());
            for (ShardRef shard : expected.keySet()) {
                assertSameRecords(expected.get(shard), read.get(shard), file + " " + shard);
            }
        }
    }

    @Test
    void groupsByShardInOrderReadsArrivalExactlyAndSkipsOtherFields() throws IOException {
        String event = "{\"Other\":{\"nested\":[1,{\"a\":2}]},\"Records\":["
                + record("shardId-000000000001", "11", "a", "aGVsbG8=", "1764062043.412")
                + "," + record("shardId-000000000002", "21", "b", "", "1764062043")
                + "," + record("shardId-000000000001", "12", null, "d29ybGQ=", "null")
                + "]}";

        Map<ShardRef, List<KinesisRecordIn>> read = KinesisEventReader.read(utf8(event));

        ShardRef one = new ShardRef(ARN, "shardId-000000000001");
        ShardRef two = new ShardRef(ARN, "shardId-000000000002");
        assertEquals(List.of(one, two), new ArrayList<>(read.keySet()));
        assertSameRecords(List.of(
                new KinesisRecordIn("11", "a", Instant.parse("2025-11-25T09:14:03.412Z"), bytes("hello")),
                new KinesisRecordIn("12", "", Instant.EPOCH, bytes("world"))), read.get(one), "shard 1");
        assertSameRecords(List.of(new KinesisRecordIn("21", "b", Instant.parse("2025-11-25T09:14:03Z"), new byte[0])),
                read.get(two), "shard 2");
    }

    @Test
    void namesTheRecordAndFieldThatIsMissing() {
        String event = "{\"Records\":[" + record("shardId-000000000001", "11", "a", "aGVsbG8=", "1.5")
                + ",{\"kinesis\":{\"sequenceNumber\":\"12\"},\"eventID\":\"shardId-000000000001:12\",\"eventSourceARN\":\""
                + ARN + "\"}]}";

        IOException e = assertThrows(IOException.class, () -> KinesisEventReader.read(utf8(event)));

        assertEquals("the Kinesis event has no Records[1].kinesis.data", e.getMessage());
    }

    @Test
    void anEntryThatIsNotARecordIsRefusedNotSkipped() {
        String event = "{\"Records\":[" + record("shardId-000000000001", "11", "a", "aGVsbG8=", "1.5") + ",null,"
                + record("shardId-000000000001", "12", "a", "aGVsbG8=", "1.5") + "]}";

        IOException e = assertThrows(IOException.class, () -> KinesisEventReader.read(utf8(event)));

        assertTrue(e.getMessage().startsWith("Records[1] is VALUE_NULL where a Kinesis event has START_OBJECT"),
                e.getMessage());
    }

    @Test
    void aFieldOfTheWrongShapeIsRefused() {
        String event = "{\"Records\":[" + record("shardId-000000000001", "11", "a", "aGVsbG8=", "1.5")
                .replace("\"partitionKey\":\"a\"", "\"partitionKey\":{\"nested\":\"x\"}") + "]}";

        IOException e = assertThrows(IOException.class, () -> KinesisEventReader.read(utf8(event)));

        assertTrue(e.getMessage().startsWith(
                "Records[0].kinesis.partitionKey is START_OBJECT where a Kinesis event has VALUE_STRING"), e.getMessage());
    }

    @Test
    void recordsThatAreNotAListAndAKinesisPartThatIsNotAnObjectAreRefused() {
        String notAList = "{\"Records\":" + record("shardId-000000000001", "11", "a", "aGVsbG8=", "1.5") + "}";
        String kinesisAsText = "{\"Records\":[{\"eventID\":\"shardId-000000000001:11\",\"eventSourceARN\":\"" + ARN
                + "\",\"kinesis\":\"11\"}]}";

        IOException list = assertThrows(IOException.class, () -> KinesisEventReader.read(utf8(notAList)));
        IOException kinesis = assertThrows(IOException.class, () -> KinesisEventReader.read(utf8(kinesisAsText)));

        assertTrue(list.getMessage().startsWith("Records is START_OBJECT where a Kinesis event has START_ARRAY"),
                list.getMessage());
        assertTrue(kinesis.getMessage().startsWith("Records[0].kinesis is VALUE_STRING where a Kinesis event has"
                + " START_OBJECT"), kinesis.getMessage());
    }

    @Test
    void aNullWhereLambdaSendsTextIsAMissingField() {
        String nullSequence = "{\"Records\":[" + record("shardId-000000000001", "11", "a", "aGVsbG8=", "1.5")
                .replace("\"sequenceNumber\":\"11\"", "\"sequenceNumber\":null") + "]}";
        String nullEventId = "{\"Records\":[" + record("shardId-000000000001", "11", "a", "aGVsbG8=", "1.5")
                .replace("\"eventID\":\"shardId-000000000001:11\"", "\"eventID\":null") + "]}";

        assertEquals("the Kinesis event has no Records[0].kinesis.sequenceNumber",
                assertThrows(IOException.class, () -> KinesisEventReader.read(utf8(nullSequence))).getMessage());
        assertEquals("the Kinesis event has no Records[0].eventID",
                assertThrows(IOException.class, () -> KinesisEventReader.read(utf8(nullEventId))).getMessage());
    }

    @Test
    void refusesADocumentThatIsNotAnEvent() {
        IOException e = assertThrows(IOException.class, () -> KinesisEventReader.read(utf8("[{\"Records\":[]}]")));

        assertEquals("the event document is START_ARRAY where a Kinesis event has START_OBJECT (at line: 1, column: 2)",
                e.getMessage());
    }

    private static String record(String shard, String sequence, String partitionKey, String data, String arrival) {
        return "{\"kinesis\":{\"kinesisSchemaVersion\":\"1.0\",\"partitionKey\":"
                + (partitionKey == null ? "null" : "\"" + partitionKey + "\"") + ",\"sequenceNumber\":\"" + sequence
                + "\",\"data\":\"" + data + "\",\"approximateArrivalTimestamp\":" + arrival + "},"
                + "\"eventSource\":\"aws:kinesis\",\"eventID\":\"" + shard + ":" + sequence + "\","
                + "\"eventSourceARN\":\"" + ARN + "\"}";
    }

    static void assertSameRecords(List<KinesisRecordIn> expected, List<KinesisRecordIn> actual, String where) {
        assertEquals(expected.size(), actual.size(), where);
        for (int i = 0; i < expected.size(); i++) {
            KinesisRecordIn want = expected.get(i);
            KinesisRecordIn got = actual.get(i);
            String at = where + ", record " + i;
            assertEquals(want.sequenceNumber(), got.sequenceNumber(), at);
            assertEquals(want.partitionKey(), got.partitionKey(), at);
            assertEquals(want.approximateArrival(), got.approximateArrival(), at);
            assertArrayEquals(want.data(), got.data(), at);
        }
    }

    private static InputStream utf8(String text) {
        return new ByteArrayInputStream(bytes(text));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
