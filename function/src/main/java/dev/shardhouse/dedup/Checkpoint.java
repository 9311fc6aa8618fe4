package dev.shardhouse.dedup;

import java.util.Optional;

/**
 * A shard's exactly-once state. {@code revision} is the compare-and-set version: every transition writes
 * {@code revision + 1} and succeeds only where the stored revision is still the one read.
 *
 * @param committed        the last user record known to be in ClickHouse, or empty when none is
 * @param pending          the claimed range, present exactly when the phase is {@link Phase#BEFORE_PROCESSING}
 * @param stored           false for a shard that has no checkpoint row yet
 * @param lastClaim        the claim that moved {@code committed} last, without its routing, when known: only
 *                         {@link Phase#AFTER_PROCESSING} keeps it; it tells a record inside that claim's bounds that was
 *                         not one of its records (issue 12, case 11)
 */
public record Checkpoint(Phase phase, long revision, Optional<Position> committed, Optional<PendingRange> pending,
                         long recordsCommitted, boolean stored, Optional<PendingRange> lastClaim) {

    public Checkpoint {
        if ((phase == Phase.BEFORE_PROCESSING) != pending.isPresent()) {
            throw new IllegalArgumentException("a checkpoint has a pending range exactly when it is BEFORE_PROCESSING");
        }
        if (pending.isPresent() && lastClaim.isPresent()) {
            throw new IllegalArgumentException("a pending claim replaces the last committed one");
        }
    }

    /**
     * The state of a shard with no checkpoint row. {@code alreadyDelivered} is the committed position of a retired
     * (archived) checkpoint of the same shard, so that a late redelivery after retirement is still recognised.
     */
    public static Checkpoint absent(Optional<Position> alreadyDelivered) {
        return absent(alreadyDelivered, 0);
    }

    /**
     * As {@link #absent(Optional)}, continuing from {@code lastRevision}, the newest archived revision of the key: a
     * shard whose checkpoint was retired and that is claimed again must never reach a revision it had before, or the
     * tracker's archive, which skips a (key, revision) it holds, would drop the newer row (issue 12, case 8).
     */
    public static Checkpoint absent(Optional<Position> alreadyDelivered, long lastRevision) {
        return new Checkpoint(Phase.AFTER_PROCESSING, lastRevision, alreadyDelivered, Optional.empty(), 0, false,
                Optional.empty());
    }

    /** Claims {@code range}: the only state from which an insert may start. */
    public Checkpoint claim(PendingRange range) {
        if (phase != Phase.AFTER_PROCESSING) {
            throw new IllegalStateException("cannot claim " + range + " while " + pending.orElseThrow() + " is pending");
        }
        committed.filter(c -> !range.first().isAfter(c)).ifPresent(c -> {
            throw new IllegalStateException("claimed range " + range.first() + " does not start after committed " + c);
        });
        return new Checkpoint(Phase.BEFORE_PROCESSING, revision + 1, committed, Optional.of(range), recordsCommitted, true,
                Optional.empty());
    }

    /** Marks the pending range as inserted. */
    public Checkpoint commit() {
        PendingRange range = pending.orElseThrow(() -> new IllegalStateException("nothing is pending to commit"));
        return new Checkpoint(Phase.AFTER_PROCESSING, revision + 1, Optional.of(range.last()), Optional.empty(),
                recordsCommitted + range.records(), true, Optional.of(range.withoutRouting()));
    }

    /**
     * The pending claim as its commit record shows it: committed, at the revision its row still holds, since the
     * record is a row of its own and leaves the checkpoint's row as the claim wrote it (the next compare-and-set of that
     * row expects this revision and writes the commit in).
     */
    public Checkpoint markedCommitted() {
        Checkpoint committed = commit();
        return new Checkpoint(committed.phase, revision, committed.committed, Optional.empty(),
                committed.recordsCommitted, true, committed.lastClaim);
    }

    /**
     * Counts an attempt at the pending claim's insert, under {@code definition}, about to begin: what a replay
     * compare-and-sets before it inserts, so that one which read the claim before a release never writes under it.
     */
    public Checkpoint attempt(String definition) {
        return withPending(pendingOrFail().attempted(definition));
    }

    /** Closes an attempt under {@code definition} that ClickHouse refused before writing anything. */
    public Checkpoint settle(String definition) {
        return withPending(pendingOrFail().settled(definition));
    }

    private PendingRange pendingOrFail() {
        return pending.orElseThrow(() -> new IllegalStateException("nothing is pending"));
    }

    private Checkpoint withPending(PendingRange range) {
        return new Checkpoint(phase, revision + 1, committed, Optional.of(range), recordsCommitted, true,
                Optional.empty());
    }

    /**
     * Gives the pending range up, committing nothing: only when nothing under its token can have been stored, so that
     * the records are claimed afresh (smaller, or with refused rows routed elsewhere) instead of repeating a doomed
     * insert.
     */
    public Checkpoint release() {
        pending.orElseThrow(() -> new IllegalStateException("nothing is pending to release"));
        return new Checkpoint(Phase.AFTER_PROCESSING, revision + 1, committed, Optional.empty(), recordsCommitted, true,
                Optional.empty());
    }

    /**
     * True when {@code next} ends the claim this checkpoint holds pending in the row itself, not by its commit record:
     * a {@link #release}, or the tracker's {@link #commit} of a claim whose records all aged out of the stream
     * unreplayed ({@code tracker.ExpiredClaims}). Either must lose to the claim's commit record, which leaves the row's
     * revision as it was: a release would give up a stored claim, and the tracker would report stored records as
     * expired.
     */
    public boolean endedBy(Checkpoint next) {
        return pending.isPresent() && next.pending.isEmpty();
    }

    /** True when every position up to and including {@code position} is known to be in ClickHouse. */
    public boolean covers(Position position) {
        return committed.map(c -> !position.isAfter(c)).orElse(false);
    }
}
