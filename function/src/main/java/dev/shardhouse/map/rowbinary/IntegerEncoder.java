package dev.shardhouse.map.rowbinary;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * {@code (U)Int8} to {@code (U)Int256}: two's complement, little-endian, 1 to 32 bytes. Accepts JSON integers,
 * JSON numbers with an integral value ({@code 1e3}, {@code 2.0}) and decimal text ({@code -42}, {@code +7}).
 * A value outside the type's range is rejected, never wrapped.
 */
public final class IntegerEncoder extends ScalarEncoder {

    /** Int256 has 77 decimal digits: longer text cannot be in range of any integer type. */
    private static final int MAX_DIGITS = 78;

    private final String type;
    private final int width;
    private final boolean signed;
    private final BigInteger min;
    private final BigInteger max;

    private IntegerEncoder(String type, int width, boolean signed) {
        this.type = type;
        this.width = width;
        this.signed = signed;
        int bits = width * 8;
        this.min = signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
        this.max = signed ? BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    }

    /** The encoder for an integer type name such as {@code UInt16}, or null if the name is not one. */
    static IntegerEncoder named(String type) {
        boolean signed = !type.startsWith("U");
        String prefix = signed ? "Int" : "UInt";
        if (!type.startsWith(prefix)) {
            return null;
        }
        return switch (type.substring(prefix.length())) {
            case "8" -> new IntegerEncoder(type, 1, signed);
            case "16" -> new IntegerEncoder(type, 2, signed);
            case "32" -> new IntegerEncoder(type, 4, signed);
            case "64" -> new IntegerEncoder(type, 8, signed);
            case "128" -> new IntegerEncoder(type, 16, signed);
            case "256" -> new IntegerEncoder(type, 32, signed);
            default -> null;
        };
    }

    @Override
    String expectation() {
        return "an integer for " + type;
    }

    /** Writes a number known to be an integer, such as a sub-sequence number. */
    public void writeLong(long value, RowBuffer out) {
        if (!inRange(value)) {
            throw InvalidValueException.outOfRange(Long.toString(value), type);
        }
        writeFixedWidth(value, out);
    }

    @Override
    public void writeText(String text, RowBuffer out) {
        int start = text.startsWith("+") || text.startsWith("-") ? 1 : 0;
        int digits = text.length() - start;
        if (digits == 0 || !allDigits(text, start)) {
            throw InvalidValueException.expected(expectation(), ShownValue.text(text));
        }
        if (digits > MAX_DIGITS) {
            throw InvalidValueException.outOfRange(ShownValue.text(text), type);
        }
        String number = text.startsWith("+") ? text.substring(1) : text;
        if (digits <= 18) {
            writeLong(Long.parseLong(number), out);
        } else {
            writeBig(new BigInteger(number), ShownValue.text(text), out);
        }
    }

    @Override
    void writeNumber(JsonNode number, RowBuffer out) {
        if (number.isIntegralNumber()) {
            if (number.canConvertToLong()) {
                writeLong(number.longValue(), out);
            } else {
                writeBig(number.bigIntegerValue(), number.toString(), out);
            }
            return;
        }
        BigDecimal value = number.decimalValue().stripTrailingZeros();
        if (value.scale() > 0) {
            throw InvalidValueException.expected(expectation(), ShownValue.json(number));
        }
        if (Numbers.integerDigits(value) > MAX_DIGITS) {
            throw InvalidValueException.outOfRange(ShownValue.json(number), type);
        }
        writeBig(value.toBigIntegerExact(), ShownValue.json(number), out);
    }

    private void writeBig(BigInteger value, String shown, RowBuffer out) {
        if (value.bitLength() < 64) {
            writeLong(value.longValue(), out);
            return;
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw InvalidValueException.outOfRange(shown, type);
        }
        byte[] bigEndian = value.toByteArray();
        int signFill = value.signum() < 0 ? 0xFF : 0;
        for (int i = 0; i < width; i++) {
            int index = bigEndian.length - 1 - i;
            out.writeByte(index >= 0 ? bigEndian[index] : signFill);
        }
    }

    private boolean inRange(long value) {
        if (width >= 8) {
            return signed || value >= 0;
        }
        return value >= min.longValue() && value <= max.longValue();
    }

    private void writeFixedWidth(long value, RowBuffer out) {
        switch (width) {
            case 1 -> out.writeByte((int) value);
            case 2 -> out.writeShortLE((int) value);
            case 4 -> out.writeIntLE((int) value);
            default -> {
                out.writeLongLE(value);
                int signFill = value < 0 ? 0xFF : 0;
                for (int i = 8; i < width; i++) {
                    out.writeByte(signFill);
                }
            }
        }
    }

    private static boolean allDigits(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void writeDefault(RowBuffer out) {
        out.writeZeros(width);
    }
}
