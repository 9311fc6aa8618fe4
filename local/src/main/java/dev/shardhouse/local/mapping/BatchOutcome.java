package dev.shardhouse.local.mapping;

/** What one invocation achieved for its batch, as judged by {@link OutcomeRules}. */
sealed interface BatchOutcome {

    /** Every record is done. */
    record Success() implements BatchOutcome {
    }

    /** The records before {@code firstFailed} (an index into the batch) are done; the rest must be retried. */
    record PartialFailure(int firstFailed) implements BatchOutcome {
    }

    /** Nothing is done. */
    record Failure(String reason) implements BatchOutcome {
    }
}
