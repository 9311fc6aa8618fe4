package dev.shardhouse.map.rowbinary;

import static dev.shardhouse.map.rowbinary.Encode.json;
import static dev.shardhouse.map.rowbinary.Encode.jsonError;
import static dev.shardhouse.map.rowbinary.Encode.text;
import static dev.shardhouse.map.rowbinary.Encode.textError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Nullable, LowCardinality, Array and Map, against the examples of ClickHouse's RowBinary spec. */
class CompositeEncodingTest {

    @Test
    void nullableHasANullByteFirst() {
        assertEquals("00 2a 00 00 00", json("Nullable(UInt32)", "42"));
        assertEquals("01", json("Nullable(UInt32)", "null"));
        assertEquals("00 03 66 6f 6f", text("Nullable(String)", "foo"));
        assertTrue(Encode.encoder("Nullable(UInt32)").isNullable());
        assertFalse(Encode.encoder("UInt32").isNullable());
    }

    @Test
    void lowCardinalityIsWrittenAsItsInnerType() {
        assertEquals("03 66 6f 6f", text("LowCardinality(String)", "foo"));
        assertEquals("01", json("LowCardinality(Nullable(String))", "null"));
        assertTrue(Encode.encoder("LowCardinality(Nullable(String))").isNullable());
        assertTrue(Encode.encoder("LowCardinality(Nullable(String))").holdsText());
    }

    @Test
    void arrayIsCountThenElements() {
        assertEquals("03 01 00 00 00 02 00 00 00 03 00 00 00", json("Array(UInt32)", "[1, 2, 3]"));
        assertEquals("02 06 66 6f 6f 62 61 72 03 71 61 7a", json("Array(String)", "[\"foobar\", \"qaz\"]"));
        assertEquals("02 01 00 03 66 6f 6f", json("Array(Nullable(String))", "[null, \"foo\"]"));
        assertEquals("00", json("Array(UInt8)", "[]"));
        assertEquals("02 01 01 02 02 03", json("Array(Array(UInt8))", "[[1], [2, 3]]"));
    }

    @Test
    void arrayTextIsJson() {
        assertEquals("03 01 00 00 00 02 00 00 00 03 00 00 00", text("Array(UInt32)", "[1,2,3]"));
        assertEquals("expected a JSON array, got {\"a\":1}", textError("Array(UInt32)", "{\"a\":1}"));
        assertTrue(textError("Array(UInt32)", "[1,").startsWith("not valid JSON: "));
    }

    @Test
    void arrayElementsAreCheckedOneByOne() {
        assertEquals("expected an integer for Int32, got null", jsonError("Array(Int32)", "[1, null]"));
        assertEquals("300 is out of range for UInt8", jsonError("Array(UInt8)", "[1, 300]"));
        assertEquals("expected a JSON array, got 5", jsonError("Array(UInt8)", "5"));
    }

    @Test
    void mapIsCountThenKeyValuePairs() {
        assertEquals("02 03 66 6f 6f 01 00 00 00 03 62 61 72 02 00 00 00",
                json("Map(String, UInt32)", "{\"foo\": 1, \"bar\": 2}"));
        assertEquals("02 03 66 6f 6f 01 00 00 00 03 62 61 72 02 00 00 00",
                text("Map(String, UInt32)", "{\"foo\":1,\"bar\":2}"));
        assertEquals("00", json("Map(String, UInt32)", "{}"));
        assertEquals("01 01 6b 02 01 02", json("Map(LowCardinality(String), Array(UInt8))", "{\"k\": [1, 2]}"));
    }

    @Test
    void mapKeysAreReadAsTextOfTheKeyType() {
        assertEquals("01 07 00 00 00 00 00 00 00 01 78", json("Map(UInt64, String)", "{\"7\": \"x\"}"));
        assertEquals("expected an integer for UInt64, got 'seven'", jsonError("Map(UInt64, String)", "{\"seven\": \"x\"}"));
        assertEquals("expected a JSON object, got [1]", jsonError("Map(String, UInt8)", "[1]"));
    }
}
