package dev.shardhouse.map.rowbinary;

import static dev.shardhouse.map.rowbinary.Encode.defaults;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The default of every type, which a Tuple element the record leaves out gets, as ClickHouse gives it. */
class DefaultValueTest {

    @Test
    void numbersAreZeroInTheirWidth() {
        assertEquals("00", defaults("Int8"));
        assertEquals("00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", defaults("UInt128"));
        assertEquals("00 00 00 00", defaults("Float32"));
        assertEquals("00 00 00 00 00 00 00 00", defaults("Float64"));
        assertEquals("00 00 00 00", defaults("Decimal(9, 2)"));
        assertEquals("00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", defaults("Decimal(38, 10)"));
        assertEquals("00", defaults("Bool"));
    }

    @Test
    void textIsEmpty() {
        assertEquals("00", defaults("String"));
        assertEquals("00", defaults("LowCardinality(String)"));
        assertEquals("00 00 00", defaults("FixedString(3)"));
    }

    @Test
    void timesAreTheEpoch() {
        assertEquals("00 00", defaults("Date"));
        assertEquals("00 00 00 00", defaults("Date32"));
        assertEquals("00 00 00 00", defaults("DateTime('Asia/Tokyo')"));
        assertEquals("00 00 00 00 00 00 00 00", defaults("DateTime64(3, 'America/New_York')"));
    }

    @Test
    void identifiersAreAllZeros() {
        assertEquals("00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", defaults("UUID"));
        assertEquals("00 00 00 00", defaults("IPv4"));
        assertEquals("00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", defaults("IPv6"));
    }

    @Test
    void enumIsItsElementWithTheSmallestNumber() {
        assertEquals("fd", defaults("Enum8('a' = 5, 'b' = -3)"));
        assertEquals("e8 03", defaults("Enum16('x' = 1000, 'y' = 2000)"));
    }

    @Test
    void wrappersAndContainers() {
        assertEquals("01", defaults("Nullable(Int32)"));
        assertEquals("00", defaults("Array(Int32)"));
        assertEquals("00", defaults("Map(String, Int32)"));
        assertEquals("00 00 00 00 01 00", defaults("Tuple(a Int32, b Nullable(String), c Array(UInt8))"));
        assertEquals("02 7b 7d", defaults("JSON"));
    }
}
