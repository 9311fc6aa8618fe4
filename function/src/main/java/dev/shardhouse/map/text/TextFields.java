package dev.shardhouse.map.text;

import java.util.Arrays;

/**
 * The fields of one CSV or TSV record, unescaped, as spans of UTF-8 bytes back to back in one array; a field may
 * be NULL ({@code \N}). Filled by {@link CsvRecord} or {@link TsvRecord}, then read column by column. Reused record
 * after record, so reading a record allocates nothing once the arrays have grown to fit. Not thread-safe.
 */
public final class TextFields {

    private static final int INITIAL_CAPACITY = 256;
    /** Fields grown by one huge record give that memory back at the next record. */
    private static final int RETAINED_CAPACITY = 1 << 20;

    private byte[] text = new byte[INITIAL_CAPACITY];
    private int textLength;
    /** Per field: where its bytes start in {@link #text}, or -1 for NULL. */
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int count;
    private int fieldStart;

    public int count() {
        return count;
    }

    public boolean isNull(int field) {
        return starts[field] < 0;
    }

    /** The array holding every field's bytes; valid until the next record is read. */
    public byte[] text() {
        return text;
    }

    public int start(int field) {
        return starts[field];
    }

    public int length(int field) {
        return ends[field] - starts[field];
    }

    /**
     * Starts reading {@code record}, forgetting the previous one.
     *
     * @return where the record's content ends: before one trailing line end
     * @throws MalformedRecordException if that content is not valid UTF-8
     */
    int startRecord(byte[] record) {
        int end = LineEnd.contentLength(record);
        Utf8.requireValid(record, 0, end);
        clear();
        return end;
    }

    /** Whether {@code record[start, end)} is {@code \N}, NULL in both CSV and TSV (when unquoted). */
    static boolean isNullMarker(byte[] record, int start, int end) {
        return end - start == 2 && record[start] == '\\' && record[start + 1] == 'N';
    }

    private void clear() {
        if (text.length > RETAINED_CAPACITY) {
            text = new byte[INITIAL_CAPACITY];
        }
        textLength = 0;
        count = 0;
        fieldStart = 0;
    }

    /** The 1-based number of the field being read, as error messages name it. */
    int fieldNumber() {
        return count + 1;
    }

    void append(byte[] source, int from, int to) {
        int length = to - from;
        ensure(length);
        System.arraycopy(source, from, text, textLength, length);
        textLength += length;
    }

    void append(byte b) {
        ensure(1);
        text[textLength++] = b;
    }

    /** Whether the bytes appended since the last field ended are valid UTF-8. */
    boolean currentIsValidUtf8() {
        return Utf8.isValid(text, fieldStart, textLength - fieldStart);
    }

    /** Ends the field being read: its bytes are those appended since the last field ended. */
    void endField() {
        addField(fieldStart, textLength);
    }

    /** Ends the field being read as NULL, dropping any bytes appended for it. */
    void endNullField() {
        textLength = fieldStart;
        addField(-1, -1);
    }

    private void addField(int start, int end) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = start;
        ends[count++] = end;
        fieldStart = textLength;
    }

    private void ensure(int extra) {
        if (textLength + extra > text.length) {
            text = Arrays.copyOf(text, Math.max(text.length * 2, textLength + extra));
        }
    }
}
