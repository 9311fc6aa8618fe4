package dev.shardhouse.map.rowbinary;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code Nullable(T)}: a byte 1 for NULL, or 0 followed by the T value. */
final class NullableEncoder implements ValueEncoder {

    private final ValueEncoder inner;

    NullableEncoder(ValueEncoder inner) {
        this.inner = inner;
    }

    @Override
    public void writeJson(JsonNode value, RowBuffer out) {
        if (value.isNull()) {
            out.writeByte(1);
        } else {
            out.writeByte(0);
            inner.writeJson(value, out);
        }
    }

    @Override
    public void writeJsonString(byte[] utf8, int offset, int length, RowBuffer out) {
        out.writeByte(0);
        inner.writeJsonString(utf8, offset, length, out);
    }

    @Override
    public void writeUtf8Text(byte[] utf8, int offset, int length, RowBuffer out) {
        out.writeByte(0);
        inner.writeUtf8Text(utf8, offset, length, out);
    }

    @Override
    public void writeText(String text, RowBuffer out) {
        out.writeByte(0);
        inner.writeText(text, out);
    }

    @Override
    public boolean isNullable() {
        return true;
    }

    @Override
    public boolean holdsText() {
        return inner.holdsText();
    }
}
