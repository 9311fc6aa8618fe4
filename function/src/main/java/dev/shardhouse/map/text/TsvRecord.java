package dev.shardhouse.map.text;

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
     * Reads the fields of a record into {@code fields}, replacing what they held.
     *
     * @throws MalformedRecordException for invalid UTF-8, a bad escape or a raw line break, naming the field
     */
    public static void split(byte[] record, TextFields fields) {
        int end = fields.startRecord(record);
        int pos = 0;
        while (true) {
            int field = fields.fieldNumber();
            int start = pos;
            int chunk = pos;
            while (pos < end) {
                if (pos + Long.BYTES <= end && isPlainText(ByteWords.at(record, pos))) {
                    pos += Long.BYTES;
                    continue;
                }
                byte b = record[pos];
                if (b == '\t') {
                    break;
                }
                if (b == '\n' || b == '\r') {
                    throw new MalformedRecordException("TSV field " + field
                            + ": raw line break; a record must hold exactly one row (escape it as \\n)");
                }
                if (b != '\\') {
                    pos++;
                    continue;
                }
                fields.append(record, chunk, pos++);
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
                    fields.append((byte) hex);
                    pos += 2;
                } else {
                    fields.append(unescape(escaped));
                }
                chunk = pos;
            }
            fields.append(record, chunk, pos);
            if (TextFields.isNullMarker(record, start, pos)) {
                fields.endNullField();
            } else if (fields.currentIsValidUtf8()) {
                fields.endField();
            } else {
                throw new MalformedRecordException("TSV field " + field + ": \\x escapes produce invalid UTF-8");
            }
            if (pos >= end) {
                return;
            }
            pos++;
        }
    }

    /** No tab, backslash or line break (nor any other byte below 0x0E, which then goes byte by byte). */
    private static boolean isPlainText(long word) {
        return !ByteWords.hasByte(word, (byte) '\\') && !ByteWords.hasByteBelow(word, '\r' + 1);
    }

    /** The byte that {@code \c} stands for; the fuzz test's reference splitter reads escapes with it too. */
    static byte unescape(byte escaped) {
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
