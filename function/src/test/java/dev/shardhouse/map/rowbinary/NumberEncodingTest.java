package dev.shardhouse.map.rowbinary;

import static dev.shardhouse.map.rowbinary.Encode.json;
import static dev.shardhouse.map.rowbinary.Encode.jsonError;
import static dev.shardhouse.map.rowbinary.Encode.text;
import static dev.shardhouse.map.rowbinary.Encode.textError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Integers, floats, decimals and Bool, against bytes written out by hand from ClickHouse's RowBinary spec. */
class NumberEncodingTest {

    @Test
    void smallIntegersAreTwosComplementLittleEndian() {
        assertEquals("ff", json("UInt8", "255"));
        assertEquals("80", json("Int8", "-128"));
        assertEquals("fe ff", json("Int16", "-2"));
        assertEquals("ff ff", text("UInt16", "65535"));
        assertEquals("2a 00 00 00", json("Int32", "42"));
        assertEquals("ff ff ff ff", json("UInt32", "4294967295"));
        assertEquals("ff ff ff ff ff ff ff ff", json("Int64", "-1"));
        assertEquals("07 00 00 00 00 00 00 00", text("Int64", "+7"));
    }

    @Test
    void integersAcceptIntegralJsonNumbersAndNumericStrings() {
        assertEquals("e8 03 00 00", json("Int32", "1e3"));
        assertEquals("02 00 00 00", json("Int32", "2.0"));
        assertEquals("2a 00 00 00", json("Int32", "\"42\""));
    }

    @Test
    void uint64UsesTheFullUnsignedRange() {
        assertEquals("ff ff ff ff ff ff ff ff", json("UInt64", "18446744073709551615"));
        assertEquals("00 00 00 00 00 00 00 80", text("UInt64", "9223372036854775808"));
        assertEquals("18446744073709551616 is out of range for UInt64", jsonError("UInt64", "18446744073709551616"));
    }

    @Test
    void wideIntegersSignExtendTo16And32Bytes() {
        assertEquals("ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff", json("Int128", "-1"));
        // 2^64: bit 64 set, i.e. byte 8 = 01
        assertEquals("00 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00", json("Int128", "18446744073709551616"));
        assertEquals("ff ".repeat(31) + "ff",
                text("UInt256", "115792089237316195423570985008687907853269984665640564039457584007913129639935"));
        assertEquals("00 ".repeat(31) + "80",
                text("Int256", "-57896044618658097711785492504343953926634992332820282019728792003956564819968"));
        assertEquals("2a" + " 00".repeat(15), json("UInt128", "42"));
    }

    @Test
    void integersOutOfRangeAreRejectedNotWrapped() {
        assertEquals("256 is out of range for UInt8", jsonError("UInt8", "256"));
        assertEquals("-1 is out of range for UInt32", jsonError("UInt32", "-1"));
        assertEquals("128 is out of range for Int8", textError("Int8", "128"));
        assertEquals("1E+100 is out of range for Int256", jsonError("Int256", "1e100"));
        assertEquals("'" + "9".repeat(64) + "... (90 chars)' is out of range for Int256",
                textError("Int256", "9".repeat(90)));
    }

    @Test
    void nonIntegersAreRejectedForIntegerColumns() {
        assertEquals("expected an integer for Int32, got 2.5", jsonError("Int32", "2.5"));
        assertEquals("expected an integer for Int32, got '12a'", textError("Int32", "12a"));
        assertEquals("expected an integer for Int32, got '-'", textError("Int32", "-"));
        assertEquals("expected an integer for Int32, got true", jsonError("Int32", "true"));
        assertEquals("expected an integer for Int32, got [1]", jsonError("Int32", "[1]"));
    }

    @Test
    void floatsAreIeeeLittleEndian() {
        assertEquals("00 00 c0 3f", json("Float32", "1.5"));
        assertEquals("00 00 00 00 00 20 59 40", json("Float64", "100.5"));
        assertEquals("00 00 00 00 00 20 59 40", text("Float64", "100.5"));
        assertEquals("00 00 00 00 00 00 f8 7f", text("Float64", "nan"));
        assertEquals("00 00 00 00 00 00 f0 ff", text("Float64", "-inf"));
        assertEquals("00 00 80 7f", text("Float32", "inf"));
        assertEquals("9a 99 99 99 99 99 b9 3f", json("Float64", "\"0.1\""));
    }

    @Test
    void floatsRejectOverflowAndJavaOnlySyntax() {
        assertEquals("1E+39 is out of range for Float32", jsonError("Float32", "1e39"));
        assertEquals("1E+400 is out of range for Float64", jsonError("Float64", "1e400"));
        assertEquals("expected a number for Float64, got '1.5f'", textError("Float64", "1.5f"));
        assertEquals("expected a number for Float64, got '0x1p3'", textError("Float64", "0x1p3"));
    }

    @Test
    void hugeDigitStringsAreRefusedBeforeParsing() {
        String digits = "1".repeat(100_000) + "x";
        String shown = "'" + "1".repeat(64) + "... (100001 chars)'";
        assertEquals("expected a number for Float64, got " + shown, textError("Float64", digits));
        assertEquals("expected a decimal number for Decimal(9, 2), got " + shown, textError("Decimal(9, 2)", digits));
    }

    @Test
    void decimalsAreScaledIntegersSizedByPrecision() {
        // 123.45 in Decimal(10, 2): 12345 = 0x3039 as Int64 (precision 10..18 is 8 bytes)
        assertEquals("39 30 00 00 00 00 00 00", json("Decimal(10, 2)", "123.45"));
        // -1.5 in Decimal(9, 2): -150 as Int32
        assertEquals("6a ff ff ff", text("Decimal(9, 2)", "-1.5"));
        assertEquals("6a ff ff ff", text("Decimal32(2)", "-1.50"));
        // 1 in Decimal(38, 10): 10^10 = 0x02540be400 as Int128
        assertEquals("00 e4 0b 54 02" + " 00".repeat(11), json("Decimal(38, 10)", "1"));
        assertEquals("ff" + " ff".repeat(31), json("Decimal256(0)", "-1"));
        assertEquals("01 00 00 00 00 00 00 00", json("Decimal64(3)", "0.001"));
    }

    @Test
    void decimalsKeepExactDigitsBeyondDoublePrecision() {
        // 1234567890123456.78 * 100 = 123456789012345678 = 0x01b69b4ba630f34e, beyond a double's 53 bits
        assertEquals("4e f3 30 a6 4b 9b b6 01", json("Decimal(18, 2)", "1234567890123456.78"));
        assertEquals("12345678901234567.89 is out of range for Decimal(18, 2)",
                jsonError("Decimal(18, 2)", "12345678901234567.89"));
    }

    @Test
    void decimalsRejectLostDigitsAndOverflow() {
        assertEquals("1.234 has more than 2 decimal places for Decimal(9, 2)", jsonError("Decimal(9, 2)", "1.234"));
        assertEquals("1000 is out of range for Decimal(5, 2)", jsonError("Decimal(5, 2)", "1000"));
        assertEquals("'1e-999999999' has more than 2 decimal places for Decimal(9, 2)",
                textError("Decimal(9, 2)", "1e-999999999"));
        assertEquals("'1e999999999' is out of range for Decimal(9, 2)", textError("Decimal(9, 2)", "1e999999999"));
        assertEquals("expected a decimal number for Decimal(9, 2), got 'nan'", textError("Decimal(9, 2)", "nan"));
        assertEquals("00 00 00 00", json("Decimal(2, 2)", "0"));
        assertEquals("63 00 00 00", json("Decimal(2, 2)", "0.99"));
    }

    @Test
    void boolIsOneByte() {
        assertEquals("01", json("Bool", "true"));
        assertEquals("00", json("Bool", "false"));
        assertEquals("01", json("Bool", "1"));
        assertEquals("00", text("Bool", "FALSE"));
        assertEquals("01", text("Bool", "1"));
        assertEquals("expected true or false for Bool, got 2", jsonError("Bool", "2"));
        assertEquals("01", text("Bool", "Yes"));
        assertEquals("00", text("Bool", "off"));
        assertEquals("01", text("Bool", "T"));
        assertEquals("expected true or false for Bool, got 'yep'", textError("Bool", "yep"));
    }
}
