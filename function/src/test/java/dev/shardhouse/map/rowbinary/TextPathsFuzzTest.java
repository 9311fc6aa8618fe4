package dev.shardhouse.map.rowbinary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.shardhouse.map.text.Utf8;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The readers of values given as bytes against their text paths: every encoder writes a value from its UTF-8 bytes
 * exactly as from the String of them (same bytes, or same refusal), the byte timestamp readers agree with the
 * java.time ones, and the number reader with a regular expression of its grammar and BigDecimal. Regression mode
 * replays the corpus in {@code TextPathsFuzzTestInputs/}; bin/fuzz fuzzes.
 */
class TextPathsFuzzTest {

    private static final List<ValueEncoder> ENCODERS = FuzzedTypes.ALL.stream().map(Encode::encoder).toList();
    /** Bytes around the value, so that the readers' offsets are exercised too. */
    private static final int MARGIN = 3;
    private static final ZoneOffset INDIA = ZoneOffset.ofHoursMinutes(5, 30);
    /** {@link Numbers#isDecimal}'s grammar, written the other way. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final int MAX_NUMBER_CHARS = 1000;

    static {
        // Loads (and when fuzzing, instruments) every encoder and Jackson before the first input, whose run time the
        // fuzzer limits: on a loaded machine class loading alone ran past the limit, reported as a timeout.
        ENCODERS.forEach(encoder -> Written.by(out -> encoder.writeText("[1]", out)));
    }

    @FuzzTest
    void everyEncoderWritesBytesAsItWritesTheirText(FuzzedDataProvider fuzz) {
        ValueEncoder encoder = ENCODERS.get(fuzz.consumeInt(0, ENCODERS.size() - 1));
        byte[] framed = fuzz.consumeRemainingAsBytes();
        if (framed.length < 2 * MARGIN) {
            return;
        }
        int length = framed.length - 2 * MARGIN;
        if (!Utf8.isValid(framed, MARGIN, length)) {
            return; // the byte paths are given valid UTF-8 only: records are checked before they are read
        }
        String text = new String(framed, MARGIN, length, StandardCharsets.UTF_8);

        assertEquals(Written.by(out -> encoder.writeText(text, out)),
                Written.by(out -> encoder.writeUtf8Text(framed, MARGIN, length, out)), "text vs UTF-8 text: " + text);
        assertEquals(Written.by(out -> encoder.writeJson(TextNode.valueOf(text), out)),
                Written.by(out -> encoder.writeJsonString(framed, MARGIN, length, out)), "JSON string: " + text);
    }

    /** What the byte readers accept, the java.time readers read to the same instant and day. */
    @FuzzTest
    void timestampBytesReadAsTheirText(byte[] utf8) {
        String text = new String(utf8, StandardCharsets.ISO_8859_1);
        for (ZoneOffset zone : new ZoneOffset[] {ZoneOffset.UTC, INDIA}) {
            Instant fromBytes = Timestamps.parseIso(utf8, 0, utf8.length, zone);
            if (fromBytes != null) {
                assertEquals(Timestamps.parse(text, zone), fromBytes, text + " in " + zone);
            }
        }
        Instant withOffset = Timestamps.parseIso(utf8, 0, utf8.length, null);
        if (withOffset != null) {
            assertEquals(Timestamps.parse(text, ZoneId.of("Europe/Berlin")), withOffset, text);
        }
        long day = Timestamps.epochDay(utf8, 0, utf8.length);
        if (day != Timestamps.NOT_A_DATE) {
            LocalDate date = Timestamps.parseDate(text);
            assertEquals(date == null ? null : date.toEpochDay(), day, text);
        }
    }

    /** The decimal grammar as the regular expression reads it, the value as BigDecimal reads it. */
    @FuzzTest
    void numbersReadAsBigDecimalReadsThem(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        boolean grammar = text.length() <= MAX_NUMBER_CHARS && DECIMAL.matcher(text).matches();
        assertEquals(grammar, Numbers.isDecimal(text), text);

        BigDecimal value = Numbers.parseDecimal(text);
        BigDecimal expected = grammar ? bigDecimalOrNull(text) : null;
        assertEquals(expected, value, text);
        if (value != null) {
            assertEquals(exactLongOrNull(value), Numbers.exactLong(value), text);
        }
    }

    private static BigDecimal bigDecimalOrNull(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long exactLongOrNull(BigDecimal value) {
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }
}
