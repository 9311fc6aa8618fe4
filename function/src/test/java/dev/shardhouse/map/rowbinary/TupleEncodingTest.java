package dev.shardhouse.map.rowbinary;

import static dev.shardhouse.map.rowbinary.Encode.encoder;
import static dev.shardhouse.map.rowbinary.Encode.json;
import static dev.shardhouse.map.rowbinary.Encode.jsonError;
import static dev.shardhouse.map.rowbinary.Encode.text;
import static dev.shardhouse.map.rowbinary.Encode.textError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shardhouse.map.Hex;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tuple, named and unnamed, read as ClickHouse's JSONEachRow reads it: the elements' bytes one after another. */
class TupleEncodingTest {

    private static final String NAMED = "Tuple(a Int32, b String)";
    private static final String UNNAMED = "Tuple(Int32, String)";

    @Test
    void namedTupleReadsAnObjectByElementNameInTheTypesOrder() {
        assertEquals("01 00 00 00 01 78", json(NAMED, "{\"a\": 1, \"b\": \"x\"}"));
        assertEquals("01 00 00 00 01 78", json(NAMED, "{\"b\": \"x\", \"a\": 1}"));
        assertEquals("01 00 00 00 01 78", text(NAMED, "{\"a\":1,\"b\":\"x\"}"));
    }

    @Test
    void keysThatNameNoElementAreIgnoredAndAnElementWithoutKeyTakesItsDefault() {
        assertEquals("01 00 00 00 00", json(NAMED, "{\"a\": 1, \"c\": 3}"));
        // names are matched exactly, as ClickHouse matches them
        assertEquals("00 00 00 00 01 78", json(NAMED, "{\"A\": 7, \"b\": \"x\"}"));
        assertEquals("00 00 00 00 00", json(NAMED, "{}"));
    }

    @Test
    void nullIsNullInANullableElementAndTheDefaultInAnyOther() {
        assertEquals("00 00 00 00 01", json("Tuple(a Int32, b Nullable(String))", "{\"a\": null, \"b\": null}"));
        assertEquals("00 00 00 00 00 01 79", json("Tuple(Int32, Nullable(String))", "[null, \"y\"]"));
        // an Enum's default is its element with the smallest number
        assertEquals("02 01", json("Tuple(n UInt8, e Enum8('x' = 3, 'y' = 1))", "{\"n\": 2, \"e\": null}"));
    }

    @Test
    void unnamedTupleReadsAnArrayWithOneItemPerElement() {
        assertEquals("01 00 00 00 01 78", json(UNNAMED, "[1, \"x\"]"));
        assertEquals("05 00 00 00 01 37", json(UNNAMED, "[\"5\", 7]"));
        assertEquals("expected a JSON array of 2 elements, got [1]", jsonError(UNNAMED, "[1]"));
        assertEquals("expected a JSON array of 2 elements, got [1,\"x\",3]", jsonError(UNNAMED, "[1, \"x\", 3]"));
        assertEquals("expected a JSON array of 2 elements, got {\"a\":1}", jsonError(UNNAMED, "{\"a\": 1}"));
    }

    @Test
    void namedTupleRefusesAnythingButAnObject() {
        assertEquals("expected a JSON object, got [1,\"x\"]", jsonError(NAMED, "[1, \"x\"]"));
        assertEquals("expected a JSON object, got \"(1,'x')\"", jsonError(NAMED, "\"(1,'x')\""));
        assertEquals("expected a JSON object, got 5", jsonError(NAMED, "5"));
    }

    @Test
    void anElementIsCheckedAsAColumnOfItsTypeAndItsErrorNamesIt() {
        assertEquals("element a: 2147483648 is out of range for Int32", jsonError(NAMED, "{\"a\": 2147483648}"));
        assertEquals("element a: expected an integer for Int32, got true", jsonError(NAMED, "{\"a\": true}"));
        assertEquals("element 2: element y: 300 is out of range for UInt8",
                jsonError("Tuple(Int32, Tuple(x String, y Array(UInt8)))", "[1, {\"y\": [300]}]"));
    }

    @Test
    void tuplesNestInTuplesArraysAndMaps() {
        assertEquals("01 01 73 02 01 02",
                json("Tuple(a UInt8, t Tuple(x String, y Array(UInt8)))", "{\"a\": 1, \"t\": {\"x\": \"s\", \"y\": [1, 2]}}"));
        assertEquals("01 00 00", json("Tuple(a UInt8, t Tuple(x String, y Array(UInt8)))", "{\"a\": 1, \"t\": null}"));
        assertEquals("02 01 01 78 02 00", json("Array(Tuple(a UInt8, b String))", "[{\"a\": 1, \"b\": \"x\"}, {\"a\": 2}]"));
        assertEquals("01 01 6b 01 02", json("Map(String, Tuple(UInt8, UInt8))", "{\"k\": [1, 2]}"));
    }

    @Test
    void nullableTupleIsANullByteThenTheElements() {
        assertEquals("01", json("Nullable(Tuple(a UInt8))", "null"));
        assertEquals("00 05", json("Nullable(Tuple(a UInt8))", "{\"a\": 5}"));
    }

    @Test
    void textIsTheJsonFormNotClickHousesLiteral() {
        assertEquals("01 00 00 00 01 78", text(UNNAMED, "[1,\"x\"]"));
        assertTrue(textError(UNNAMED, "(1,'x')").startsWith("not valid JSON: "));
    }

    @Test
    void defaultIsEveryElementsDefaultWrittenOutOnlyWhenAnEnumNeedsIt() {
        assertEquals(Optional.empty(), encoder(NAMED).explicitDefault());
        assertEquals("00 01", Hex.of(encoder("Tuple(a UInt8, e Enum8('x' = 1, 'y' = 2))").explicitDefault().orElseThrow()));
    }

    @Test
    void aNullableTupleAndJsonInsideNeedTheirInsertSettings() {
        assertEquals(Map.of(), encoder(NAMED).insertSettings());
        assertEquals(Map.of("enable_nullable_tuple_type", "1"), encoder("Array(Nullable(Tuple(a UInt8)))").insertSettings());
        assertEquals(Map.of("input_format_binary_read_json_as_string", "1", "enable_nullable_tuple_type", "1"),
                encoder("Map(String, Nullable(Tuple(a UInt8, j JSON)))").insertSettings());
    }
}
