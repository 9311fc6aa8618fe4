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
    /** Epoch milliseconds of up to 18 digits always fit a long. */
    private static final int MAX_MILLIS_DIGITS = 18;

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
                    expect(parser, entry, JsonToken.START_OBJECT, index, "");
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
                case "eventID" -> eventId = text(parser, value, index, "eventID");
                case "eventSourceARN" -> streamArn = text(parser, value, index, "eventSourceARN");
                case "kinesis" -> {
                    expect(parser, value, JsonToken.START_OBJECT, index, "kinesis");
                    kinesis = kinesis(parser, index);
                }
                default -> parser.skipChildren();
            }
        }
        batches.add(present(streamArn, index, "eventSourceARN"), present(eventId, index, "eventID"),
                present(kinesis, index, "kinesis").record(index));
    }

    private static Kinesis kinesis(JsonParser parser, int index) throws IOException {
        Kinesis kinesis = new Kinesis();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "sequenceNumber" -> kinesis.sequenceNumber = text(parser, value, index, "kinesis.sequenceNumber");
                case "partitionKey" -> kinesis.partitionKey = text(parser, value, index, "kinesis.partitionKey");
                case "data" -> kinesis.data = text(parser, value, index, "kinesis.data") == null
                        ? null
                        : parser.getBinaryValue();
                case "approximateArrivalTimestamp" -> kinesis.arrival = value.isNumeric()
                        ? epochSeconds(parser.getDecimalValue(), index)
                        : nothing(parser);
                default -> parser.skipChildren();
            }
        }
        return kinesis;
    }

    /**
     * Lambda writes the arrival as epoch seconds with millisecond decimals; read exactly, not through a double. The
     * magnitude is checked first: rounding 1e999999999 or 1e-999999999 would build 10^999999999, which fails with
     * an ArithmeticException (beyond BigInteger) instead of naming the field.
     */
    private static Instant epochSeconds(BigDecimal seconds, int index) throws IOException {
        long millisDigits = (long) seconds.precision() - seconds.scale() + 3;
        if (millisDigits > MAX_MILLIS_DIGITS) {
            throw new IOException(path(index, "kinesis.approximateArrivalTimestamp") + " is " + seconds
                    + ", beyond any point in time");
        }
        return millisDigits < 0 ? Instant.EPOCH
                : Instant.ofEpochMilli(seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    /** A string field's value, or null for a JSON null; anything else is not what Lambda sends. */
    private static String text(JsonParser parser, JsonToken value, int index, String field) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(parser, value, JsonToken.VALUE_STRING, index, field);
        return parser.getText();
    }

    /** Skips a value that is not read, whatever its shape. */
    private static <T> T nothing(JsonParser parser) throws IOException {
        parser.skipChildren();
        return null;
    }

    /** Checks a value of record {@code index}; its path for the message is built only when it is wrong. */
    private static void expect(JsonParser parser, JsonToken actual, JsonToken expected, int index, String field)
            throws IOException {
        if (actual != expected) {
            expect(parser, actual, expected, path(index, field));
        }
    }

    private static void expect(JsonParser parser, JsonToken actual, JsonToken expected, String what) throws IOException {
        if (actual != expected) {
            throw new IOException(what + " is " + actual + " where a Kinesis event has " + expected
                    + " (at " + parser.currentLocation().offsetDescription() + ")");
        }
    }

    private static <T> T present(T value, int index, String field) throws IOException {
        if (value == null) {
            throw new IOException("the Kinesis event has no " + path(index, field));
        }
        return value;
    }

    /** {@code Records[index].field}, or {@code Records[index]} for an empty field. */
    private static String path(int index, String field) {
        return "Records[" + index + "]" + (field.isEmpty() ? "" : "." + field);
    }

    /** The {@code kinesis} object of a record, as read so far. */
    private static final class Kinesis {
        private String sequenceNumber;
        private String partitionKey;
        private Instant arrival;
        private byte[] data;

        KinesisRecordIn record(int index) throws IOException {
            return new KinesisRecordIn(present(sequenceNumber, index, "kinesis.sequenceNumber"), partitionKey, arrival,
                    present(data, index, "kinesis.data"));
        }
    }
}
