package dev.shardhouse.map.rowbinary;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;

/** Number checks shared by the numeric encoders, safe against inputs like {@code 1e999999999}. */
final class Numbers {

    /** Jackson's limit for JSON numbers; longer digit strings (BigDecimal parsing is superlinear) are refused. */
    private static final int MAX_NUMBER_CHARS = 1000;

    private Numbers() {
    }

    /**
     * Whether the text is a plain decimal number of at most 1000 characters: optional sign, digits with an optional
     * point (at least one digit on either side of it), optional exponent ({@code e} or {@code E}, optional sign,
     * digits). Read by hand rather than by a regular expression, which costs a matcher per value.
     */
    static boolean isDecimal(String text) {
        int length = text.length();
        if (length > MAX_NUMBER_CHARS) {
            return false;
        }
        int pos = skipSign(text, 0);
        int integerEnd = skipDigits(text, pos);
        int digits = integerEnd - pos;
        pos = integerEnd;
        if (pos < length && text.charAt(pos) == '.') {
            int fractionEnd = skipDigits(text, pos + 1);
            digits += fractionEnd - pos - 1;
            pos = fractionEnd;
        }
        if (digits == 0) {
            return false;
        }
        if (pos < length && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int exponentStart = skipSign(text, pos + 1);
            pos = skipDigits(text, exponentStart);
            if (pos == exponentStart) {
                return false;
            }
        }
        return pos == length;
    }

    private static int skipSign(String text, int pos) {
        return pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-') ? pos + 1 : pos;
    }

    private static int skipDigits(String text, int from) {
        int pos = from;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        return pos;
    }

    /** Parses a plain decimal number of at most 1000 characters, or returns null if the text is not one. */
    static BigDecimal parseDecimal(String text) {
        if (!isDecimal(text)) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            // An exponent beyond int range: not a number any column can hold.
            return null;
        }
    }

    /** Digits before the decimal point; negative for values below 0.1. Cheap for any exponent. */
    static long integerDigits(BigDecimal value) {
        return (long) value.precision() - value.scale();
    }

    /** A JSON number's value if it is an integer that fits in a long (3, 3.0, 3e0), else null. */
    static Long exactLong(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.canConvertToLong() ? number.longValue() : null;
        }
        return exactLong(number.decimalValue());
    }

    /** The value if it is an integer that fits in a long, else null. */
    static Long exactLong(BigDecimal decimal) {
        BigDecimal value = decimal.stripTrailingZeros();
        if (value.scale() > 0 || integerDigits(value) > 19) {
            return null;
        }
        BigInteger integral = value.toBigIntegerExact();
        return integral.bitLength() < 64 ? integral.longValue() : null;
    }
}
