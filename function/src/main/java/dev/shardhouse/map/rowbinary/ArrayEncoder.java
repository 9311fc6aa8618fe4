package dev.shardhouse.map.rowbinary;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * {@code Array(T)}: LEB128 element count, then the elements. Accepts a JSON array; as text, the JSON form of one
 * ({@code [1,2,3]}, {@code ["a","b"]}). A null element needs {@code Array(Nullable(T))}.
 */
final class ArrayEncoder implements ValueEncoder {

    private final ValueEncoder element;

    ArrayEncoder(ValueEncoder element) {
        this.element = element;
    }

    @Override
    public void writeJson(JsonNode value, RowBuffer out) {
        if (!value.isArray()) {
            throw InvalidValueException.expected("a JSON array", ShownValue.json(value));
        }
        out.writeVarUInt(value.size());
        for (JsonNode item : value) {
            element.writeJson(item, out);
        }
    }

    @Override
    public void writeText(String text, RowBuffer out) {
        writeJson(JsonInput.parseValue(text), out);
    }

    @Override
    public void writeDefault(RowBuffer out) {
        out.writeVarUInt(0);
    }

    @Override
    public Map<String, String> insertSettings() {
        return element.insertSettings();
    }
}
