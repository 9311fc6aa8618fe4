package dev.shardhouse.map.rowbinary;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shardhouse.map.Hex;

/** Runs one encoder on one value and shows the bytes as hex, so tests compare against hand-written hex. */
final class Encode {

    private Encode() {
    }

    static ValueEncoder encoder(String type) {
        try {
            return ValueEncoders.forType(type);
        } catch (UnsupportedTypeException e) {
            throw new AssertionError("type should be supported: " + type, e);
        }
    }

    /** The hex bytes of a JSON value written as {@code type}. */
    static String json(String type, String json) {
        RowBuffer out = new RowBuffer(16);
        encoder(type).writeJson(JsonInput.parseValue(json), out);
        return Hex.of(out.toByteArray());
    }

    /** The hex bytes of a text value (a CSV/TSV field) written as {@code type}. */
    static String text(String type, String text) {
        RowBuffer out = new RowBuffer(16);
        encoder(type).writeText(text, out);
        return Hex.of(out.toByteArray());
    }

    /** The hex bytes of the type's default value. */
    static String defaults(String type) {
        RowBuffer out = new RowBuffer(16);
        encoder(type).writeDefault(out);
        return Hex.of(out.toByteArray());
    }

    static String jsonError(String type, String json) {
        return assertThrows(InvalidValueException.class,
                () -> encoder(type).writeJson(JsonInput.parseValue(json), new RowBuffer(16))).getMessage();
    }

    static String textError(String type, String text) {
        return assertThrows(InvalidValueException.class,
                () -> encoder(type).writeText(text, new RowBuffer(16))).getMessage();
    }
}
