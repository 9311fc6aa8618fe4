package dev.shardhouse.dedup;

import java.math.BigInteger;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a user record sits in its shard: the Kinesis sequence number and, for a KPL-aggregated record,
 * the index of the user record inside it (0 otherwise).
 *
 * <p>Sequence numbers are decimal strings of up to 129 digits, so they are compared as {@link BigInteger}
 * and kept as the original string for storage.
 */
public record Position(BigInteger sequence, long subSequence) implements Comparable<Position> {

    private static final Pattern SEQUENCE = Pattern.compile("0|[1-9]\\d{0,128}");

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
        if (sequenceNumber == null || !SEQUENCE.matcher(sequenceNumber).matches()) {
            throw new IllegalArgumentException("not a Kinesis sequence number: " + sequenceNumber);
        }
        return new Position(new BigInteger(sequenceNumber), subSequence);
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
