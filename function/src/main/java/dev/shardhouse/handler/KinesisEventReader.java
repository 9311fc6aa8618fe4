package dev.shardhouse.handler;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.shardhouse.decode.KinesisRecordIn;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Reads the event document of Lambda's Kinesis event source mapping straight into per-shard batches, with a
 * streaming parser. Letting the runtime deserialize it into a {@code KinesisEvent} instead costs a cold start about
 * half a second (the runtime builds a databind serializer of some thousand classes) and keeps a second copy of every
 * payload for the whole invocation.
 */
final class KinesisEventReader {

    private static final JsonFactory JSON = new JsonFactory();

    private KinesisEventReader() {
    }

    /** @throws IOException if the document is not a Kinesis event; the message names the record and field */
    static Map<ShardBatches.ShardRef, List<KinesisRecordIn>> read(InputStream event) throws IOException {
        ShardBatches batches = new ShardBatches();
        try (JsonParser parser = JSON.createParser(event)) {
            expect(parser, parser.nextToken(), JsonToken.START_OBJECT, "the event document");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!"Records".equals(field)) {
                    parser.skipChildren();
                    continue;
                }
                expect(parser, value, JsonToken.START_ARRAY, "Records");
                int index = 0;
                for (JsonToken entry = parser.nextToken(); entry != JsonToken.END_ARRAY; entry = parser.nextToken()) {
                    expect(parser, entry, JsonToken.START_OBJECT, "Records[" + index + "]");
                    record(parser, index++, batches);
                }
            }
        }
        return batches.byShard();
    }

    /** One entry of {@code Records}, its start object already read. */
    private static void record(JsonParser parser, int index, ShardBatches batches) throws IOException {
        String eventId = null;
        String streamArn = null;
        Kinesis kinesis = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "eventID" -> eventId = text(parser, value, "Records[" + index + "].eventID");
                case "eventSourceARN" -> streamArn = text(parser, value, "Records[" + index + "].eventSourceARN");
                case "kinesis" -> {
                    expect(parser, value, JsonToken.START_OBJECT, "Records[" + index + "].kinesis");
                    kinesis = kinesis(parser, index);
                }
                default -> parser.skipChildren();
            }
        }
        String where = "Records[" + index + "]";
        batches.add(present(streamArn, where + ".eventSourceARN"), present(eventId, where + ".eventID"),
                present(kinesis, where + ".kinesis").record(where));
    }

    private static Kinesis kinesis(JsonParser parser, int index) throws IOException {
        Kinesis kinesis = new Kinesis();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            String where = "Records[" + index + "].kinesis.";
            switch (field) {
                case "sequenceNumber" -> kinesis.sequenceNumber = text(parser, value, where + field);
                case "partitionKey" -> kinesis.partitionKey = text(parser, value, where + field);
                case "data" -> kinesis.data = text(parser, value, where + field) == null ? null : parser.getBinaryValue();
                case "approximateArrivalTimestamp" -> kinesis.arrival = value.isNumeric()
                        ? epochSeconds(parser.getDecimalValue())
                        : nothing(parser);
                default -> parser.skipChildren();
            }
        }
        return kinesis;
    }

    /** Lambda writes the arrival as epoch seconds with millisecond decimals; read exactly, not through a double. */
    private static Instant epochSeconds(BigDecimal seconds) {
        return Instant.ofEpochMilli(seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    /** A string field's value, or null for a JSON null; anything else is not what Lambda sends. */
    private static String text(JsonParser parser, JsonToken value, String field) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(parser, value, JsonToken.VALUE_STRING, field);
        return parser.getText();
    }

    /** Skips a value that is not read, whatever its shape. */
    private static <T> T nothing(JsonParser parser) throws IOException {
        parser.skipChildren();
        return null;
    }

    private static void expect(JsonParser parser, JsonToken actual, JsonToken expected, String what) throws IOException {
        if (actual != expected) {
            throw new IOException(what + " is " + actual + " where a Kinesis event has " + expected
                    + " (at " + parser.currentLocation().offsetDescription() + ")");
        }
    }

    private static <T> T present(T value, String field) throws IOException {
        if (value == null) {
            throw new IOException("the Kinesis event has no " + field);
        }
        return value;
    }

    /** The {@code kinesis} object of a record, as read so far. */
    private static final class Kinesis {
        private String sequenceNumber;
        private String partitionKey;
        private Instant arrival;
        private byte[] data;

        KinesisRecordIn record(String where) throws IOException {
            return new KinesisRecordIn(present(sequenceNumber, where + ".kinesis.sequenceNumber"), partitionKey, arrival,
                    present(data, where + ".kinesis.data"));
        }
    }
}
