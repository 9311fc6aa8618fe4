package dev.shardhouse.map.rowbinary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.shardhouse.map.Hex;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Date and time columns read common ISO text straight from its UTF-8 bytes ({@code writeUtf8Text},
 * {@code writeJsonString}); these tests hold that reading to the text path ({@code writeText}, {@code writeJson}):
 * the same bytes, or the same error message, for every input.
 */
class TimestampBytesTest {

    private static final List<String> TYPES = List.of("DateTime", "DateTime64(3)", "DateTime64(6, 'UTC')",
            "DateTime64(9)", "DateTime('Europe/Berlin')", "DateTime64(3, 'Asia/Kolkata')", "DateTime('Etc/GMT-5')",
            "Date", "Date32", "Nullable(DateTime64(3))");

    private static final List<String> INPUTS = List.of(
            // common forms
            "2026-11-25 00:00:00.001", "2024-01-15", "2024-01-15T10:30", "2024-01-15 10:30", "2024-01-15T10:30:00",
            "2024-01-15T10:30:00Z", "2024-01-15T10:30:00.123Z", "2024-01-15 10:30:00.123456",
            "2024-01-15T12:30:00+02:00", "2024-01-15T11:30:00+0100", "2024-01-15T07:30:00-03",
            "2024-01-15T10:30Z", "2024-01-15T10:30+05:30", "2024-01-15Z", "2024-01-15+01:00",
            // fractions of 1 to 9 digits, and 10
            "2024-01-15T10:30:00.1", "2024-01-15T10:30:00.12", "2024-01-15T10:30:00.123", "2024-01-15T10:30:00.1234",
            "2024-01-15T10:30:00.12345", "2024-01-15T10:30:00.123456", "2024-01-15T10:30:00.1234567",
            "2024-01-15T10:30:00.12345678", "2024-01-15T10:30:00.123456789", "2024-01-15T10:30:00.1234567891",
            "2024-01-15T10:30:00.999999999Z", "2024-01-15T10:30:00.", "2024-01-15T10:30:00.Z",
            // leap days and century years
            "2024-02-29", "2023-02-29", "2000-02-29", "1900-02-29", "2100-02-29", "2400-02-29", "1904-02-29T23:59:59",
            "1900-01-01", "1900-01-01T00:00:00Z", "1899-12-31T23:59:59Z", "1899-12-31T23:00:00-01:00",
            "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "1970-01-01T00:00:00+00:01", "1970-01-01T01:00:00+01",
            "2100-01-01", "2106-02-07T06:28:15Z", "2106-02-07T06:28:16Z", "2149-06-06", "2149-06-07",
            "2262-04-11T23:47:16.854775807Z", "2262-04-11T23:47:16.854775808Z", "2262-04-12",
            "2299-12-31", "2299-12-31T23:59:59.999999999Z", "2300-01-01", "2300-01-01T00:59:59+01:00",
            "9999-12-31", "9999-12-31T23:59:59.999999999-18:00", "0000-01-01", "0000-02-29", "0001-01-01T00:00Z",
            // out-of-range fields
            "2024-00-10", "2024-13-01", "2024-01-00", "2024-01-32", "2024-04-31", "2024-06-31", "2024-09-31",
            "2024-11-31", "2024-12-31", "2024-01-15T24:00", "2024-01-15T24:00:00", "2024-01-15T23:60",
            "2024-01-15T23:59:60", "2024-01-15T99:99:99",
            // offsets
            "2024-01-15T10:30:00+18:00", "2024-01-15T10:30:00-18:00", "2024-01-15T10:30:00+18:01",
            "2024-01-15T10:30:00+19", "2024-01-15T10:30:00+25:00", "2024-01-15T10:30:00+01:60",
            "2024-01-15T10:30:00-00:30", "2024-01-15T10:30:00+00", "2024-01-15T10:30:00-0000",
            "2024-01-15T10:30:00+1", "2024-01-15T10:30:00+01:", "2024-01-15T10:30:00+01:3",
            "2024-01-15T10:30:00+01:300", "2024-01-15T10:30:00+01;30", "2024-01-15T10:30:00z",
            "2024-01-15T10:30:00UTC", "2024-01-15T10:30:00 +01:00", "2024-01-15T10:30:00+",
            // Berlin's gap and overlap
            "2024-03-31 02:30:00", "2024-10-27 02:30:00", "2024-03-31T02:30:00+01:00",
            // malformed
            "", " ", "2024", "2024-1-15", "2024-01-5", "24-01-15", "2024/01/15", "15/01/2024", "2024-01-15T",
            "2024-01-15 ", "2024-01-15T10", "2024-01-15T10:", "2024-01-15T10:3", "2024-01-15T1:30",
            "2024-01-15T10:30:0", "2024-01-15t10:30", "2024-01-15_10:30", "2024-01-15TT10:30",
            "2024-01-15T10:30:00Zjunk", "2024-01-15junk", " 2024-01-15", "2024-01-15\n", "+2024-01-15",
            "-2024-01-15", "２０２４-01-15", "2024-01-15T10:30:00.１", "2024-01-15T10:30:00+０1", "2024-01-15é",
            "2024\u0000-01-15", "x".repeat(100),
            // numbers as epochs
            "0", "1", "-1", "19737", "65535", "65536", "-25567", "1705314600", "1705314600.5", "1705314600500",
            "1705314600123.456", "99999999999", "100000000000", "1e3", "1E+30", "+1705314600", "1705314600.",
            ".5", "12345678901234567", "-0.05", "1.5", "2024.0115");

    @Test
    void inputsGiveTheBytesOrTheErrorOfTheTextPath() {
        for (String type : TYPES) {
            for (String input : INPUTS) {
                assertSameAsText(type, input);
            }
        }
    }

    @Test
    void mutatedTimestampsGiveTheBytesOrTheErrorOfTheTextPath() {
        SplittableRandom random = new SplittableRandom(7);
        int values = 0;
        int errors = 0;
        for (int i = 0; i < 30_000; i++) {
            String input = mutate(randomTimestamp(random), random);
            for (String type : TYPES) {
                if (assertSameAsText(type, input).startsWith("error")) {
                    errors++;
                } else {
                    values++;
                }
            }
        }
        // The generator must reach both sides of every check, or this test would prove little.
        assertTrue(values > 40_000, "values: " + values);
        assertTrue(errors > 40_000, "errors: " + errors);
    }

    @Test
    void commonFormsAreReadFromBytes() {
        for (String text : List.of("2026-11-25 00:00:00.001", "2024-01-15T10:30:00Z", "2024-01-15T12:30:00+02:00",
                "2024-01-15T11:30:00+0100", "2024-01-15T07:30:00-03", "2024-02-29 23:59:59.123456789",
                "1900-01-01", "9999-12-31T23:59:59.999999999-18:00", "0000-03-01T00:00")) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            assertEquals(Timestamps.parse(text, ZoneOffset.UTC), Timestamps.parseIso(utf8, 0, utf8.length,
                    ZoneOffset.UTC), text);
            assertNotNull(Timestamps.parseIso(utf8, 0, utf8.length, ZoneOffset.UTC), text);
        }
        for (String text : List.of("2024-01-15", "2024-02-29", "1900-01-01", "2299-12-31", "0000-01-01",
                "9999-12-31")) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            assertEquals(LocalDate.parse(text).toEpochDay(), Timestamps.epochDay(utf8, 0, utf8.length), text);
        }
    }

    @Test
    void zoneLessTextInAZoneWithRulesIsLeftToTheTextPath() {
        byte[] local = "2024-01-15 10:30:00".getBytes(StandardCharsets.UTF_8);
        assertNull(Timestamps.parseIso(local, 0, local.length, null));
        byte[] withOffset = "2024-01-15T10:30:00+01:00".getBytes(StandardCharsets.UTF_8);
        assertEquals(Timestamps.parse("2024-01-15T09:30:00Z", ZoneOffset.UTC),
                Timestamps.parseIso(withOffset, 0, withOffset.length, null));
    }

    @Test
    void onlyTheGivenBytesAreRead() {
        // Digits either side: a reader straying past its slice would read another time.
        byte[] padded = "92024-01-15T10:30:00.1235".getBytes(StandardCharsets.UTF_8);
        assertEquals(Timestamps.parse("2024-01-15T10:30:00.123", ZoneOffset.UTC),
                Timestamps.parseIso(padded, 1, padded.length - 2, ZoneOffset.UTC));
        assertEquals(LocalDate.parse("2024-01-15").toEpochDay(), Timestamps.epochDay(padded, 1, 10));
        assertNotEquals(Timestamps.parseIso(padded, 1, padded.length - 2, ZoneOffset.UTC),
                Timestamps.parseIso(padded, 1, padded.length - 1, ZoneOffset.UTC));
    }

    /**
     * Asserts that the bytes paths, given the text in the middle of a larger array, write what the text paths
     * write, or fail with their message; returns that outcome.
     */
    private static String assertSameAsText(String type, String text) {
        ValueEncoder encoder = Encode.encoder(type);
        byte[] utf8 = ("9" + text + "9").getBytes(StandardCharsets.UTF_8);
        int length = utf8.length - 2;
        String expected = outcome(out -> encoder.writeText(text, out));
        assertEquals(expected, outcome(out -> encoder.writeUtf8Text(utf8, 1, length, out)), type + " text " + text);
        assertEquals(outcome(out -> encoder.writeJson(TextNode.valueOf(text), out)),
                outcome(out -> encoder.writeJsonString(utf8, 1, length, out)), type + " JSON " + text);
        return expected;
    }

    /** The hex bytes written, or the error; a failed write must leave nothing behind. */
    private static String outcome(Write write) {
        RowBuffer out = new RowBuffer(4);
        try {
            write.to(out);
            return Hex.of(out.toByteArray());
        } catch (InvalidValueException e) {
            return "error " + e.getMessage() + " after " + Hex.of(out.toByteArray());
        }
    }

    private interface Write {
        void to(RowBuffer out);
    }

    /** A date-time of random form whose fields stray a little past their ranges. */
    private static String randomTimestamp(SplittableRandom random) {
        int year = random.nextInt(4) == 0 ? random.nextInt(10_000) : random.nextInt(1890, 2310);
        StringBuilder text = new StringBuilder(String.format("%04d-%02d-%02d", year, random.nextInt(14),
                random.nextInt(33)));
        if (random.nextInt(5) == 0) {
            return text.toString();
        }
        text.append(random.nextBoolean() ? 'T' : ' ');
        text.append(String.format("%02d:%02d", random.nextInt(25), random.nextInt(61)));
        if (random.nextInt(4) > 0) {
            text.append(String.format(":%02d", random.nextInt(61)));
            if (random.nextBoolean()) {
                text.append('.');
                int digits = random.nextInt(11);
                for (int i = 0; i < digits; i++) {
                    text.append((char) ('0' + random.nextInt(10)));
                }
            }
        }
        switch (random.nextInt(6)) {
            case 0 -> text.append('Z');
            case 1 -> text.append(String.format("%c%02d:%02d", random.nextBoolean() ? '+' : '-', random.nextInt(20),
                    random.nextInt(61)));
            case 2 -> text.append(String.format("%c%02d%02d", random.nextBoolean() ? '+' : '-', random.nextInt(20),
                    random.nextInt(61)));
            case 3 -> text.append(String.format("%c%02d", random.nextBoolean() ? '+' : '-', random.nextInt(20)));
            default -> {
            }
        }
        return text.toString();
    }

    private static final String ALPHABET = "0123456789-:.TZ+ e9é٣\u00ff";

    /** Half the time as is, else with one to three characters replaced, inserted or deleted. */
    private static String mutate(String text, SplittableRandom random) {
        if (random.nextBoolean()) {
            return text;
        }
        List<Character> chars = new ArrayList<>();
        for (char c : text.toCharArray()) {
            chars.add(c);
        }
        int edits = random.nextInt(1, 4);
        for (int i = 0; i < edits; i++) {
            char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            int at = random.nextInt(chars.size() + 1);
            switch (random.nextInt(3)) {
                case 0 -> chars.add(at, c);
                case 1 -> {
                    if (at < chars.size()) {
                        chars.set(at, c);
                    }
                }
                default -> {
                    if (at < chars.size()) {
                        chars.remove(at);
                    }
                }
            }
        }
        StringBuilder mutated = new StringBuilder();
        chars.forEach(mutated::append);
        return mutated.toString();
    }
}
