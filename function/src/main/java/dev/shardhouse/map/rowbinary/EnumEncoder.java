package dev.shardhouse.map.rowbinary;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Enum8} / {@code Enum16}: the element's number as Int8 / Int16. Accepts an element's name, or its number
 * (as a JSON number or as text that names no element), like ClickHouse's text formats.
 */
final class EnumEncoder extends ScalarEncoder {

    private final String type;
    private final int width;
    private final Map<String, Integer> numbersByName;
    private final Set<Integer> numbers;

    EnumEncoder(String type, int width, Map<String, Integer> numbersByName) {
        this.type = type;
        this.width = width;
        this.numbersByName = Map.copyOf(numbersByName);
        this.numbers = Set.copyOf(numbersByName.values());
    }

    @Override
    String expectation() {
        return "one of the names or numbers of " + ShownValue.truncate(type);
    }

    @Override
    public void writeText(String text, RowBuffer out) {
        Integer number = numbersByName.get(text);
        if (number == null) {
            Long parsed = parseLong(text);
            number = parsed != null && parsed == parsed.intValue() && numbers.contains(parsed.intValue())
                    ? parsed.intValue() : null;
        }
        if (number == null) {
            throw InvalidValueException.expected(expectation(), ShownValue.text(text));
        }
        write(number, out);
    }

    @Override
    void writeNumber(JsonNode value, RowBuffer out) {
        Long number = Numbers.exactLong(value);
        if (number == null || number != number.intValue() || !numbers.contains(number.intValue())) {
            throw InvalidValueException.expected(expectation(), ShownValue.json(value));
        }
        write(number.intValue(), out);
    }

    /** The element with the smallest number, the type's default. */
    @Override
    public void writeDefault(RowBuffer out) {
        write(Collections.min(numbers), out);
    }

    /**
     * For a column without a DEFAULT clause, ClickHouse 26.7 answers the "use the default" marker with 0 instead of
     * {@link #writeDefault}, which is usually no element and makes every later read of the column fail with
     * UNKNOWN_ELEMENT_OF_ENUM (the same fault as ClickHouse issue #118515 in the text formats).
     */
    @Override
    public Optional<byte[]> explicitDefault() {
        RowBuffer out = new RowBuffer(width);
        writeDefault(out);
        return Optional.of(out.toByteArray());
    }

    private void write(int number, RowBuffer out) {
        if (width == 1) {
            out.writeByte(number);
        } else {
            out.writeShortLE(number);
        }
    }

    private static Long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
