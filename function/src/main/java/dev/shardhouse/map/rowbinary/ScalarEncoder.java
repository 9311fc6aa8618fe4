package dev.shardhouse.map.rowbinary;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A type written from a JSON string (through its text form), and from a JSON number or boolean where the type
 * has a meaning for them; anything else is rejected with what the type expects.
 */
abstract class ScalarEncoder implements ValueEncoder {

    @Override
    public final void writeJson(JsonNode value, RowBuffer out) {
        if (value.isTextual()) {
            writeText(value.textValue(), out);
        } else if (value.isNumber()) {
            writeNumber(value, out);
        } else if (value.isBoolean()) {
            writeBoolean(value.booleanValue(), out);
        } else {
            throw InvalidValueException.expected(expectation(), ShownValue.json(value));
        }
    }

    /** A JSON string is read as its text, as {@link #writeJson} reads a string node, without building the node. */
    @Override
    public void writeJsonString(byte[] utf8, int offset, int length, RowBuffer out) {
        writeUtf8Text(utf8, offset, length, out);
    }

    /** What a valid value looks like, for error messages ("an integer", "a UUID"). */
    abstract String expectation();

    void writeNumber(JsonNode number, RowBuffer out) {
        throw InvalidValueException.expected(expectation(), ShownValue.json(number));
    }

    void writeBoolean(boolean value, RowBuffer out) {
        throw InvalidValueException.expected(expectation(), Boolean.toString(value));
    }
}
