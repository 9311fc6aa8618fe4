package dev.shardhouse.map;

import static dev.shardhouse.map.Records.column;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shardhouse.map.rowbinary.InvalidValueException;
import dev.shardhouse.map.rowbinary.JsonInput;
import dev.shardhouse.map.rowbinary.RowBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one-pass reader of flat JSON objects against Jackson's tree, the reference it must equal: for every record it
 * accepts, each column gets the tree's bytes or the tree's error message; every record it refuses goes to the tree.
 */
class FlatJsonObjectTest {

    private final TableSchema schema = Records.schema(
            column("s", "String"),
            column("n", "Nullable(String)"),
            column("i", "Int64"),
            column("u", "UInt8"),
            column("f", "Float32"),
            column("d", "Decimal(9, 2)"),
            column("b", "Bool"),
            column("t", "DateTime64(3)"),
            column("x", "FixedString(3)"),
            column("a", "Array(String)"),
            column("_stream", "String"));
    private final FlatJsonObject flat = new FlatJsonObject(schema.payloadColumns());

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        " \t\r\n{ } \n",
        "{\"s\":\"abc\",\"n\":\"\",\"i\":-42,\"u\":7,\"f\":1.5,\"d\":12.25,\"b\":true,\"t\":\"2024-01-15 10:30:00.123\"}",
        "{\"t\": 1705314600123, \"d\": 1e1, \"f\": -0.0, \"i\": 9223372036854775, \"b\": false}",
        "{\"s\": \"é€😀\", \"x\": \"né\", \"other\": 1, \"more\": \"x\", \"_stream\": \"ignored\"}",
        "{\"n\": null, \"s\": null, \"i\": null}",
        "{\"i\": 2147483647, \"u\": 2147483648}",
        "{\"i\": 0, \"u\": -0, \"f\": 1E+3, \"d\": 1.5e-1}",
        "{\"u\": 300, \"f\": 1e39, \"d\": 1.234, \"b\": 2, \"i\": 1.5}",
        "{\"u\": \"abc\", \"t\": \"yesterday\", \"x\": \"four\", \"a\": \"text\", \"b\": \"yes\"}",
        "{\"a\": true, \"s\": 12.50, \"n\": 7, \"x\": false}",
        "{\"s\": \"0123456789abcdefé€0123456789abcdef\", \"n\": \"0123456\", \"x\": \"abc\"}",
    })
    void acceptedRecordsGiveEveryColumnWhatTheTreeGives(String json) {
        byte[] data = json.getBytes(StandardCharsets.UTF_8);
        assertTrue(flat.read(data), json);
        JsonNode tree = JsonInput.parse(data);
        List<ColumnEncoder> columns = schema.payloadColumns();
        for (int i = 0; i < columns.size(); i++) {
            ColumnEncoder column = columns.get(i);
            int index = i;
            String fromBytes = written(out -> flat.writeColumn(column, index, out));
            String fromTree = written(out -> column.writeJson(tree.get(column.name()), out));
            assertEquals(fromTree, fromBytes, "column " + column.name() + " of " + json);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "[]",
        "\"s\"",
        "\uFEFF{}",
        "{\"s\": {\"k\": 1}}",
        "{\"a\": [\"x\"]}",
        "{\"s\": \"a\\nb\"}",
        "{\"s\\u0041\": 1}",
        "{\"s\": \"tab\there\"}",
        "{\"s\": \"0123456789abcdef0123\\\\n456789\"}",
        "{\"s\": \"0123456789abcdef\u0001\"}",
        "{\"s\": 1, \"s\": 2}",
        "{\"other\": 1, \"other\": 2}",
        "{\"s\": 1,}",
        "{\"s\": 1} {}",
        "{\"s\": 1}]",
        "{\"s\" 1}",
        "{\"s\": 1",
        "{\"s\": \"open",
        "{s: 1}",
        "{\"i\": 01}",
        "{\"i\": -}",
        "{\"i\": 1.}",
        "{\"i\": .5}",
        "{\"i\": +1}",
        "{\"i\": 1e}",
        "{\"i\": 1x}",
        "{\"i\": NaN}",
        "{\"b\": truex}",
        "{\"b\": nul}",
        "{\"i\": 1234567890123456789}",
        "{\"d\": 1.00000000000000000000000000000000000000000000000000000000000000001}",
    })
    void otherRecordsAreLeftToTheTree(String json) {
        assertFalse(flat.read(json.getBytes(StandardCharsets.UTF_8)), json);
    }

    @ParameterizedTest
    @ValueSource(ints = {32, 33})
    void tooManyUnknownKeysToCheckForDuplicatesAreLeftToTheTree(int unknownKeys) {
        StringBuilder json = new StringBuilder("{\"s\": \"v\"");
        for (int i = 0; i < unknownKeys; i++) {
            json.append(", \"k").append(i).append("\": ").append(i);
        }
        assertEquals(unknownKeys <= 32, flat.read(json.append('}').toString().getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"s\": \"first\", \"i\": 1}", "{\"i\": 2}"})
    void aReusedReaderForgetsTheRecordBefore(String json) {
        flat.read("{\"s\": \"old\", \"n\": null}".getBytes(StandardCharsets.UTF_8));
        acceptedRecordsGiveEveryColumnWhatTheTreeGives(json);
    }

    /** The bytes a write produced, in hex, or the message it failed with. */
    private static String written(Consumer<RowBuffer> write) {
        RowBuffer out = new RowBuffer(16);
        try {
            write.accept(out);
            return Hex.of(out.toByteArray());
        } catch (InvalidValueException e) {
            return "error: " + e.getMessage();
        }
    }
}
