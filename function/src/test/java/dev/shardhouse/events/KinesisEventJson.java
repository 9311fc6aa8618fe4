package dev.shardhouse.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Writes the event Lambda's Kinesis event source mapping hands to a function, field for field, so a file replayed
 * with {@code sam local invoke} is what the function receives in AWS.
 */
final class KinesisEventJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One Kinesis record of the event. */
    record Record(BigInteger sequenceNumber, String partitionKey, Instant arrival, byte[] data) {
    }

    private final String streamArn;
    private final String shardId;
    private final String region;
    private final String invokeIdentityArn;

    KinesisEventJson(String streamArn, String shardId, String region, String invokeIdentityArn) {
        this.streamArn = streamArn;
        this.shardId = shardId;
        this.region = region;
        this.invokeIdentityArn = invokeIdentityArn;
    }

    JsonNode event(List<Record> records) {
        ObjectNode event = NODES.objectNode();
        ArrayNode array = event.putArray("Records");
        records.forEach(record -> array.add(record(record)));
        return event;
    }

    private ObjectNode record(Record record) {
        String sequenceNumber = record.sequenceNumber().toString();
        ObjectNode kinesis = NODES.objectNode()
                .put("kinesisSchemaVersion", "1.0")
                .put("partitionKey", record.partitionKey())
                .put("sequenceNumber", sequenceNumber)
                .put("data", Base64.getEncoder().encodeToString(record.data()))
                // Lambda writes epoch seconds with millisecond decimals, as a JSON number.
                .put("approximateArrivalTimestamp", BigDecimal.valueOf(record.arrival().toEpochMilli(), 3));
        ObjectNode json = NODES.objectNode();
        json.set("kinesis", kinesis);
        return json
                .put("eventSource", "aws:kinesis")
                .put("eventVersion", "1.0")
                .put("eventID", shardId + ":" + sequenceNumber)
                .put("eventName", "aws:kinesis:record")
                .put("invokeIdentityArn", invokeIdentityArn)
                .put("awsRegion", region)
                .put("eventSourceARN", streamArn);
    }
}
