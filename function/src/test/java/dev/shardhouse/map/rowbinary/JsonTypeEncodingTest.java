package dev.shardhouse.map.rowbinary;

import static dev.shardhouse.map.rowbinary.Encode.encoder;
import static dev.shardhouse.map.rowbinary.Encode.json;
import static dev.shardhouse.map.rowbinary.Encode.jsonError;
import static dev.shardhouse.map.rowbinary.Encode.text;
import static dev.shardhouse.map.rowbinary.Encode.textError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shardhouse.map.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ClickHouse's JSON type, written as a String of the object's JSON text for ClickHouse to parse. */
class JsonTypeEncodingTest {

    /** A short RowBinary String: one length byte, then the UTF-8 bytes. */
    private static String string(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        assertTrue(utf8.length < 128, "one length byte");
        return Hex.of(Hex.concat(String.format("%02x", utf8.length), utf8));
    }

    @Test
    void anObjectIsAStringOfItsJsonText() {
        // {"a":1,"b":["x",null]} is 22 bytes
        assertEquals("16 7b 22 61 22 3a 31 2c 22 62 22 3a 5b 22 78 22 2c 6e 75 6c 6c 5d 7d",
                json("JSON", "{\"a\": 1, \"b\": [\"x\", null]}"));
        assertEquals(string("{\"a\":{\"b\":{\"c\":[]}}}"), json("JSON", "{\"a\": {\"b\": {\"c\": []}}}"));
    }

    @Test
    void numbersKeepTheirDigitsAndTextItsCharacters() {
        assertEquals(string("{\"a\":1.50,\"b\":1E+3,\"c\":12345678901234567890}"),
                json("JSON", "{\"a\": 1.50, \"b\": 1e3, \"c\": 12345678901234567890}"));
        assertEquals(string("{\"é\":\"line\\nbreak \\\"q\\\" 😀\"}"),
                json("JSON", "{\"\\u00e9\": \"line\\nbreak \\\"q\\\" 😀\"}"));
    }

    @Test
    void anythingButAnObjectIsRefusedAsClickHouseRefusesIt() {
        assertEquals("expected a JSON object, got [{\"a\":1}]", jsonError("JSON", "[{\"a\": 1}]"));
        assertEquals("expected a JSON object, got \"{\\\"a\\\":1}\"", jsonError("JSON", "\"{\\\"a\\\":1}\""));
        assertEquals("expected a JSON object, got 5", jsonError("JSON", "5"));
        assertEquals("expected a JSON object, got 1", jsonError("Array(JSON)", "[{}, 1]"));
    }

    @Test
    void textIsTheJsonForm() {
        assertEquals(string("{\"a\":1}"), text("JSON", "{ \"a\" : 1 }"));
        assertEquals("expected a JSON object, got [1]", textError("JSON", "[1]"));
        assertTrue(textError("JSON", "abc").startsWith("not valid JSON: "));
    }

    @Test
    void typeArgumentsAreLeftToClickHouse() {
        assertEquals(string("{\"a\":{\"b\":\"x\"}}"), json("JSON(max_dynamic_paths=10, `a.b` UInt32, SKIP c, "
                + "SKIP REGEXP 'x(y\\\\)', `q)` String)", "{\"a\": {\"b\": \"x\"}}"));
    }

    @Test
    void defaultIsTheEmptyObject() {
        assertEquals("02 7b 7d", Encode.defaults("JSON"));
        assertEquals("01 00 00 00 02 7b 7d", json("Tuple(a Int32, j JSON)", "{\"a\": 1}"));
    }

    @Test
    void everyInsertOfJsonTellsClickHouseToReadItAsText() {
        assertEquals(Map.of("input_format_binary_read_json_as_string", "1"), encoder("JSON").insertSettings());
        assertEquals(Map.of("input_format_binary_read_json_as_string", "1"),
                encoder("Nullable(JSON)").insertSettings());
        assertEquals(Map.of("input_format_binary_read_json_as_string", "1"), encoder("Array(JSON)").insertSettings());
    }
}
