package dev.shardhouse.map.rowbinary;

import static dev.shardhouse.map.rowbinary.Encode.json;
import static dev.shardhouse.map.rowbinary.Encode.jsonError;
import static dev.shardhouse.map.rowbinary.Encode.text;
import static dev.shardhouse.map.rowbinary.Encode.textError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shardhouse.map.Hex;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Date, Date32, DateTime and DateTime64. Expected bytes are the little-endian day, second or tick counts worked
 * out by hand (2024-01-15 is day 19737 = 0x4d19; 2024-01-15T10:30:00Z is second 1705314600 = 0x65a50928).
 */
class TimeEncodingTest {

    private static final String JAN_15_1030_UTC = "28 09 a5 65";

    @Test
    void dateIsUInt16Days() {
        assertEquals("19 4d", text("Date", "2024-01-15"));
        assertEquals("19 4d", json("Date", "\"2024-01-15\""));
        assertEquals("19 4d", json("Date", "19737"));
        assertEquals("ff ff", text("Date", "2149-06-06"));
        assertEquals("'2149-06-07' is out of range for Date", textError("Date", "2149-06-07"));
        assertEquals("'1969-12-31' is out of range for Date", textError("Date", "1969-12-31"));
    }

    @Test
    void date32IsInt32DaysEitherSideOfTheEpoch() {
        assertEquals("19 4d 00 00", text("Date32", "2024-01-15"));
        assertEquals("21 9c ff ff", text("Date32", "1900-01-01"));
        assertEquals("d1 d6 01 00", text("Date32", "2299-12-31"));
        assertEquals("'2300-01-01' is out of range for Date32", textError("Date32", "2300-01-01"));
    }

    @Test
    void datesMustBeRealDatesWithoutTime() {
        assertEquals("expected a date like 2024-01-15 for Date, got '2024-02-30'", textError("Date", "2024-02-30"));
        assertEquals("expected a date like 2024-01-15 for Date, got '2024-01-15 10:00:00'",
                textError("Date", "2024-01-15 10:00:00"));
        assertEquals("expected a date like 2024-01-15 for Date, got 1.5", jsonError("Date", "1.5"));
    }

    @Test
    void dateTimeIsUInt32EpochSecondsFromIsoText() {
        assertEquals(JAN_15_1030_UTC, text("DateTime", "2024-01-15 10:30:00"));
        assertEquals(JAN_15_1030_UTC, text("DateTime", "2024-01-15T10:30:00Z"));
        assertEquals(JAN_15_1030_UTC, text("DateTime", "2024-01-15T10:30"));
        assertEquals(JAN_15_1030_UTC, text("DateTime", "2024-01-15T12:30:00+02:00"));
        assertEquals(JAN_15_1030_UTC, text("DateTime", "2024-01-15T11:30:00+0100"));
        assertEquals(JAN_15_1030_UTC, text("DateTime", "2024-01-15T07:30:00-03"));
        assertEquals(JAN_15_1030_UTC, text("DateTime", "2024-01-15T10:30:00.999Z"), "fraction dropped");
        assertEquals("80 75 a4 65", text("DateTime", "2024-01-15"), "date only is midnight");
    }

    @Test
    void zoneLessTextIsLocalToTheColumnTimezone() {
        assertEquals(JAN_15_1030_UTC, text("DateTime('Asia/Tokyo')", "2024-01-15 19:30:00"));
        assertEquals(JAN_15_1030_UTC, text("DateTime('Asia/Tokyo')", "2024-01-15T10:30:00Z"));
    }

    @Test
    void epochNumbersAreSecondsBelow1e11AndMillisAbove() {
        assertEquals(JAN_15_1030_UTC, json("DateTime", "1705314600"));
        assertEquals(JAN_15_1030_UTC, json("DateTime", "1705314600000"));
        assertEquals(JAN_15_1030_UTC, text("DateTime", "1705314600"));
        // DateTime64(3): 1705314600500 ms = 34 c6 ab 0c 8d 01 00 00
        assertEquals("34 c6 ab 0c 8d 01 00 00", json("DateTime64(3)", "1705314600.5"));
        assertEquals("34 c6 ab 0c 8d 01 00 00", json("DateTime64(3)", "1705314600500"));
    }

    @Test
    void dateTimeRangeIs1970To2106() {
        assertEquals("ff ff ff ff", text("DateTime", "2106-02-07T06:28:15Z"));
        assertEquals("'2106-02-07T06:28:16Z' is out of range for DateTime", textError("DateTime", "2106-02-07T06:28:16Z"));
        assertEquals("'1969-12-31T23:59:59Z' is out of range for DateTime", textError("DateTime", "1969-12-31T23:59:59Z"));
    }

    @Test
    void dateTime64IsInt64TicksOfItsPrecision() {
        // docs: DateTime64(3) 1546300800000 is 2019-01-01 00:00:00 UTC
        assertEquals("00 bc b5 06 68 01 00 00", text("DateTime64(3)", "2019-01-01 00:00:00"));
        // 1705314600123456 µs
        assertEquals("40 7c f8 7e f9 0e 06 00", text("DateTime64(6, 'UTC')", "2024-01-15T10:30:00.123456Z"));
        // 1705314600123456789 ns
        assertEquals("15 5d a5 fa 97 7e aa 17", text("DateTime64(9)", "2024-01-15 10:30:00.123456789"));
        // 1900-01-01: -2208988800000 ms
        assertEquals("00 dc 01 ae fd fd ff ff", text("DateTime64(3)", "1900-01-01"));
    }

    @Test
    void dateTime64DropsDigitsBeyondItsPrecisionTowardsThePast() {
        // 1705314600123 ms
        assertEquals("bb c4 ab 0c 8d 01 00 00", text("DateTime64(3)", "2024-01-15T10:30:00.1239Z"));
        // -0.05 s at precision 1 is tick -1 (1969-12-31 23:59:59.9), not 0
        assertEquals("ff ff ff ff ff ff ff ff", json("DateTime64(1)", "-0.05"));
    }

    @Test
    void dateTime64RangeIs1900To2299AndNanosecondsEndIn2262() {
        assertEquals("'1899-12-31T23:59:59Z' is out of range for DateTime64(3)",
                textError("DateTime64(3)", "1899-12-31T23:59:59Z"));
        assertEquals("'2300-01-01' is out of range for DateTime64(3)", textError("DateTime64(3)", "2300-01-01"));
        assertEquals("'2262-04-12' is out of range for DateTime64(9)", textError("DateTime64(9)", "2262-04-12"));
        assertEquals("1E+30 is out of range for DateTime64(3)", jsonError("DateTime64(3)", "1e30"));
    }

    @Test
    void malformedTimestampsAreRejected() {
        String expected = "expected an ISO-8601 date-time or epoch number for DateTime, got ";
        assertEquals(expected + "'2024-01-15T25:00'", textError("DateTime", "2024-01-15T25:00"));
        assertEquals(expected + "'2024-01-15T10:30:00+25:00'", textError("DateTime", "2024-01-15T10:30:00+25:00"));
        assertEquals(expected + "'15/01/2024'", textError("DateTime", "15/01/2024"));
        assertEquals(expected + "'2024-01-15T10:30:00.'", textError("DateTime", "2024-01-15T10:30:00."));
        assertEquals(expected + "'2024-01-15T10:30:00Zjunk'", textError("DateTime", "2024-01-15T10:30:00Zjunk"));
        assertEquals(expected + "true", jsonError("DateTime", "true"));
    }

    @Test
    void instantsWriteDirectly() {
        RowBuffer out = new RowBuffer(8);
        ((DateTimeEncoder) Encode.encoder("DateTime64(3)")).writeInstant(Instant.parse("2024-01-15T10:30:00.123Z"), out);
        assertEquals("bb c4 ab 0c 8d 01 00 00", Hex.of(out.toByteArray()));
    }
}
