package dev.shardhouse.map.rowbinary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
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
    /** Digits of an epoch number below which it is within a nanosecond of the epoch: below 10^-10 seconds. */
    private static final int MIN_EPOCH_DIGITS = -9;
    private static final long SECONDS_PER_DAY = 86_400;
    /** What {@link #epochDay} gives for text that is not a plain date: below every date type's range. */
    static final long NOT_A_DATE = Long.MIN_VALUE;

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
        long integerDigits = Numbers.integerDigits(epoch);
        if (integerDigits > MAX_EPOCH_DIGITS) {
            return null;
        }
        if (integerDigits < MIN_EPOCH_DIGITS) {
            // Below a nanosecond. Rounding to whole seconds would build 10^scale: an ArithmeticException for
            // 1e-999999999 (beyond BigInteger), which failed the batch on every retry, and slow below that.
            return epoch.signum() < 0 ? Instant.EPOCH.minusNanos(1) : Instant.EPOCH;
        }
        BigDecimal seconds = epoch.abs().compareTo(MILLIS_THRESHOLD) < 0 ? epoch : epoch.movePointLeft(3);
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole).movePointRight(9).setScale(0, RoundingMode.FLOOR).longValue();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    /** A date-only ISO text ({@code 2024-01-15}), or null. */
    static LocalDate parseDate(String text) {
        IsoReader reader = IsoReader.of(text);
        if (!reader.readDate() || !reader.atEnd()) {
            return null;
        }
        try {
            return LocalDate.of(reader.year, reader.month, reader.day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * The days since 1970-01-01 of a date-only ISO text in UTF-8, worked out without a String or java.time, or
     * {@link #NOT_A_DATE} for anything else (a number, an error), which {@link #parseDate} then reads.
     */
    static long epochDay(byte[] utf8, int offset, int length) {
        IsoReader reader = new IsoReader(utf8, offset, offset + length);
        return reader.readDate() && reader.atEnd() && reader.isRealDate() ? reader.epochDay() : NOT_A_DATE;
    }

    /**
     * The point in time of an ISO-8601 text in UTF-8, worked out without a String or java.time; null for whatever
     * {@link #parse} must decide: a number, text without an offset in a column whose timezone has rules (no
     * {@code localOffset}), an error.
     *
     * @param localOffset the column timezone's offset if it has a single one (UTC, say), else null
     */
    static Instant parseIso(byte[] utf8, int offset, int length, ZoneOffset localOffset) {
        IsoReader reader = new IsoReader(utf8, offset, offset + length);
        if (!reader.readDateTime() || !reader.isRealDate() || !reader.isRealTime()) {
            return null;
        }
        int offsetSeconds;
        if (reader.hasOffset) {
            if (!reader.isRealOffset()) {
                return null;
            }
            offsetSeconds = reader.offsetSeconds();
        } else if (localOffset != null) {
            offsetSeconds = localOffset.getTotalSeconds();
        } else {
            return null;
        }
        long localSecond = reader.epochDay() * SECONDS_PER_DAY
                + reader.hour * 3600 + reader.minute * 60 + reader.second;
        return Instant.ofEpochSecond(localSecond - offsetSeconds, reader.nano);
    }

    private static Instant parseIso(String text, ZoneId zone) {
        IsoReader reader = IsoReader.of(text);
        if (!reader.readDateTime()) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.of(reader.year, reader.month, reader.day,
                    reader.hour, reader.minute, reader.second, reader.nano);
            if (!reader.hasOffset) {
                return local.atZone(zone).toInstant();
            }
            int sign = reader.offsetSign;
            return local.toInstant(ZoneOffset.ofHoursMinutes(sign * reader.offsetHours, sign * reader.offsetMinutes));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * Reads the fixed-width fields of ISO-8601 text into its own fields, checking their form only; whether they make
     * a real date, time and offset is for its caller to check.
     */
    private static final class IsoReader {
        private final byte[] text;
        private final int end;
        private int pos;
        int year;
        int month;
        int day;
        int hour;
        int minute;
        int second;
        int nano;
        boolean hasOffset;
        /** +1 or -1 ({@code Z} is +00:00). */
        int offsetSign;
        int offsetHours;
        int offsetMinutes;

        IsoReader(byte[] text, int start, int end) {
            this.text = text;
            this.pos = start;
            this.end = end;
        }

        /** Every character the grammar knows is ASCII, and any other one still fails it as a byte above 0x7F or '?'. */
        static IsoReader of(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            return new IsoReader(bytes, 0, bytes.length);
        }

        boolean atEnd() {
            return pos == end;
        }

        /** {@code yyyy-mm-dd}. */
        boolean readDate() {
            year = digits(4);
            if (year < 0 || !accept('-')) {
                return false;
            }
            month = digits(2);
            if (month < 0 || !accept('-')) {
                return false;
            }
            day = digits(2);
            return day >= 0;
        }

        /** A date, then optionally {@code T} or a space and a time, then optionally an offset, then the end. */
        boolean readDateTime() {
            if (!readDate()) {
                return false;
            }
            if ((accept('T') || accept(' ')) && !readTime()) {
                return false;
            }
            hasOffset = !atEnd();
            return !hasOffset || readOffset() && atEnd();
        }

        /** {@code hh:mm}, {@code hh:mm:ss} or {@code hh:mm:ss.f} with 1 to 9 fraction digits. */
        private boolean readTime() {
            hour = digits(2);
            if (hour < 0 || !accept(':')) {
                return false;
            }
            minute = digits(2);
            if (minute < 0) {
                return false;
            }
            if (accept(':')) {
                second = digits(2);
                if (second < 0) {
                    return false;
                }
                if (accept('.')) {
                    nano = fraction();
                    return nano >= 0;
                }
            }
            return true;
        }

        /** {@code Z}, {@code ±hh:mm}, {@code ±hhmm} or {@code ±hh}. */
        private boolean readOffset() {
            if (accept('Z')) {
                offsetSign = 1;
                return true;
            }
            offsetSign = accept('+') ? 1 : accept('-') ? -1 : 0;
            offsetHours = offsetSign == 0 ? -1 : digits(2);
            if (offsetHours < 0) {
                return false;
            }
            if (!atEnd()) {
                accept(':');
                offsetMinutes = digits(2);
            }
            return offsetMinutes >= 0;
        }

        /** Proleptic Gregorian, like {@link LocalDate}; every four-digit year is in its range. */
        boolean isRealDate() {
            return month >= 1 && month <= 12 && day >= 1 && day <= lengthOfMonth();
        }

        /** Like {@link java.time.LocalTime#of}: no 24:00, no leap second. */
        boolean isRealTime() {
            return hour <= 23 && minute <= 59 && second <= 59;
        }

        /** Like {@link ZoneOffset#ofHoursMinutes}: at most 18:00 either way. */
        boolean isRealOffset() {
            return offsetMinutes <= 59 && (offsetHours < 18 || offsetHours == 18 && offsetMinutes == 0);
        }

        int offsetSeconds() {
            return offsetSign * (offsetHours * 3600 + offsetMinutes * 60);
        }

        /**
         * Days since 1970-01-01 of a real date (Howard Hinnant's days_from_civil: years start in March, and repeat
         * every 400 years, an era of 146,097 days). Years move one era on, taken back at the end, so none is negative.
         */
        long epochDay() {
            int marchYear = (month <= 2 ? year - 1 : year) + 400;
            int era = marchYear / 400;
            int yearOfEra = marchYear % 400;
            int dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
            int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
            return (era - 1) * 146_097L + dayOfEra - 719_468;
        }

        private int lengthOfMonth() {
            return switch (month) {
                case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
                case 4, 6, 9, 11 -> 30;
                default -> 31;
            };
        }

        private boolean accept(char c) {
            if (pos < end && text[pos] == c) {
                pos++;
                return true;
            }
            return false;
        }

        /** 1 to 9 digits of a second's fraction, as nanoseconds; -1 if malformed. */
        private int fraction() {
            int start = pos;
            int nanos = 0;
            while (pos < end && pos - start < 9 && isDigit(text[pos])) {
                nanos = nanos * 10 + (text[pos++] - '0');
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

        private static boolean isDigit(byte c) {
            return c >= '0' && c <= '9';
        }

        /** Exactly {@code count} ASCII digits as a number; -1 otherwise. */
        private int digits(int count) {
            if (pos + count > end) {
                return -1;
            }
            int value = 0;
            for (int i = 0; i < count; i++) {
                byte c = text[pos + i];
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
