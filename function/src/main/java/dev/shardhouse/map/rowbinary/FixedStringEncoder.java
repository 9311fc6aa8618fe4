package dev.shardhouse.map.rowbinary;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code FixedString(N)}: the UTF-8 bytes padded with zeros to N; a longer value is rejected, never cut. */
final class FixedStringEncoder implements ValueEncoder {

    private final int width;

    FixedStringEncoder(int width) {
        this.width = width;
    }

    @Override
    public void writeJson(JsonNode value, RowBuffer out) {
        out.writeFixedString(JsonText.of(value), width);
    }

    @Override
    public void writeText(String text, RowBuffer out) {
        out.writeFixedString(text, width);
    }

    @Override
    public boolean holdsText() {
        return true;
    }

    @Override
    public void writeDefault(RowBuffer out) {
        out.writeZeros(width);
    }
}
