package dev.shardhouse.map.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one TabSeparated record (one row) the way ClickHouse reads TSV: fields separated by tabs, escapes
 * {@code \b \f \r \n \t \0 \a \v \xHH} and {@code \c} for any other character c (so {@code \\} and {@code \'});
 * a field that is exactly {@code \N} is NULL. A raw line break inside the record is malformed (it must be
 * escaped). Unescaped fields must still be valid UTF-8.
 */
public final class TsvRecord {

    private TsvRecord() {
    }

    /**
     * The fields of a record, a null element standing for NULL.
     *
     * @throws MalformedRecordException for invalid UTF-8, a bad escape or a raw line break, naming the field
     */
    public static List<String> fields(byte[] record) {
        int end = LineEnd.contentLength(record);
        Utf8.requireValid(record, 0, end);
        List<String> fields = new ArrayList<>();
        byte[] value = new byte[end];
        int pos = 0;
        while (true) {
            int field = fields.size() + 1;
            int start = pos;
            int length = 0;
            while (pos < end && record[pos] != '\t') {
                byte b = record[pos++];
                if (b == '\n' || b == '\r') {
                    throw new MalformedRecordException("TSV field " + field
                            + ": raw line break; a record must hold exactly one row (escape it as \\n)");
                }
                if (b != '\\') {
                    value[length++] = b;
                    continue;
                }
                if (pos == end) {
                    throw new MalformedRecordException("TSV field " + field + ": backslash at the end of the record");
                }
                byte escaped = record[pos++];
                if (escaped == 'x') {
                    int hex = pos + 2 <= end ? hexByte(record[pos], record[pos + 1]) : -1;
                    if (hex < 0) {
                        throw new MalformedRecordException(
                                "TSV field " + field + ": \\x must be followed by two hex digits");
                    }
                    value[length++] = (byte) hex;
                    pos += 2;
                } else {
                    value[length++] = unescape(escaped);
                }
            }
            fields.add(isNullMarker(record, start, pos) ? null : text(value, length, field));
            if (pos >= end) {
                return fields;
            }
            pos++;
        }
    }

    private static boolean isNullMarker(byte[] record, int start, int end) {
        return end - start == 2 && record[start] == '\\' && record[start + 1] == 'N';
    }

    private static String text(byte[] value, int length, int field) {
        if (!Utf8.isValid(value, 0, length)) {
            throw new MalformedRecordException("TSV field " + field + ": \\x escapes produce invalid UTF-8");
        }
        return new String(value, 0, length, StandardCharsets.UTF_8);
    }

    private static byte unescape(byte escaped) {
        return switch (escaped) {
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'r' -> '\r';
            case 'n' -> '\n';
            case 't' -> '\t';
            case '0' -> 0;
            case 'a' -> 7;
            case 'v' -> 11;
            default -> escaped;
        };
    }

    private static int hexByte(byte high, byte low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }
}
