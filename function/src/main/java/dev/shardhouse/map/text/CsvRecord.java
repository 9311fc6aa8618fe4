package dev.shardhouse.map.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV record (one row, RFC 4180): fields separated by commas; a field in double quotes may hold commas,
 * line breaks and doubled quotes ({@code ""} for {@code "}). An unquoted {@code \N} is NULL, as in ClickHouse's CSV;
 * a quoted one is the two characters. A quote inside an unquoted field, text after a closing quote, or a line break
 * outside quotes makes the record malformed.
 */
public final class CsvRecord {

    private CsvRecord() {
    }

    /**
     * The fields of a record, a null element standing for NULL.
     *
     * @throws MalformedRecordException for invalid UTF-8 or broken quoting, naming the field
     */
    public static List<String> fields(byte[] record) {
        String line = Utf8.decode(record, 0, LineEnd.contentLength(record));
        List<String> fields = new ArrayList<>();
        int pos = 0;
        while (true) {
            int field = fields.size() + 1;
            if (pos < line.length() && line.charAt(pos) == '"') {
                pos = readQuoted(line, pos + 1, field, fields);
                if (pos < line.length() && line.charAt(pos) != ',') {
                    throw new MalformedRecordException(
                            "CSV field " + field + ": unexpected character after the closing quote");
                }
            } else {
                pos = readUnquoted(line, pos, field, fields);
            }
            if (pos >= line.length()) {
                return fields;
            }
            pos++;
        }
    }

    /** Reads a quoted field starting after its opening quote; returns the position after the closing quote. */
    private static int readQuoted(String line, int from, int field, List<String> fields) {
        StringBuilder value = new StringBuilder();
        int pos = from;
        while (pos < line.length()) {
            char c = line.charAt(pos++);
            if (c != '"') {
                value.append(c);
            } else if (pos < line.length() && line.charAt(pos) == '"') {
                value.append('"');
                pos++;
            } else {
                fields.add(value.toString());
                return pos;
            }
        }
        throw new MalformedRecordException("CSV field " + field + ": quoted field has no closing quote");
    }

    /** Reads an unquoted field; returns the position of the comma or end that ends it. */
    private static int readUnquoted(String line, int from, int field, List<String> fields) {
        int pos = from;
        while (pos < line.length() && line.charAt(pos) != ',') {
            char c = line.charAt(pos);
            if (c == '"') {
                throw new MalformedRecordException("CSV field " + field + ": quote inside an unquoted field");
            }
            if (c == '\n' || c == '\r') {
                throw new MalformedRecordException("CSV field " + field
                        + ": line break outside quotes; a record must hold exactly one row");
            }
            pos++;
        }
        String value = line.substring(from, pos);
        fields.add(value.equals("\\N") ? null : value);
        return pos;
    }
}
