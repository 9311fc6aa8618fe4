package dev.shardhouse.map.rowbinary;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * {@code DateTime[('tz')]} (UInt32 seconds since the epoch, 1970 to 2106) and {@code DateTime64(p[, 'tz'])}
 * (Int64 ticks of 10^-p seconds, 1900 to 2299). Text and numbers are read by the rules of {@link Timestamps}.
 * Digits finer than the column's precision are dropped (towards the past): the precision is the resolution the
 * table asked for, unlike a Decimal's scale, which is about exact amounts.
 */
public final class DateTimeEncoder extends ScalarEncoder {

    private static final long MAX_DATETIME = 0xFFFF_FFFFL;
    private static final Instant MIN_DATETIME64 = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant MAX_DATETIME64 = Instant.parse("2299-12-31T23:59:59.999999999Z");

    private final String type;
    /** -1 for DateTime, else the DateTime64 precision 0..9. */
    private final int precision;
    private final ZoneId zone;

    private DateTimeEncoder(String type, int precision, ZoneId zone) {
        this.type = type;
        this.precision = precision;
        this.zone = zone;
    }

    /** {@code DateTime}, reading zone-less text in {@code zone} (UTC when the column declares no timezone). */
    static DateTimeEncoder dateTime(String type, ZoneId zone) {
        return new DateTimeEncoder(type, -1, zone == null ? ZoneOffset.UTC : zone);
    }

    static DateTimeEncoder dateTime64(String type, int precision, ZoneId zone) {
        return new DateTimeEncoder(type, precision, zone == null ? ZoneOffset.UTC : zone);
    }

    @Override
    String expectation() {
        return "an ISO-8601 date-time or epoch number for " + type;
    }

    /** Writes a point in time, such as a record's arrival time. */
    public void writeInstant(Instant instant, RowBuffer out) {
        write(instant, instant, out);
    }

    @Override
    public void writeText(String text, RowBuffer out) {
        Instant instant = Timestamps.parse(text, zone);
        if (instant == null) {
            throw InvalidValueException.expected(expectation(), ShownValue.text(text));
        }
        write(instant, text, out);
    }

    @Override
    void writeNumber(JsonNode number, RowBuffer out) {
        Instant instant = Timestamps.fromEpoch(number.decimalValue());
        if (instant == null) {
            throw InvalidValueException.outOfRange(ShownValue.json(number), type);
        }
        write(instant, number, out);
    }

    /** @param source the value as the record gave it, for {@link ShownValue#of} */
    private void write(Instant instant, Object source, RowBuffer out) {
        if (precision < 0) {
            long seconds = instant.getEpochSecond();
            if (seconds < 0 || seconds > MAX_DATETIME) {
                throw InvalidValueException.outOfRange(ShownValue.of(source), type);
            }
            out.writeIntLE((int) seconds);
            return;
        }
        if (instant.isBefore(MIN_DATETIME64) || instant.isAfter(MAX_DATETIME64)) {
            throw InvalidValueException.outOfRange(ShownValue.of(source), type);
        }
        long ticksPerSecond = pow10(precision);
        long nanosPerTick = pow10(9 - precision);
        try {
            long ticks = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), ticksPerSecond),
                    instant.getNano() / nanosPerTick);
            out.writeLongLE(ticks);
        } catch (ArithmeticException e) {
            // DateTime64(9) ends in 2262, where nanoseconds overflow Int64.
            throw InvalidValueException.outOfRange(ShownValue.of(source), type);
        }
    }

    private static long pow10(int exponent) {
        long value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }
}
