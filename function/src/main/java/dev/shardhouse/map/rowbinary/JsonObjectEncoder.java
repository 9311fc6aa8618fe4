package dev.shardhouse.map.rowbinary;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * {@code JSON}, ClickHouse's JSON type, whatever typed paths, SKIP clauses and limits it declares: a JSON object,
 * written as a String of its JSON text, which ClickHouse parses as its JSONEachRow parses the column
 * ({@link ValueEncoders#JSON_AS_STRING}): the type's paths, their inferred types and its errors stay ClickHouse's.
 * Anything but an object is refused, as ClickHouse refuses it. As text (a CSV or TSV field), the JSON form of one.
 */
final class JsonObjectEncoder implements ValueEncoder {

    static final JsonObjectEncoder INSTANCE = new JsonObjectEncoder();

    private static final String EMPTY_OBJECT = "{}";

    private JsonObjectEncoder() {
    }

    @Override
    public void writeJson(JsonNode value, RowBuffer out) {
        if (!value.isObject()) {
            throw InvalidValueException.expected("a JSON object", ShownValue.json(value));
        }
        out.writeString(value.toString());
    }

    @Override
    public void writeText(String text, RowBuffer out) {
        writeJson(JsonInput.parseValue(text), out);
    }

    @Override
    public void writeDefault(RowBuffer out) {
        out.writeString(EMPTY_OBJECT);
    }

    @Override
    public Map<String, String> insertSettings() {
        return Map.of(ValueEncoders.JSON_AS_STRING, "1");
    }
}
