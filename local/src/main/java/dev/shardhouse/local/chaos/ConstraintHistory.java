package dev.shardhouse.local.chaos;

/**
 * What became of the changed table's CHECK constraint ({@code ok_is_set CHECK ok = 1}) during a run, which decides
 * where a record with {@code ok = 0} belongs (see {@link ValueCheck}).
 */
enum ConstraintHistory {
    /** never added: every record belongs in the target table */
    NEVER_ADDED,
    /** added and kept: a record it refuses belongs in the error table */
    ADDED,
    /**
     * added, then dropped by the harness's operator to let a held shard through ({@link ChaosOperator}): a record it
     * would refuse belongs in the error table if its batch ran before the drop, in the target table if after
     */
    DROPPED_BY_OPERATOR
}
