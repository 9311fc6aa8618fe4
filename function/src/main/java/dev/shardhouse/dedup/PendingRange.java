package dev.shardhouse.dedup;

import java.util.Objects;

/**
 * A claimed insert: exactly the user records from {@code first} to {@code last} of one shard, how many there are,
 * and the deduplication token the insert carries. Repeating the insert of the same records with the same token is
 * harmless, which is how a crash between insert and commit is recovered.
 */
public record PendingRange(Position first, Position last, int records, String token) {
    public PendingRange {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(token, "token");
        if (last.compareTo(first) < 0) {
            throw new IllegalArgumentException("pending range ends before it starts: " + first + " > " + last);
        }
        if (records < 1) {
            throw new IllegalArgumentException("a pending range holds at least one record, not " + records);
        }
    }

    public boolean contains(Position position) {
        return position.compareTo(first) >= 0 && position.compareTo(last) <= 0;
    }
}
