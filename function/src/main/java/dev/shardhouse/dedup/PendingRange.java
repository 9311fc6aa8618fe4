package dev.shardhouse.dedup;

import java.util.List;
import java.util.Objects;

/**
 * A claim: exactly the user records from {@code first} to {@code last} of one shard, and everything a replay needs to
 * repeat the attempt rather than re-derive it from the world as it is by then. Repeating the insert of the same records
 * with the same token is harmless, which is how a crash between insert and commit is recovered.
 *
 * @param token     the {@code insert_deduplication_token} of the target and error-table inserts; unique to this claim
 *                  (see {@link DedupToken}), so its first insert can never be mistaken for a repeat
 * @param positions {@link PositionsFingerprint} of the claimed positions
 * @param attempts  the inserts under the token begun and not known to have written nothing, by the fingerprint
 *                  of the table definition and record format their rows were mapped with
 * @param routing   the records that go to the error table, by ordinal
 */
public record PendingRange(Position first, Position last, int records, String token, String positions,
                           Attempts attempts, Routing routing) {
    public PendingRange {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(positions, "positions");
        Objects.requireNonNull(attempts, "attempts");
        Objects.requireNonNull(routing, "routing");
        if (last.compareTo(first) < 0) {
            throw new IllegalArgumentException("pending range ends before it starts: " + first + " > " + last);
        }
        if (records < 1) {
            throw new IllegalArgumentException("a pending range holds at least one record, not " + records);
        }
        if (!routing.errors().isEmpty() && routing.errors().lastKey() >= records) {
            throw new IllegalArgumentException("routing names record " + routing.errors().lastKey() + " of a claim of "
                    + records);
        }
    }

    /**
     * A new claim of {@code positions} (ascending, at least one) under a token no earlier claim had, with its maker's
     * attempt, under {@code definition}, open.
     *
     * @param claimId unique to this claim
     */
    public static PendingRange claim(String checkpointKey, List<Position> positions, String definition,
                                     Routing routing, String claimId) {
        Position first = positions.get(0);
        Position last = positions.get(positions.size() - 1);
        return new PendingRange(first, last, positions.size(), DedupToken.of(checkpointKey, first, last, claimId),
                PositionsFingerprint.of(positions), Attempts.of(definition), routing);
    }

    /**
     * The same records under a new token with more of them routed to the error table, its maker's attempt under
     * {@code definition} open: what finding refused rows makes of a claim whose insert ClickHouse refused whole, so
     * that nothing went in under the old token.
     */
    public PendingRange rerouted(Routing routing, String token, String definition) {
        return new PendingRange(first, last, records, token, positions, Attempts.of(definition), routing);
    }

    /** This claim with one more attempt open, under {@code definition}. */
    public PendingRange attempted(String definition) {
        return new PendingRange(first, last, records, token, positions, attempts.begun(definition), routing);
    }

    /** This claim with one attempt under {@code definition} closed: it wrote nothing. */
    public PendingRange settled(String definition) {
        return new PendingRange(first, last, records, token, positions, attempts.settled(definition), routing);
    }

    /** What a committed claim leaves for telling its records from others (see {@link Checkpoint#lastClaim}). */
    public PendingRange withoutRouting() {
        return new PendingRange(first, last, records, token, positions, attempts, Routing.NONE);
    }

    public boolean contains(Position position) {
        return position.compareTo(first) >= 0 && position.compareTo(last) <= 0;
    }
}
