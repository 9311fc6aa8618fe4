package dev.shardhouse.map.rowbinary;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;

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

    /** NULL. */
    @Override
    public void writeDefault(RowBuffer out) {
        out.writeByte(1);
    }

    /** The inner type's, and for a tuple the setting that allows a Nullable one, off by default in ClickHouse. */
    @Override
    public Map<String, String> insertSettings() {
        if (!(inner instanceof TupleEncoder)) {
            return inner.insertSettings();
        }
        Map<String, String> settings = new TreeMap<>(inner.insertSettings());
        settings.put(ValueEncoders.NULLABLE_TUPLE, "1");
        return settings;
    }
}
