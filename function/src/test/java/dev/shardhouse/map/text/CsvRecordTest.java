package dev.shardhouse.map.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordTest {

    private static List<String> fields(String record) {
        return Fields.of(CsvRecord::split, record);
    }

    private static String failure(String record) {
        return assertThrows(MalformedRecordException.class, () -> fields(record)).getMessage();
    }

    @Test
    void plainFieldsSplitOnCommas() {
        assertEquals(List.of("1", "abc", "2.5"), fields("1,abc,2.5"));
        assertEquals(List.of(" a ", "b"), fields(" a ,b"), "spaces are data");
    }

    @Test
    void emptyFieldsAreKept() {
        assertEquals(List.of(""), fields(""));
        assertEquals(List.of("a", "", ""), fields("a,,"));
        assertEquals(List.of("", "b"), fields(",b"));
    }

    @Test
    void quotedFieldsHoldCommasLineBreaksAndDoubledQuotes() {
        assertEquals(List.of("Smith, J", "line1\nline2", "say \"hi\"", ""),
                fields("\"Smith, J\",\"line1\nline2\",\"say \"\"hi\"\"\",\"\""));
    }

    @Test
    void unquotedBackslashNIsNullButQuotedIsText() {
        assertEquals(Arrays.asList("a", null, "\\N"), fields("a,\\N,\"\\N\""));
    }

    @Test
    void oneTrailingLineBreakIsNotData() {
        assertEquals(List.of("a", "b"), fields("a,b\n"));
        assertEquals(List.of("a", "b"), fields("a,b\r\n"));
        assertEquals(List.of("a", "b\n"), fields("a,\"b\n\"\n"));
    }

    @Test
    void brokenQuotingIsMalformed() {
        assertEquals("CSV field 2: quoted field has no closing quote", failure("a,\"open"));
        assertEquals("CSV field 1: unexpected character after the closing quote", failure("\"a\"b,c"));
        assertEquals("CSV field 2: quote inside an unquoted field", failure("a,b\"c"));
    }

    @Test
    void aSecondRowIsMalformed() {
        assertEquals("CSV field 2: line break outside quotes; a record must hold exactly one row", failure("a,b\nc,d"));
    }

    /** Plain text is skipped 8 bytes at a time: separators must be found wherever they fall in those words. */
    @Test
    void separatorsAreFoundAtEveryPositionOfALongRecord() {
        String tail = "y".repeat(20);
        for (int at = 0; at < 20; at++) {
            String head = "é".repeat(at % 3) + "x".repeat(at);
            assertEquals(List.of(head, tail), fields(head + "," + tail));
            assertEquals(List.of(head + "\"q,\n" + tail, "z"), fields("\"" + head + "\"\"q,\n" + tail + "\",z"));
            assertEquals(Arrays.asList(head, null), fields(head + ",\\N"));
            assertEquals("CSV field 2: quote inside an unquoted field", failure("a,z" + head + "\"" + tail));
            assertEquals("CSV field 1: line break outside quotes; a record must hold exactly one row",
                    failure(head + "\r" + tail));
            assertEquals("CSV field 2: quoted field has no closing quote", failure("a,\"" + head + tail));
        }
    }

    @Test
    void reusedFieldsHoldOnlyTheLatestRecord() {
        TextFields fields = new TextFields();
        CsvRecord.split("first,\\N,third".getBytes(StandardCharsets.UTF_8), fields);
        CsvRecord.split("\"x\"\"\",y".getBytes(StandardCharsets.UTF_8), fields);
        assertEquals(2, fields.count());
        assertEquals("x\"", new String(fields.text(), fields.start(0), fields.length(0), StandardCharsets.UTF_8));
        assertEquals("y", new String(fields.text(), fields.start(1), fields.length(1), StandardCharsets.UTF_8));
    }

    @Test
    void invalidUtf8IsMalformed() {
        MalformedRecordException e = assertThrows(MalformedRecordException.class,
                () -> Fields.of(CsvRecord::split, new byte[] {'a', ',', (byte) 0xC3, '(', '\n'}));
        assertEquals("not valid UTF-8: invalid byte sequence at byte 2", e.getMessage());
    }
}
