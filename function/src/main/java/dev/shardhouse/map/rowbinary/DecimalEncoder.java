package dev.shardhouse.map.rowbinary;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * {@code Decimal(P, S)}: the value times 10^S as a little-endian two's complement integer of 4, 8, 16 or 32 bytes
 * (by P). Accepts JSON numbers and decimal text. A value with more than S fractional digits is rejected rather
 * than rounded: silently changing an amount is worse than reporting it.
 */
final class DecimalEncoder extends ScalarEncoder {

    private final String type;
    private final int precision;
    private final int scale;
    private final int width;

    DecimalEncoder(int precision, int scale) {
        this.type = "Decimal(" + precision + ", " + scale + ")";
        this.precision = precision;
        this.scale = scale;
        this.width = precision <= 9 ? 4 : precision <= 18 ? 8 : precision <= 38 ? 16 : 32;
    }

    @Override
    String expectation() {
        return "a decimal number for " + type;
    }

    @Override
    public void writeText(String text, RowBuffer out) {
        BigDecimal value = Numbers.parseDecimal(text);
        if (value == null) {
            throw InvalidValueException.expected(expectation(), ShownValue.text(text));
        }
        write(value, text, out);
    }

    @Override
    void writeNumber(JsonNode number, RowBuffer out) {
        write(number.decimalValue(), number, out);
    }

    /** @param source the value as the record gave it, for {@link ShownValue#of} */
    private void write(BigDecimal value, Object source, RowBuffer out) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > scale) {
            throw new InvalidValueException(ShownValue.of(source) + " has more than " + scale + " decimal places for " + type);
        }
        if (stripped.signum() != 0 && Numbers.integerDigits(stripped) > precision - scale) {
            throw InvalidValueException.outOfRange(ShownValue.of(source), type);
        }
        BigInteger unscaled = stripped.setScale(scale).unscaledValue();
        byte[] bigEndian = unscaled.toByteArray();
        int signFill = unscaled.signum() < 0 ? 0xFF : 0;
        for (int i = 0; i < width; i++) {
            int index = bigEndian.length - 1 - i;
            out.writeByte(index >= 0 ? bigEndian[index] : signFill);
        }
    }

    @Override
    public void writeDefault(RowBuffer out) {
        out.writeZeros(width);
    }
}
