package dev.shardhouse.local.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventPayloadTest {

    private static final String SEQUENCE = "49590338271490256608559692538361571095921575989136588898";
    private static final BufferedRecord RECORD = BufferedRecord.of(TestRecords.SOURCE, TestRecords.SHARD,
            TestRecords.record(SEQUENCE, "user-7", "Hello, this is a test.", Instant.ofEpochMilli(1545084650987L)));

    @Test
    void anEventHasLambdasShapeFieldForField() {
        String event = new String(EventPayload.event(List.of(RECORD, RECORD)), StandardCharsets.UTF_8);

        String entry = "{\"kinesis\":{\"kinesisSchemaVersion\":\"1.0\",\"partitionKey\":\"user-7\","
                + "\"sequenceNumber\":\"" + SEQUENCE + "\",\"data\":\"SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==\","
                + "\"approximateArrivalTimestamp\":1545084650.987},"
                + "\"eventSource\":\"aws:kinesis\",\"eventVersion\":\"1.0\","
                + "\"eventID\":\"shardId-000000000003:" + SEQUENCE + "\",\"eventName\":\"aws:kinesis:record\","
                + "\"invokeIdentityArn\":\"arn:aws:iam::000000000000:role/shardhouse-local-event-source-mapping\","
                + "\"awsRegion\":\"us-east-1\","
                + "\"eventSourceARN\":\"arn:aws:kinesis:us-east-1:000000000000:stream/local-unit\"}";
        assertEquals("{\"Records\":[" + entry + "," + entry + "]}", event);
    }

    @Test
    void lambdasOwnDeserializerReadsBackEveryValue() {
        KinesisEvent event = LambdaEventSerializers.serializerFor(KinesisEvent.class, getClass().getClassLoader())
                .fromJson(new String(EventPayload.event(List.of(RECORD)), StandardCharsets.UTF_8));

        KinesisEvent.KinesisEventRecord record = event.getRecords().get(0);
        assertEquals(SEQUENCE, record.getKinesis().getSequenceNumber());
        assertEquals("user-7", record.getKinesis().getPartitionKey());
        assertArrayEquals("Hello, this is a test.".getBytes(StandardCharsets.UTF_8), record.getKinesis().getData().array());
        assertEquals(1545084650987L, record.getKinesis().getApproximateArrivalTimestamp().getTime());
        assertEquals("shardId-000000000003:" + SEQUENCE, record.getEventID());
        assertEquals("arn:aws:kinesis:us-east-1:000000000000:stream/local-unit", record.getEventSourceARN());
    }

    @Test
    void theAnnouncedPayloadSizeIsTheEventsSize() {
        List<BufferedRecord> batch = TestRecords.batch(1, 3);

        assertEquals(EventPayload.event(batch).length, EventPayload.payloadSize(batch));
        assertEquals(EventPayload.event(List.of()).length, EventPayload.emptyEventSize());
    }

    @Test
    void anArrivalOnAWholeSecondKeepsItsMilliseconds() {
        BufferedRecord onTheSecond = BufferedRecord.of(TestRecords.SOURCE, TestRecords.SHARD,
                TestRecords.record("1", "k", "x", Instant.ofEpochSecond(1545084650)));

        String entry = new String(onTheSecond.eventEntry(), StandardCharsets.UTF_8);

        assertEquals(true, entry.contains("\"approximateArrivalTimestamp\":1545084650.000}"), entry);
    }
}
