package dev.shardhouse.map.rowbinary;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * {@code Date} (UInt16 days since 1970-01-01, up to 2149-06-06) and {@code Date32} (Int32 days, 1900-01-01 to
 * 2299-12-31). Accepts ISO dates ({@code 2024-01-15}) and integers counting days since 1970-01-01, as ClickHouse
 * reads a number into a date. A date outside the type's range is rejected.
 */
final class DateEncoder extends ScalarEncoder {

    static final DateEncoder DATE = new DateEncoder("Date", 0, 65_535);
    static final DateEncoder DATE32 = new DateEncoder("Date32",
            LocalDate.of(1900, 1, 1).toEpochDay(), LocalDate.of(2299, 12, 31).toEpochDay());

    private final String type;
    private final long minDay;
    private final long maxDay;

    private DateEncoder(String type, long minDay, long maxDay) {
        this.type = type;
        this.minDay = minDay;
        this.maxDay = maxDay;
    }

    @Override
    String expectation() {
        return "a date like 2024-01-15 for " + type;
    }

    @Override
    public void writeText(String text, RowBuffer out) {
        LocalDate date = Timestamps.parseDate(text);
        if (date != null) {
            write(date.toEpochDay(), text, out);
            return;
        }
        BigDecimal number = Numbers.parseDecimal(text);
        Long days = number == null ? null : Numbers.exactLong(number);
        if (days == null) {
            throw InvalidValueException.expected(expectation(), ShownValue.text(text));
        }
        write(days, text, out);
    }

    /** A plain date is read from its bytes; anything else, errors included, as {@link #writeText} reads it. */
    @Override
    public void writeUtf8Text(byte[] utf8, int offset, int length, RowBuffer out) {
        long day = Timestamps.epochDay(utf8, offset, length);
        // NOT_A_DATE is below minDay too.
        if (day >= minDay && day <= maxDay) {
            writeDays(day, out);
        } else {
            writeText(new String(utf8, offset, length, StandardCharsets.UTF_8), out);
        }
    }

    @Override
    void writeNumber(JsonNode number, RowBuffer out) {
        Long days = Numbers.exactLong(number);
        if (days == null) {
            throw InvalidValueException.expected(expectation(), ShownValue.json(number));
        }
        write(days, number, out);
    }

    /** @param source the value as the record gave it, for {@link ShownValue#of} */
    private void write(long days, Object source, RowBuffer out) {
        if (days < minDay || days > maxDay) {
            throw InvalidValueException.outOfRange(ShownValue.of(source), type);
        }
        writeDays(days, out);
    }

    private void writeDays(long days, RowBuffer out) {
        if (this == DATE) {
            out.writeShortLE((int) days);
        } else {
            out.writeIntLE((int) days);
        }
    }

    /** 1970-01-01. */
    @Override
    public void writeDefault(RowBuffer out) {
        writeDays(0, out);
    }
}
