package dev.shardhouse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The event Lambda's Kinesis event source mapping hands to a function, field for field and in Lambda's order, for
 * the records of one shard: what sample event files hold and what the local mapping sends.
 */
public final class KinesisEventJson {

    /** Exact decimals: an arrival on a whole second keeps its ".000", as Lambda writes it. */
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** One Kinesis record of the event. */
    public record Record(String sequenceNumber, String partitionKey, Instant arrival, byte[] data) {
    }

    private final String streamArn;
    private final String shardId;
    private final String region;
    private final String invokeIdentityArn;

    public KinesisEventJson(String streamArn, String shardId, String region, String invokeIdentityArn) {
        this.streamArn = streamArn;
        this.shardId = shardId;
        this.region = region;
        this.invokeIdentityArn = invokeIdentityArn;
    }

    /** The whole event: {@code {"Records":[...]}}. */
    public JsonNode event(List<Record> records) {
        ObjectNode event = NODES.objectNode();
        ArrayNode array = event.putArray("Records");
        records.forEach(record -> array.add(entry(record)));
        return event;
    }

    /** One entry of {@code Records}. */
    public ObjectNode entry(Record record) {
        ObjectNode kinesis = NODES.objectNode()
                .put("kinesisSchemaVersion", "1.0")
                .put("partitionKey", record.partitionKey())
                .put("sequenceNumber", record.sequenceNumber())
                .put("data", Base64.getEncoder().encodeToString(record.data()))
                // Lambda writes epoch seconds with millisecond decimals, as a JSON number.
                .put("approximateArrivalTimestamp", BigDecimal.valueOf(record.arrival().toEpochMilli(), 3));
        ObjectNode json = NODES.objectNode();
        json.set("kinesis", kinesis);
        return json
                .put("eventSource", "aws:kinesis")
                .put("eventVersion", "1.0")
                .put("eventID", shardId + ":" + record.sequenceNumber())
                .put("eventName", "aws:kinesis:record")
                .put("invokeIdentityArn", invokeIdentityArn)
                .put("awsRegion", region)
                .put("eventSourceARN", streamArn);
    }
}
