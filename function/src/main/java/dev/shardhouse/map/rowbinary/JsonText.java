package dev.shardhouse.map.rowbinary;

import com.fasterxml.jackson.databind.JsonNode;

/** The text a JSON value contributes to a string column. */
final class JsonText {

    private JsonText() {
    }

    /** A JSON string's own text; the JSON form of anything else. JSON null is not text. */
    static String of(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNull()) {
            throw InvalidValueException.expected("a string", "null");
        }
        return value.toString();
    }
}
