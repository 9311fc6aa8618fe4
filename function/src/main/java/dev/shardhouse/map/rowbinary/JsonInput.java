package dev.shardhouse.map.rowbinary;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * How record JSON is read: exact decimals (a Decimal column must not see binary floating point), duplicate keys
 * and trailing content rejected, nesting bounded so that hostile input fails cleanly instead of exhausting the stack.
 */
public final class JsonInput {

    private static final int MAX_NESTING_DEPTH = 256;

    /** The parser's limits (Jackson's defaults but the nesting depth), which a reader of the same JSON must keep. */
    public static final StreamReadConstraints LIMITS =
            StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build();

    /**
     * Built on the first record that needs a tree, not when {@link #LIMITS} is first read: flat JSON records never do
     * ({@code FlatJsonObject}), and a cold start of them no longer builds a mapper at all (BENCHMARKS.md, "Cold start
     * without a mapper").
     */
    private static final class Reader {
        static final ObjectReader READER = JsonMapper.builder(JsonFactory.builder()
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .streamReadConstraints(LIMITS)
                        .build())
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build()
                .reader();
    }

    private JsonInput() {
    }

    /**
     * Parses one JSON document.
     *
     * @throws InvalidValueException naming the JSON error, for malformed, empty or too deeply nested input
     */
    public static JsonNode parse(byte[] json) {
        return read(() -> Reader.READER.readTree(json));
    }

    /** Parses JSON text, such as an Array or Map field of a CSV record. */
    static JsonNode parseValue(String json) {
        return read(() -> Reader.READER.readTree(json));
    }

    /** A parse by the reader. */
    private interface Parse {
        JsonNode run() throws IOException;
    }

    private static JsonNode read(Parse parse) {
        try {
            return requireValue(parse.run());
        } catch (IOException e) {
            throw invalid(e);
        } catch (NumberFormatException e) {
            throw outOfRange(e);
        }
    }

    private static JsonNode requireValue(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            throw new InvalidValueException("not valid JSON: no value");
        }
        return node;
    }

    /** Jackson reads every number of the document, and throws this one for a number no BigDecimal can hold. */
    private static InvalidValueException outOfRange(NumberFormatException e) {
        return new InvalidValueException("a JSON number beyond what can be read: "
                + ShownValue.truncate(String.valueOf(e.getMessage()), 240));
    }

    private static InvalidValueException invalid(IOException e) {
        String message = e.getMessage();
        if (e instanceof JsonProcessingException processing) {
            JsonLocation location = processing.getLocation();
            message = processing.getOriginalMessage() + (location == null ? ""
                    : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")");
        }
        return new InvalidValueException("not valid JSON: " + ShownValue.truncate(String.valueOf(message), 240));
    }
}
