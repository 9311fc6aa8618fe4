package dev.shardhouse.map.text;

/** A record cannot be read in its format. Rejected records can be frequent, so no stack trace is captured. */
public final class MalformedRecordException extends RuntimeException {

    public MalformedRecordException(String message) {
        super(message, null, false, false);
    }
}
