package dev.shardhouse.map.text;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The CSV and TSV rules of {@link CsvRecord} and {@link TsvRecord} read the slow way, one byte at a time with no
 * word-at-a-time skipping, and UTF-8 checked by the JDK's strict decoder: the oracle of their fuzz test. A record
 * reads to its fields (null for NULL) or to the exception, with the message, that the splitter must throw.
 */
final class ReferenceSplitter {

    private ReferenceSplitter() {
    }

    static List<String> csv(byte[] record) {
        int end = contentEnd(record);
        List<String> fields = new ArrayList<>();
        int pos = 0;
        while (true) {
            int field = fields.size() + 1;
            ByteArrayOutputStream value = new ByteArrayOutputStream();
            if (pos < end && record[pos] == '"') {
                pos++;
                while (true) {
                    if (pos == end) {
                        throw new MalformedRecordException("CSV field " + field + ": quoted field has no closing quote");
                    }
                    if (record[pos] == '"' && (pos + 1 == end || record[pos + 1] != '"')) {
                        break;
                    }
                    value.write(record[pos]);
                    pos += record[pos] == '"' ? 2 : 1;
                }
                pos++;
                if (pos < end && record[pos] != ',') {
                    throw new MalformedRecordException(
                            "CSV field " + field + ": unexpected character after the closing quote");
                }
                fields.add(utf8(value));
            } else {
                for (; pos < end && record[pos] != ','; pos++) {
                    if (record[pos] == '"') {
                        throw new MalformedRecordException("CSV field " + field + ": quote inside an unquoted field");
                    }
                    if (record[pos] == '\n' || record[pos] == '\r') {
                        throw new MalformedRecordException("CSV field " + field
                                + ": line break outside quotes; a record must hold exactly one row");
                    }
                    value.write(record[pos]);
                }
                String text = utf8(value);
                fields.add(text.equals("\\N") ? null : text);
            }
            if (pos >= end) {
                return fields;
            }
            pos++;
        }
    }

    static List<String> tsv(byte[] record) {
        int end = contentEnd(record);
        List<String> fields = new ArrayList<>();
        int pos = 0;
        while (true) {
            int field = fields.size() + 1;
            int start = pos;
            ByteArrayOutputStream value = new ByteArrayOutputStream();
            for (; pos < end && record[pos] != '\t'; pos++) {
                byte b = record[pos];
                if (b == '\n' || b == '\r') {
                    throw new MalformedRecordException("TSV field " + field
                            + ": raw line break; a record must hold exactly one row (escape it as \\n)");
                }
                if (b != '\\') {
                    value.write(b);
                } else if (++pos == end) {
                    throw new MalformedRecordException("TSV field " + field + ": backslash at the end of the record");
                } else if (record[pos] == 'x') {
                    if (pos + 2 >= end || hex(record[pos + 1]) < 0 || hex(record[pos + 2]) < 0) {
                        throw new MalformedRecordException(
                                "TSV field " + field + ": \\x must be followed by two hex digits");
                    }
                    value.write(hex(record[pos + 1]) * 16 + hex(record[pos + 2]));
                    pos += 2;
                } else {
                    value.write(TsvRecord.unescape(record[pos]));
                }
            }
            boolean isNull = pos - start == 2 && record[start] == '\\' && record[start + 1] == 'N';
            if (isNull) {
                fields.add(null);
            } else if (decodes(value.toByteArray())) {
                fields.add(utf8(value));
            } else {
                throw new MalformedRecordException("TSV field " + field + ": \\x escapes produce invalid UTF-8");
            }
            if (pos >= end) {
                return fields;
            }
            pos++;
        }
    }

    /** Without one trailing line end; refuses content that the JDK's strict decoder cannot read. */
    private static int contentEnd(byte[] record) {
        int end = record.length;
        if (end > 0 && record[end - 1] == '\n') {
            end -= end > 1 && record[end - 2] == '\r' ? 2 : 1;
        }
        if (!decodes(Arrays.copyOf(record, end))) {
            throw new MalformedRecordException("not valid UTF-8");
        }
        return end;
    }

    static boolean decodes(byte[] bytes) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            strict.decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String utf8(ByteArrayOutputStream value) {
        return value.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte digit) {
        return "0123456789abcdef".indexOf(Character.toLowerCase((char) (digit & 0xFF)));
    }
}
