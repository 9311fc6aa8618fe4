package dev.shardhouse.map.rowbinary;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code String}. A JSON string is written as its text; any other JSON value (number, boolean, object, array)
 * as its JSON text, so nested objects survive in a String column.
 */
final class StringEncoder implements ValueEncoder {

    static final StringEncoder INSTANCE = new StringEncoder();

    private StringEncoder() {
    }

    @Override
    public void writeJson(JsonNode value, RowBuffer out) {
        out.writeString(JsonText.of(value));
    }

    @Override
    public void writeJsonString(byte[] utf8, int offset, int length, RowBuffer out) {
        writeUtf8Text(utf8, offset, length, out);
    }

    /** Valid UTF-8 is already the column's bytes. */
    @Override
    public void writeUtf8Text(byte[] utf8, int offset, int length, RowBuffer out) {
        out.writeVarUInt(length);
        out.writeBytes(utf8, offset, length);
    }

    @Override
    public void writeText(String text, RowBuffer out) {
        out.writeString(text);
    }

    @Override
    public boolean holdsText() {
        return true;
    }

    @Override
    public void writeDefault(RowBuffer out) {
        out.writeVarUInt(0);
    }
}
