package dev.shardhouse.map.rowbinary;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/** Number checks shared by the numeric encoders, safe against inputs like {@code 1e999999999}. */
final class Numbers {

    /**
     * A plain decimal number: optional sign, digits with an optional point, optional exponent. Possessive
     * quantifiers, so a long run of digits cannot make the match backtrack.
     */
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?+(?:\\d++(?:\\.\\d*+)?+|\\.\\d++)(?:[eE][+-]?+\\d++)?+");
    /** Jackson's limit for JSON numbers; longer digit strings (BigDecimal parsing is superlinear) are refused. */
    private static final int MAX_NUMBER_CHARS = 1000;

    private Numbers() {
    }

    /** Whether the text is a plain decimal number of at most 1000 characters. */
    static boolean isDecimal(String text) {
        return text.length() <= MAX_NUMBER_CHARS && DECIMAL.matcher(text).matches();
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
