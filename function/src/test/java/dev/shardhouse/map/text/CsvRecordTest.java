package dev.shardhouse.map.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordTest {

    private static List<String> fields(String record) {
        return CsvRecord.fields(record.getBytes(StandardCharsets.UTF_8));
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

    @Test
    void invalidUtf8IsMalformed() {
        MalformedRecordException e = assertThrows(MalformedRecordException.class,
                () -> CsvRecord.fields(new byte[] {'a', ',', (byte) 0xC3, '(', '\n'}));
        assertEquals("not valid UTF-8: invalid byte sequence at byte 2", e.getMessage());
    }
}
