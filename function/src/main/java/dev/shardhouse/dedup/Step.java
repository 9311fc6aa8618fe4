package dev.shardhouse.dedup;

/** What a batch must do next, decided from the shard's checkpoint alone. */
public sealed interface Step {

    /** A previous claim was never committed: insert exactly its records again with its token, then commit it. */
    record Recover(PendingRange pending) implements Step {
    }

    /**
     * A record at or before the committed position lies inside the last committed claim's bounds but was not one of
     * its records: two batches of one shard ran at once (ParallelizationFactor above 1), and skipping it as already
     * stored would lose it.
     */
    record Interleaved(Position record, PendingRange claim) implements Step {
    }

    /** Every record of the batch is already in ClickHouse. */
    record Skip(int duplicates) implements Step {
    }

    /**
     * Records from index {@code from} of the batch onwards are new: map them, claim them (with their routing), insert,
     * commit. The {@code from} records before them are duplicates.
     */
    record Insert(int from) implements Step {
        public int duplicates() {
            return from;
        }
    }
}
