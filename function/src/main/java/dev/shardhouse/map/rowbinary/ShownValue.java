package dev.shardhouse.map.rowbinary;

import com.fasterxml.jackson.databind.JsonNode;

/** How an offending value appears in an error message: quoted text or JSON, cut short when long. */
final class ShownValue {

    static final int MAX_CHARS = 64;

    private ShownValue() {
    }

    /** Text as found in the record, in single quotes. */
    static String text(String text) {
        return "'" + truncate(text) + "'";
    }

    /**
     * A value as the record gave it: text (a CSV or TSV field, a JSON string) quoted, a JSON value in its JSON
     * form, anything else (a record's arrival time) as its {@code toString()}. Encoders pass the value itself down
     * to where a check can fail, so this text is built only for a message, never on the success path.
     */
    static String of(Object value) {
        if (value instanceof String text) {
            return text(text);
        }
        if (value instanceof JsonNode json) {
            return json(json);
        }
        return value.toString();
    }

    /** A JSON value in its JSON form. */
    static String json(JsonNode value) {
        return truncate(value.toString());
    }

    static String truncate(String value) {
        return truncate(value, MAX_CHARS);
    }

    static String truncate(String value, int maxChars) {
        if (value.length() <= maxChars) {
            return value;
        }
        return value.substring(0, maxChars) + "... (" + value.length() + " chars)";
    }
}
