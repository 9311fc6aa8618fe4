package dev.shardhouse.map.rowbinary;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
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
    /** The zone's offset if it never changes (UTC, say), so zone-less text needs no zone rules; else null. */
    private final ZoneOffset fixedOffset;
    private final long ticksPerSecond;
    private final long nanosPerTick;

    private DateTimeEncoder(String type, int precision, ZoneId zone) {
        this.type = type;
        this.precision = precision;
        this.zone = zone;
        this.fixedOffset = zone.getRules().isFixedOffset() ? zone.getRules().getOffset(Instant.EPOCH) : null;
        this.ticksPerSecond = precision < 0 ? 0 : pow10(precision);
        this.nanosPerTick = precision < 0 ? 0 : pow10(9 - precision);
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

    /** Common ISO text is read from its bytes; anything else, errors included, as {@link #writeText} reads it. */
    @Override
    public void writeUtf8Text(byte[] utf8, int offset, int length, RowBuffer out) {
        Instant instant = Timestamps.parseIso(utf8, offset, length, fixedOffset);
        if (instant == null || !tryWrite(instant, out)) {
            writeText(new String(utf8, offset, length, StandardCharsets.UTF_8), out);
        }
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
        if (!tryWrite(instant, out)) {
            throw InvalidValueException.outOfRange(ShownValue.of(source), type);
        }
    }

    /** Writes the instant if the type can hold it; returns false, having written nothing, if it cannot. */
    private boolean tryWrite(Instant instant, RowBuffer out) {
        if (precision < 0) {
            long seconds = instant.getEpochSecond();
            if (seconds < 0 || seconds > MAX_DATETIME) {
                return false;
            }
            out.writeIntLE((int) seconds);
            return true;
        }
        if (instant.isBefore(MIN_DATETIME64) || instant.isAfter(MAX_DATETIME64)) {
            return false;
        }
        long ticks;
        try {
            ticks = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), ticksPerSecond),
                    instant.getNano() / nanosPerTick);
        } catch (ArithmeticException e) {
            // DateTime64(9) ends in 2262, where nanoseconds overflow Int64.
            return false;
        }
        out.writeLongLE(ticks);
        return true;
    }

    private static long pow10(int exponent) {
        long value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }

    /** 1970-01-01 00:00:00 UTC. */
    @Override
    public void writeDefault(RowBuffer out) {
        tryWrite(Instant.EPOCH, out);
    }
}
