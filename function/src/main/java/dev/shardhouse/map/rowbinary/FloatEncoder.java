package dev.shardhouse.map.rowbinary;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * {@code Float32} and {@code Float64}: IEEE 754, little-endian. Accepts JSON numbers, decimal text and
 * ClickHouse's {@code nan}, {@code inf}, {@code -inf}. A finite value too large for the type is rejected rather than
 * turned into infinity; precision is rounded to the nearest representable value, as floats do.
 */
final class FloatEncoder extends ScalarEncoder {

    static final FloatEncoder FLOAT32 = new FloatEncoder("Float32");
    static final FloatEncoder FLOAT64 = new FloatEncoder("Float64");

    private final String type;

    private FloatEncoder(String type) {
        this.type = type;
    }

    @Override
    String expectation() {
        return "a number for " + type;
    }

    @Override
    public void writeText(String text, RowBuffer out) {
        write(parse(text), ShownValue.text(text), out);
    }

    @Override
    void writeNumber(JsonNode number, RowBuffer out) {
        String shown = ShownValue.json(number);
        write(finite(number.doubleValue(), shown), shown, out);
    }

    private double parse(String text) {
        if (Numbers.isDecimal(text)) {
            return finite(Double.parseDouble(text), ShownValue.text(text));
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "nan", "+nan", "-nan" -> Double.NaN;
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw InvalidValueException.expected(expectation(), ShownValue.text(text));
        };
    }

    /** A number written with digits that overflows to infinity is out of range, not infinite. */
    private double finite(double value, String shown) {
        if (Double.isInfinite(value)) {
            throw InvalidValueException.outOfRange(shown, type);
        }
        return value;
    }

    private void write(double value, String shown, RowBuffer out) {
        if (this == FLOAT32) {
            float narrowed = (float) value;
            if (Float.isInfinite(narrowed) && !Double.isInfinite(value)) {
                throw InvalidValueException.outOfRange(shown, type);
            }
            out.writeIntLE(Float.floatToRawIntBits(narrowed));
        } else {
            out.writeLongLE(Double.doubleToRawLongBits(value));
        }
    }
}
