package dev.shardhouse.local;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Lambda's Kinesis event document, byte for byte the shape Lambda sends: {@code {"Records":[...]}} where each entry
 * holds the record under {@code kinesis} (data in base64, arrival time in epoch seconds with milliseconds as a
 * decimal number) and names the shard in {@code eventID = "<shardId>:<sequenceNumber>"}.
 *
 * <p>Each record's entry is encoded once, when it is read, so a batch's exact payload size is known before it is
 * sent (Lambda caps an invocation at 6 MB) and redeliveries reuse the same bytes.
 */
final class KinesisEventJson {

    /** Lambda's limit on a synchronous invocation's payload. */
    static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] PREFIX = "{\"Records\":[".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] SUFFIX = "]}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private KinesisEventJson() {
    }

    /** The JSON of one entry of {@code Records}. */
    static byte[] entry(EventSource source, String shardId, Record record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + record.data().asByteBuffer().remaining() * 4 / 3);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeObjectFieldStart("kinesis");
            json.writeStringField("kinesisSchemaVersion", "1.0");
            json.writeStringField("partitionKey", record.partitionKey());
            json.writeStringField("sequenceNumber", record.sequenceNumber());
            json.writeStringField("data", Base64.getEncoder().encodeToString(record.data().asByteArrayUnsafe()));
            json.writeFieldName("approximateArrivalTimestamp");
            json.writeNumber(BigDecimal.valueOf(record.approximateArrivalTimestamp().toEpochMilli(), 3));
            json.writeEndObject();
            json.writeStringField("eventSource", "aws:kinesis");
            json.writeStringField("eventVersion", "1.0");
            json.writeStringField("eventID", shardId + ":" + record.sequenceNumber());
            json.writeStringField("eventName", "aws:kinesis:record");
            json.writeStringField("invokeIdentityArn", source.invokeIdentityArn());
            json.writeStringField("awsRegion", source.region());
            json.writeStringField("eventSourceARN", source.streamArn());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The whole event of a batch. */
    static byte[] event(List<BufferedRecord> batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payloadSize(batch));
        out.writeBytes(PREFIX);
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(batch.get(i).eventEntry());
        }
        out.writeBytes(SUFFIX);
        return out.toByteArray();
    }

    /** The size {@link #event} will have. */
    static int payloadSize(List<BufferedRecord> batch) {
        int size = PREFIX.length + SUFFIX.length + Math.max(0, batch.size() - 1);
        for (BufferedRecord record : batch) {
            size += record.eventEntry().length;
        }
        return size;
    }

    /** The size one more entry adds to a batch that already holds {@code entries} entries. */
    static int addedSize(int entries, BufferedRecord next) {
        return next.eventEntry().length + (entries > 0 ? 1 : 0);
    }

    static int emptyEventSize() {
        return PREFIX.length + SUFFIX.length;
    }
}
