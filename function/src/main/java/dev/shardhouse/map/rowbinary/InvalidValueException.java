package dev.shardhouse.map.rowbinary;

/**
 * A value cannot be written as its column's type. The message names the offending value and what was expected;
 * the caller adds the column. Rejected records can be frequent, so no stack trace is captured.
 */
public final class InvalidValueException extends RuntimeException {

    public InvalidValueException(String message) {
        super(message, null, false, false);
    }

    static InvalidValueException expected(String expectation, String shownValue) {
        return new InvalidValueException("expected " + expectation + ", got " + shownValue);
    }

    static InvalidValueException outOfRange(String shownValue, String type) {
        return new InvalidValueException(shownValue + " is out of range for " + type);
    }
}
