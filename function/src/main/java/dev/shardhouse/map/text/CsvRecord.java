package dev.shardhouse.map.text;

/**
 * Splits one CSV record (one row, RFC 4180): fields separated by commas; a field in double quotes may hold commas,
 * line breaks and doubled quotes ({@code ""} for {@code "}). An unquoted {@code \N} is NULL, as in ClickHouse's CSV;
 * a quoted one is the two characters. A quote inside an unquoted field, text after a closing quote, or a line break
 * outside quotes makes the record malformed. Splits bytes: the separators are ASCII, which UTF-8 never uses inside
 * a multi-byte character.
 */
public final class CsvRecord {

    private CsvRecord() {
    }

    /**
     * Reads the fields of a record into {@code fields}, replacing what they held.
     *
     * @throws MalformedRecordException for invalid UTF-8 or broken quoting, naming the field
     */
    public static void split(byte[] record, TextFields fields) {
        int end = fields.startRecord(record);
        int pos = 0;
        while (true) {
            int field = fields.fieldNumber();
            if (pos < end && record[pos] == '"') {
                pos = readQuoted(record, pos + 1, end, fields);
                if (pos < end && record[pos] != ',') {
                    throw new MalformedRecordException(
                            "CSV field " + field + ": unexpected character after the closing quote");
                }
            } else {
                pos = readUnquoted(record, pos, end, fields);
            }
            if (pos >= end) {
                return;
            }
            pos++;
        }
    }

    /** Reads a quoted field starting after its opening quote; returns the position after the closing quote. */
    private static int readQuoted(byte[] record, int from, int end, TextFields fields) {
        int chunk = from;
        int pos = from;
        while (pos < end) {
            if (pos + Long.BYTES <= end && !ByteWords.hasByte(ByteWords.at(record, pos), (byte) '"')) {
                pos += Long.BYTES;
            } else if (record[pos] != '"') {
                pos++;
            } else if (pos + 1 < end && record[pos + 1] == '"') {
                fields.append(record, chunk, pos + 1);
                pos += 2;
                chunk = pos;
            } else {
                fields.append(record, chunk, pos);
                fields.endField();
                return pos + 1;
            }
        }
        throw new MalformedRecordException(
                "CSV field " + fields.fieldNumber() + ": quoted field has no closing quote");
    }

    /** Reads an unquoted field; returns the position of the comma or end that ends it. */
    private static int readUnquoted(byte[] record, int from, int end, TextFields fields) {
        int pos = from;
        while (pos < end) {
            if (pos + Long.BYTES <= end && isPlainText(ByteWords.at(record, pos))) {
                pos += Long.BYTES;
                continue;
            }
            byte b = record[pos];
            if (b == ',') {
                break;
            }
            if (b == '"') {
                throw new MalformedRecordException(
                        "CSV field " + fields.fieldNumber() + ": quote inside an unquoted field");
            }
            if (b == '\n' || b == '\r') {
                throw new MalformedRecordException("CSV field " + fields.fieldNumber()
                        + ": line break outside quotes; a record must hold exactly one row");
            }
            pos++;
        }
        if (TextFields.isNullMarker(record, from, pos)) {
            fields.endNullField();
        } else {
            fields.append(record, from, pos);
            fields.endField();
        }
        return pos;
    }

    /** No comma, quote or line break (nor any other byte below 0x0E, which then goes byte by byte). */
    private static boolean isPlainText(long word) {
        return !ByteWords.hasByte(word, (byte) ',') && !ByteWords.hasByte(word, (byte) '"')
                && !ByteWords.hasByteBelow(word, '\r' + 1);
    }
}
