package dev.shardhouse.map.rowbinary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Writes values of one ClickHouse type in RowBinary. Built once per column from its type by
 * {@link ValueEncoders#forType(String)}; immutable and safe to share between threads.
 * Every write either appends one complete value or throws {@link InvalidValueException}.
 */
public interface ValueEncoder {

    /** Writes a JSON value. A JSON null is accepted only by Nullable types. */
    void writeJson(JsonNode value, RowBuffer out);

    /**
     * Writes a JSON string given as its UTF-8 bytes (valid, escapes already resolved), exactly as
     * {@link #writeJson} writes the string's node.
     */
    default void writeJsonString(byte[] utf8, int offset, int length, RowBuffer out) {
        writeJson(TextNode.valueOf(new String(utf8, offset, length, StandardCharsets.UTF_8)), out);
    }

    /** Writes a value given as text: a CSV or TSV field, or a JSON string. */
    void writeText(String text, RowBuffer out);

    /**
     * Writes a value given as text in UTF-8 bytes (valid, escapes already resolved), exactly as
     * {@link #writeText} writes the same text.
     */
    default void writeUtf8Text(byte[] utf8, int offset, int length, RowBuffer out) {
        writeText(new String(utf8, offset, length, StandardCharsets.UTF_8), out);
    }

    /**
     * Writes the type's default value, which ClickHouse gives a Tuple element that a record leaves out: zero, the
     * empty string, array or map, NULL, 1970-01-01, the nil UUID, an empty JSON object, each element's default.
     */
    void writeDefault(RowBuffer out);

    /**
     * The settings an insert must carry for ClickHouse to read the type's values as they are written: for a JSON
     * value written as text ({@link ValueEncoders#JSON_AS_STRING}), for a Nullable tuple
     * ({@link ValueEncoders#NULLABLE_TUPLE}); empty for most types.
     */
    default Map<String, String> insertSettings() {
        return Map.of();
    }

    /** Whether the type is Nullable (after LowCardinality), so it can hold NULL. */
    default boolean isNullable() {
        return false;
    }

    /**
     * The type's default value, written out, for a type whose default ClickHouse gets wrong through
     * RowBinaryWithDefaults' "use the default" marker; empty for every other type.
     */
    default Optional<byte[]> explicitDefault() {
        return Optional.empty();
    }

    /** Whether the type holds text (String or FixedString), so an empty field is a value rather than absent. */
    default boolean holdsText() {
        return false;
    }
}
