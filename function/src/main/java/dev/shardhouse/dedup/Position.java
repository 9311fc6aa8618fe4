package dev.shardhouse.dedup;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Where a user record sits in its shard: the Kinesis sequence number and, for a KPL-aggregated record,
 * the index of the user record inside it (0 otherwise).
 *
 * <p>Sequence numbers are decimal strings of up to 129 digits, so they are compared as {@link BigInteger}
 * and kept as the original string for storage.
 */
public record Position(BigInteger sequence, long subSequence) implements Comparable<Position> {


    public Position {
        Objects.requireNonNull(sequence, "sequence");
        if (sequence.signum() < 0) {
            throw new IllegalArgumentException("sequence number must not be negative: " + sequence);
        }
        if (subSequence < 0) {
            throw new IllegalArgumentException("sub-sequence number must not be negative: " + subSequence);
        }
    }

    /** Parses a Kinesis sequence number, refusing anything that is not one. */
    public static Position of(String sequenceNumber, long subSequence) {
        if (!isSequenceNumber(sequenceNumber)) {
            throw new IllegalArgumentException("not a Kinesis sequence number: " + sequenceNumber);
        }
        return new Position(new BigInteger(sequenceNumber), subSequence);
    }

    /** {@code 0|[1-9]\d{0,128}}, checked without a regular expression: this runs for every record. */
    private static boolean isSequenceNumber(String text) {
        if (text == null || text.isEmpty() || text.length() > 129 || (text.charAt(0) == '0' && text.length() > 1)) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    public static Position of(String sequenceNumber) {
        return of(sequenceNumber, 0);
    }

    public String sequenceNumber() {
        return sequence.toString();
    }

    @Override
    public int compareTo(Position other) {
        int bySequence = sequence.compareTo(other.sequence);
        return bySequence != 0 ? bySequence : Long.compare(subSequence, other.subSequence);
    }

    public boolean isAfter(Position other) {
        return compareTo(other) > 0;
    }

    /** {@code sequence.sub}, the form used in logs and deduplication tokens. */
    @Override
    public String toString() {
        return sequence + "." + subSequence;
    }
}
