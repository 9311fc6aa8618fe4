package dev.shardhouse.map.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TsvRecordTest {

    private static List<String> fields(String record) {
        return Fields.of(TsvRecord::split, record);
    }

    private static String failure(String record) {
        return assertThrows(MalformedRecordException.class, () -> fields(record)).getMessage();
    }

    @Test
    void fieldsSplitOnTabs() {
        assertEquals(List.of("1", "a b", ""), fields("1\ta b\t"));
        assertEquals(List.of(""), fields(""));
        assertEquals(List.of("a", "b"), fields("a\tb\n"), "one trailing line break is not data");
    }

    @Test
    void clickHouseEscapesAreDecoded() {
        assertEquals(List.of("tab\there", "line\nbreak", "back\\slash", "nul\0", "it's", "\b\f\r\u0007\u000b", "q"),
                fields("tab\\there\tline\\nbreak\tback\\\\slash\tnul\\0\tit\\'s\t\\b\\f\\r\\a\\v\t\\q"));
    }

    @Test
    void hexEscapesMayBuildMultiByteCharacters() {
        assertEquals(List.of("é!"), fields("\\xC3\\xa9\\x21"));
    }

    @Test
    void backslashLineBreakIsALineBreak() {
        assertEquals(List.of("a\nb"), fields("a\\\nb"));
    }

    @Test
    void wholeFieldBackslashNIsNull() {
        assertEquals(Arrays.asList(null, "\\N", "xN"), fields("\\N\t\\\\N\tx\\N"));
    }

    @Test
    void malformedRecordsNameTheField() {
        assertEquals("TSV field 2: raw line break; a record must hold exactly one row (escape it as \\n)",
                failure("a\tb\nc"));
        assertEquals("TSV field 1: backslash at the end of the record", failure("abc\\"));
        assertEquals("TSV field 1: \\x must be followed by two hex digits", failure("\\xZZ"));
        assertEquals("TSV field 1: \\x must be followed by two hex digits", failure("\\x4"));
        assertEquals("TSV field 2: \\x escapes produce invalid UTF-8", failure("ok\t\\xff"));
    }

    /** Plain text is skipped 8 bytes at a time: tabs and escapes must be found wherever they fall in those words. */
    @Test
    void tabsAndEscapesAreFoundAtEveryPositionOfALongRecord() {
        String tail = "y".repeat(20);
        for (int at = 0; at < 20; at++) {
            String head = "é".repeat(at % 3) + "x".repeat(at);
            assertEquals(List.of(head, tail), fields(head + "\t" + tail));
            assertEquals(List.of(head + "\t" + tail + "\\", "z"), fields(head + "\\t" + tail + "\\\\\tz"));
            assertEquals(List.of(head + "é"), fields(head + "\\xc3\\xa9"));
            assertEquals(Arrays.asList(head, null), fields(head + "\t\\N"));
            assertEquals("TSV field 2: raw line break; a record must hold exactly one row (escape it as \\n)",
                    failure("a\t" + head + "\r" + tail));
        }
    }

    @Test
    void invalidUtf8IsMalformed() {
        MalformedRecordException e = assertThrows(MalformedRecordException.class,
                () -> Fields.of(TsvRecord::split, new byte[] {'a', '\t', (byte) 0xFF}));
        assertEquals("not valid UTF-8: invalid byte sequence at byte 2", e.getMessage());
    }
}
