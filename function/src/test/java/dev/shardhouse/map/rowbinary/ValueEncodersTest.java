package dev.shardhouse.map.rowbinary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Which type strings are understood; the per-type bytes are in the *EncodingTest classes. */
class ValueEncodersTest {

    private static String rejection(String type) {
        return assertThrows(UnsupportedTypeException.class, () -> ValueEncoders.forType(type)).getMessage();
    }

    @Test
    void everySupportedTypeAsSystemColumnsSpellsItIsAccepted() throws Exception {
        for (String type : new String[] {"String", "FixedString(16)", "Int8", "UInt8", "Int16", "UInt16", "Int32",
                "UInt32", "Int64", "UInt64", "Int128", "UInt128", "Int256", "UInt256", "Float32", "Float64",
                "Decimal(9, 2)", "Decimal(76, 76)", "Decimal32(3)", "Decimal64(3)", "Decimal128(3)", "Decimal256(3)",
                "Bool", "Date", "Date32", "DateTime", "DateTime('Europe/Amsterdam')", "DateTime64(3)",
                "DateTime64(9, 'UTC')", "UUID", "IPv4", "IPv6", "Enum8('a' = -128, 'b' = 127)",
                "Enum16('a' = -32768, 'b' = 32767)", "Nullable(Int32)", "LowCardinality(String)",
                "LowCardinality(Nullable(String))", "Array(Array(Nullable(String)))",
                "Map(String, Map(String, Array(UInt8)))", "Tuple(Int32, String)", "Tuple(a Int32, b String)",
                "Tuple(`a b` Int32, `c\\`d` String, `1x` Int8, Nested Int8, String String)",
                "Array(Tuple(Int32, Tuple(x String, y Array(Nullable(UInt8)))))", "Nullable(Tuple(a Int32))",
                "Map(String, Tuple(a LowCardinality(String)))", "JSON", "Nullable(JSON)", "Array(JSON)",
                "JSON(max_dynamic_paths=10, `a.b` UInt32, SKIP c, SKIP REGEXP 'x(y')"}) {
            ValueEncoders.forType(type);
        }
    }

    @Test
    void tupleElementNamesAreReadQuotedOrNot() {
        assertEquals("01 02 03 04", Encode.json("Tuple(`a b` UInt8, `c\\`d` UInt8, Nested UInt8, String UInt8)",
                "{\"String\": 4, \"Nested\": 3, \"c`d\": 2, \"a b\": 1}"));
    }

    @Test
    void unsupportedTypesAreNamed() {
        assertEquals("Variant is not supported", rejection("Variant(String, UInt64)"));
        assertEquals("Dynamic is not supported", rejection("Dynamic"));
        assertEquals("Dynamic is not supported", rejection("Dynamic(max_types=8)"));
        assertEquals("Object is not supported", rejection("Object('json')"));
        assertEquals("Variant is not supported", rejection("Tuple(a Int32, b Variant(String, UInt64))"));
        assertEquals("AggregateFunction is not supported", rejection("AggregateFunction(sum, UInt64)"));
        assertEquals("Int512 is not supported", rejection("Int512"));
    }

    @Test
    void badArgumentsAndMalformedTypesAreRejected() {
        assertEquals("type argument 77 is outside 1..76", rejection("Decimal(77, 2)"));
        assertEquals("type argument 10 is outside 0..9", rejection("DateTime64(10)"));
        assertEquals("type argument 128 is outside -128..127", rejection("Enum8('a' = 128)"));
        assertEquals("Enum8 names 'a' twice", rejection("Enum8('a' = 1, 'a' = 2)"));
        assertEquals("timezone 'Mars/Olympus' is unknown to Java", rejection("DateTime('Mars/Olympus')"));
        assertEquals("cannot read the type: expected ')' at position 15", rejection("Nullable(String"));
        assertEquals("cannot read the type: expected the end of the type at position 7", rejection("String garbage"));
        assertEquals("Tuple names some of its elements but not all", rejection("Tuple(a Int32, String)"));
        assertEquals("cannot read the type: expected a type name at position 6", rejection("Tuple()"));
        assertEquals("cannot read the type: expected ')' at position 11", rejection("JSON(SKIP a"));
        assertEquals("cannot read the type: expected a closing quote at position 16", rejection("JSON(SKIP a, 'b)"));
    }
}
