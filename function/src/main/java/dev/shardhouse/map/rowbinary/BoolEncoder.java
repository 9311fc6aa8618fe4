package dev.shardhouse.map.rowbinary;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * {@code Bool}: one byte, 1 or 0. Accepts JSON booleans, the numbers 0 and 1, and, in any case, the words ClickHouse's
 * text formats take: true/false, t/f, yes/no, y/n, on/off, enable/disable, 1/0.
 */
final class BoolEncoder extends ScalarEncoder {

    static final BoolEncoder INSTANCE = new BoolEncoder();

    private BoolEncoder() {
    }

    @Override
    String expectation() {
        return "true or false for Bool";
    }

    @Override
    public void writeText(String text, RowBuffer out) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "y", "on", "enable", "1" -> out.writeByte(1);
            case "false", "f", "no", "n", "off", "disable", "0" -> out.writeByte(0);
            default -> throw InvalidValueException.expected(expectation(), ShownValue.text(text));
        }
    }

    @Override
    void writeBoolean(boolean value, RowBuffer out) {
        out.writeByte(value ? 1 : 0);
    }

    @Override
    void writeNumber(JsonNode number, RowBuffer out) {
        Long value = Numbers.exactLong(number);
        if (value == null || (value != 0 && value != 1)) {
            throw InvalidValueException.expected(expectation(), ShownValue.json(number));
        }
        out.writeByte(value.intValue());
    }

    @Override
    public void writeDefault(RowBuffer out) {
        out.writeZeros(1);
    }
}
