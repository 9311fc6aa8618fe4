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
        write(parse(text), text, out);
    }

    @Override
    void writeNumber(JsonNode number, RowBuffer out) {
        write(finite(number.doubleValue(), number), number, out);
    }

    private double parse(String text) {
        if (Numbers.isDecimal(text)) {
            return finite(Double.parseDouble(text), text);
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "nan", "+nan", "-nan" -> Double.NaN;
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw InvalidValueException.expected(expectation(), ShownValue.text(text));
        };
    }

    /**
     * A number written with digits that overflows to infinity is out of range, not infinite.
     *
     * @param source the value as the record gave it, for {@link ShownValue#of}
     */
    private double finite(double value, Object source) {
        if (Double.isInfinite(value)) {
            throw InvalidValueException.outOfRange(ShownValue.of(source), type);
        }
        return value;
    }

    private void write(double value, Object source, RowBuffer out) {
        if (this == FLOAT32) {
            float narrowed = (float) value;
            if (Float.isInfinite(narrowed) && !Double.isInfinite(value)) {
                throw InvalidValueException.outOfRange(ShownValue.of(source), type);
            }
            out.writeIntLE(Float.floatToRawIntBits(narrowed));
        } else {
            out.writeLongLE(Double.doubleToRawLongBits(value));
        }
    }

    @Override
    public void writeDefault(RowBuffer out) {
        out.writeZeros((this == FLOAT32 ? Float.BYTES : Double.BYTES));
    }
}
