package dev.shardhouse.map;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.shardhouse.map.rowbinary.JsonInput;
import dev.shardhouse.map.rowbinary.RowBuffer;
import dev.shardhouse.map.text.ByteWords;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A JSON record read in one pass over its bytes, without a tree, for the common shape: one object whose values are
 * strings without escapes, numbers, booleans and nulls. A string value reaches its column as the record's own
 * UTF-8 bytes. Anything else (nesting, escapes, duplicate keys, values beyond Jackson's limits, any syntax error)
 * makes {@link #read} return false, and the record goes to Jackson's tree instead: every accepted record is one the
 * tree reads without error, each column gets the value the tree would give it, and every error message stays
 * Jackson's. The record must already be valid UTF-8.
 *
 * <p>Not thread-safe: one instance per thread, reused record after record.
 */
final class FlatJsonObject implements Payload {

    private static final int ABSENT = 0;
    private static final int NULL = 1;
    private static final int TRUE = 2;
    private static final int FALSE = 3;
    private static final int STRING = 4;
    /** An integer of at most {@link #MAX_LONG_DIGITS} digits. */
    private static final int INTEGER = 5;
    /** A number with a fraction or an exponent. */
    private static final int DECIMAL = 6;

    /** Digits that always fit a long; longer integers go to the tree (which makes a BigInteger of them). */
    private static final int MAX_LONG_DIGITS = 18;
    /** Longer numbers go to the tree, whose own limit (1000) and messages then apply. */
    private static final int MAX_NUMBER_BYTES = 64;
    /** Longer exponents can overflow a BigDecimal's scale; the tree then reports the record. */
    private static final int MAX_EXPONENT_DIGITS = 9;
    /** Keys that name no payload column, remembered to refuse duplicates; a record with more goes to the tree. */
    private static final int MAX_UNKNOWN_KEYS = 32;
    private static final StreamReadConstraints LIMITS = JsonInput.LIMITS;

    /** Payload column names in UTF-8, by payload index. */
    private final byte[][] names;
    private final int[] kinds;
    private final int[] starts;
    private final int[] ends;
    private final int[] unknownStarts = new int[MAX_UNKNOWN_KEYS];
    private final int[] unknownEnds = new int[MAX_UNKNOWN_KEYS];
    private int unknownCount;
    private byte[] data;
    private int pos;

    FlatJsonObject(List<ColumnEncoder> payloadColumns) {
        names = new byte[payloadColumns.size()][];
        for (int i = 0; i < names.length; i++) {
            names[i] = payloadColumns.get(i).name().getBytes(StandardCharsets.UTF_8);
        }
        kinds = new int[names.length];
        starts = new int[names.length];
        ends = new int[names.length];
    }

    /** Reads a record; false when it must go to the tree instead. */
    boolean read(byte[] record) {
        data = record;
        pos = 0;
        unknownCount = 0;
        Arrays.fill(kinds, ABSENT);
        skipWhitespace();
        if (!accept('{')) {
            return false;
        }
        skipWhitespace();
        if (accept('}')) {
            return atEnd();
        }
        for (int keyNumber = 0; ; keyNumber++) {
            if (!accept('"')) {
                return false;
            }
            int keyStart = pos;
            if (!skipString(LIMITS.getMaxNameLength())) {
                return false;
            }
            int keyEnd = pos++;
            skipWhitespace();
            if (!accept(':')) {
                return false;
            }
            skipWhitespace();
            int column = column(keyStart, keyEnd, keyNumber);
            boolean fresh = column >= 0 ? kinds[column] == ABSENT : rememberUnknown(keyStart, keyEnd);
            if (!fresh || !readValue(column)) {
                return false;
            }
            skipWhitespace();
            if (accept('}')) {
                return atEnd();
            }
            if (!accept(',')) {
                return false;
            }
            skipWhitespace();
        }
    }

    @Override
    public void writeColumn(ColumnEncoder column, int index, RowBuffer out) {
        int start = starts[index];
        int length = ends[index] - start;
        switch (kinds[index]) {
            case ABSENT -> column.writeJson(null, out);
            case NULL -> column.writeJson(NullNode.getInstance(), out);
            case TRUE -> column.writeJson(BooleanNode.TRUE, out);
            case FALSE -> column.writeJson(BooleanNode.FALSE, out);
            case STRING -> column.writeJsonString(data, start, length, out);
            case INTEGER -> column.writeJson(integer(start, length), out);
            default -> column.writeJson(DecimalNode.valueOf(
                    new BigDecimal(new String(data, start, length, StandardCharsets.US_ASCII))), out);
        }
    }

    @Override
    public List<String> unknownKeys() {
        if (unknownCount == 0) {
            return List.of();
        }
        String[] keys = new String[unknownCount];
        for (int i = 0; i < unknownCount; i++) {
            keys[i] = new String(data, unknownStarts[i], unknownEnds[i] - unknownStarts[i], StandardCharsets.UTF_8);
        }
        return List.of(keys);
    }

    @Override
    public boolean absent(ColumnEncoder column, int payloadIndex) {
        return kinds[payloadIndex] == ABSENT;
    }

    /** As the tree holds an integer: an IntNode when the value fits an int, else a LongNode. */
    private JsonNode integer(int start, int length) {
        boolean negative = data[start] == '-';
        long value = 0;
        for (int i = negative ? start + 1 : start; i < start + length; i++) {
            value = value * 10 + (data[i] - '0');
        }
        value = negative ? -value : value;
        return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
    }

    /**
     * The payload index of the column the key names, or -1. Keys usually come in table order, so the column at the
     * key's own position is tried first.
     */
    private int column(int keyStart, int keyEnd, int keyNumber) {
        if (keyNumber < names.length && nameEquals(names[keyNumber], keyStart, keyEnd)) {
            return keyNumber;
        }
        for (int i = 0; i < names.length; i++) {
            if (nameEquals(names[i], keyStart, keyEnd)) {
                return i;
            }
        }
        return -1;
    }

    private boolean nameEquals(byte[] name, int keyStart, int keyEnd) {
        return Arrays.equals(name, 0, name.length, data, keyStart, keyEnd);
    }

    /** False when the key was seen before (the tree refuses duplicates) or there are too many to remember. */
    private boolean rememberUnknown(int keyStart, int keyEnd) {
        for (int i = 0; i < unknownCount; i++) {
            if (Arrays.equals(data, unknownStarts[i], unknownEnds[i], data, keyStart, keyEnd)) {
                return false;
            }
        }
        if (unknownCount == MAX_UNKNOWN_KEYS) {
            return false;
        }
        unknownStarts[unknownCount] = keyStart;
        unknownEnds[unknownCount++] = keyEnd;
        return true;
    }

    /** Reads one scalar value, recording it for the column unless the column is -1. */
    private boolean readValue(int column) {
        int start = pos;
        int kind;
        if (accept('"')) {
            start = pos;
            if (!skipString(LIMITS.getMaxStringLength())) {
                return false;
            }
            kind = STRING;
        } else if (acceptLiteral("null")) {
            kind = NULL;
        } else if (acceptLiteral("true")) {
            kind = TRUE;
        } else if (acceptLiteral("false")) {
            kind = FALSE;
        } else {
            kind = number();
            if (kind < 0) {
                return false;
            }
        }
        if (column >= 0) {
            kinds[column] = kind;
            starts[column] = start;
            ends[column] = pos;
        }
        if (kind == STRING) {
            pos++;
        }
        return true;
    }

    /**
     * Moves to the closing quote of a string whose opening quote was just read. False on an escape or a control
     * character (left to the tree), at the end of the record, or beyond {@code maxBytes}: a byte count within
     * Jackson's character limit keeps the character count within it too.
     */
    private boolean skipString(int maxBytes) {
        int start = pos;
        while (pos + Long.BYTES <= data.length && isPlainStringText(ByteWords.at(data, pos))) {
            pos += Long.BYTES;
        }
        while (pos < data.length) {
            int b = data[pos] & 0xFF;
            if (b == '"') {
                return pos - start <= maxBytes;
            }
            if (b == '\\' || b < 0x20) {
                return false;
            }
            pos++;
        }
        return false;
    }

    private static boolean isPlainStringText(long word) {
        return !ByteWords.hasByte(word, (byte) '"') && !ByteWords.hasByte(word, (byte) '\\')
                && !ByteWords.hasByteBelow(word, 0x20);
    }

    /** A JSON number (RFC 8259 grammar) as INTEGER or DECIMAL, or -1 when it is not one or too long. */
    private int number() {
        int start = pos;
        accept('-');
        int integerDigits = digits();
        if (integerDigits == 0 || (integerDigits > 1 && data[pos - integerDigits] == '0')) {
            return -1;
        }
        int kind = INTEGER;
        if (accept('.')) {
            kind = DECIMAL;
            if (digits() == 0) {
                return -1;
            }
        }
        if (accept('e') || accept('E')) {
            kind = DECIMAL;
            if (!accept('+')) {
                accept('-');
            }
            int exponentDigits = digits();
            if (exponentDigits == 0 || exponentDigits > MAX_EXPONENT_DIGITS) {
                return -1;
            }
        }
        if (pos - start > MAX_NUMBER_BYTES || (kind == INTEGER && integerDigits > MAX_LONG_DIGITS)) {
            return -1;
        }
        return kind;
    }

    private int digits() {
        int start = pos;
        while (pos < data.length && data[pos] >= '0' && data[pos] <= '9') {
            pos++;
        }
        return pos - start;
    }

    private boolean acceptLiteral(String literal) {
        if (pos + literal.length() > data.length) {
            return false;
        }
        for (int i = 0; i < literal.length(); i++) {
            if (data[pos + i] != literal.charAt(i)) {
                return false;
            }
        }
        pos += literal.length();
        return true;
    }

    private boolean accept(char c) {
        if (pos < data.length && data[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** After the closing brace: only whitespace may follow. */
    private boolean atEnd() {
        skipWhitespace();
        return pos == data.length;
    }

    /** JSON's four whitespace characters. */
    private void skipWhitespace() {
        while (pos < data.length) {
            byte b = data[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }
}
