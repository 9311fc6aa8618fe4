package dev.shardhouse.map.rowbinary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Reads points in time from records. The rules, one place for all date and time columns:
 * <ul>
 *   <li>ISO-8601 text: {@code 2024-01-15}, {@code 2024-01-15T10:30}, {@code 2024-01-15T10:30:00.123456},
 *       with {@code T} or a space between date and time, optionally followed by {@code Z} or an offset
 *       ({@code +02:00}, {@code +0200}, {@code +02}). Without an offset the time is local to the column's
 *       timezone, or UTC when the column declares none.</li>
 *   <li>A number (JSON number or decimal text) is a Unix epoch: seconds when its magnitude is below 10^11,
 *       milliseconds otherwise. 10^11 seconds is beyond the year 5000, past every ClickHouse date type, so a
 *       millisecond value can only be misread as seconds when within ~4 months of 1970, and a second value is
 *       never misread. Fractions are allowed ({@code 1705314600.5}).</li>
 * </ul>
 */
final class Timestamps {

    private static final BigDecimal MILLIS_THRESHOLD = BigDecimal.TEN.pow(11);
    /** Digits of an epoch number beyond which no date type can hold it (and Instant would overflow). */
    private static final int MAX_EPOCH_DIGITS = 16;

    private Timestamps() {
    }

    /** A point in time from text, or null if the text is neither a timestamp nor a number. */
    static Instant parse(String text, ZoneId zone) {
        BigDecimal epoch = Numbers.parseDecimal(text);
        if (epoch != null) {
            return fromEpoch(epoch);
        }
        return parseIso(text, zone);
    }

    /** An epoch number in seconds or milliseconds (see the class rule), or null when no date type can hold it. */
    static Instant fromEpoch(BigDecimal epoch) {
        if (Numbers.integerDigits(epoch) > MAX_EPOCH_DIGITS) {
            return null;
        }
        BigDecimal seconds = epoch.abs().compareTo(MILLIS_THRESHOLD) < 0 ? epoch : epoch.movePointLeft(3);
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole).movePointRight(9).setScale(0, RoundingMode.FLOOR).longValue();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    /** A date-only ISO text ({@code 2024-01-15}), or null. */
    static LocalDate parseDate(String text) {
        IsoReader reader = new IsoReader(text);
        LocalDate date = reader.date();
        return date != null && reader.atEnd() ? date : null;
    }

    private static Instant parseIso(String text, ZoneId zone) {
        IsoReader reader = new IsoReader(text);
        LocalDate date = reader.date();
        if (date == null) {
            return null;
        }
        LocalTime time = LocalTime.MIDNIGHT;
        if (reader.accept('T') || reader.accept(' ')) {
            time = reader.time();
            if (time == null) {
                return null;
            }
        }
        ZoneOffset offset = null;
        if (!reader.atEnd()) {
            offset = reader.offset();
            if (offset == null || !reader.atEnd()) {
                return null;
            }
        }
        LocalDateTime local = LocalDateTime.of(date, time);
        return offset != null ? local.toInstant(offset) : local.atZone(zone).toInstant();
    }

    /** A cursor over fixed-width ISO-8601 fields. */
    private static final class IsoReader {
        private final String text;
        private int pos;

        IsoReader(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos == text.length();
        }

        boolean accept(char c) {
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        LocalDate date() {
            int year = digits(4);
            if (year < 0 || !accept('-')) {
                return null;
            }
            int month = digits(2);
            if (month < 0 || !accept('-')) {
                return null;
            }
            int day = digits(2);
            if (day < 0) {
                return null;
            }
            try {
                return LocalDate.of(year, month, day);
            } catch (DateTimeException e) {
                return null;
            }
        }

        LocalTime time() {
            int hour = digits(2);
            if (hour < 0 || !accept(':')) {
                return null;
            }
            int minute = digits(2);
            int second = 0;
            int nanos = 0;
            if (minute < 0) {
                return null;
            }
            if (accept(':')) {
                second = digits(2);
                if (second < 0) {
                    return null;
                }
                if (accept('.')) {
                    nanos = fraction();
                    if (nanos < 0) {
                        return null;
                    }
                }
            }
            try {
                return LocalTime.of(hour, minute, second, nanos);
            } catch (DateTimeException e) {
                return null;
            }
        }

        /** {@code Z}, {@code ±hh:mm}, {@code ±hhmm} or {@code ±hh}; null if none of these. */
        ZoneOffset offset() {
            if (accept('Z')) {
                return ZoneOffset.UTC;
            }
            int sign = accept('+') ? 1 : accept('-') ? -1 : 0;
            int hours = sign == 0 ? -1 : digits(2);
            if (hours < 0) {
                return null;
            }
            int minutes = 0;
            if (!atEnd()) {
                accept(':');
                minutes = digits(2);
                if (minutes < 0) {
                    return null;
                }
            }
            try {
                return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
            } catch (DateTimeException e) {
                return null;
            }
        }

        /** 1 to 9 digits of a second's fraction, as nanoseconds; -1 if malformed. */
        private int fraction() {
            int start = pos;
            int nanos = 0;
            while (pos < text.length() && pos - start < 9 && isDigit(text.charAt(pos))) {
                nanos = nanos * 10 + (text.charAt(pos++) - '0');
            }
            int count = pos - start;
            if (count == 0) {
                return -1;
            }
            for (int i = count; i < 9; i++) {
                nanos *= 10;
            }
            return nanos;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        /** Exactly {@code count} ASCII digits as a number; -1 otherwise. */
        private int digits(int count) {
            if (pos + count > text.length()) {
                return -1;
            }
            int value = 0;
            for (int i = 0; i < count; i++) {
                char c = text.charAt(pos + i);
                if (!isDigit(c)) {
                    return -1;
                }
                value = value * 10 + (c - '0');
            }
            pos += count;
            return value;
        }
    }
}
