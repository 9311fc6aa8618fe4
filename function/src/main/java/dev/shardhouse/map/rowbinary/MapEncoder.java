package dev.shardhouse.map.rowbinary;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * {@code Map(K, V)}: LEB128 entry count, then key and value of each entry. Accepts a JSON object, whose keys are
 * read as text of type K; as text, the JSON form of one ({@code {"a":1}}).
 */
final class MapEncoder implements ValueEncoder {

    private final ValueEncoder key;
    private final ValueEncoder value;

    MapEncoder(ValueEncoder key, ValueEncoder value) {
        this.key = key;
        this.value = value;
    }

    @Override
    public void writeJson(JsonNode object, RowBuffer out) {
        if (!object.isObject()) {
            throw InvalidValueException.expected("a JSON object", ShownValue.json(object));
        }
        out.writeVarUInt(object.size());
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            key.writeText(entry.getKey(), out);
            value.writeJson(entry.getValue(), out);
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
        return value.insertSettings();
    }
}
