package dev.shardhouse.local.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shardhouse.testing.KinesisEventJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * A batch's invocation payload: Lambda's Kinesis event ({@link KinesisEventJson}) as bytes. Each record's entry is
 * encoded once, when it is read, so a batch's exact payload size is known before it is sent (Lambda caps an
 * invocation at 6 MB) and redeliveries reuse the same bytes.
 */
public final class EventPayload {

    /** Lambda's limit on a synchronous invocation's payload. */
    static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PREFIX = "{\"Records\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUFFIX = "]}".getBytes(StandardCharsets.US_ASCII);

    private EventPayload() {
    }

    /** The JSON of one entry of {@code Records}. */
    static byte[] entry(EventSource source, String shardId, Record record) {
        KinesisEventJson event = new KinesisEventJson(source.streamArn(), shardId, source.region(), source.invokeIdentityArn());
        try {
            return JSON.writeValueAsBytes(event.entry(new KinesisEventJson.Record(record.sequenceNumber(),
                    record.partitionKey(), record.approximateArrivalTimestamp(), record.data().asByteArrayUnsafe())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the event entry of " + shardId + ":" + record.sequenceNumber(), e);
        }
    }

    /** The whole event of a batch. */
    public static byte[] event(List<BufferedRecord> batch) {
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
