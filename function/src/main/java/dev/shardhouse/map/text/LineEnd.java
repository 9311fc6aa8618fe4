package dev.shardhouse.map.text;

/** A CSV or TSV record is one line; producers often end it with a line break, which is not part of the data. */
final class LineEnd {

    private LineEnd() {
    }

    /** The record's length without one trailing {@code \n} or {@code \r\n}. */
    static int contentLength(byte[] record) {
        int length = record.length;
        if (length > 0 && record[length - 1] == '\n') {
            length--;
            if (length > 0 && record[length - 1] == '\r') {
                length--;
            }
        }
        return length;
    }
}
