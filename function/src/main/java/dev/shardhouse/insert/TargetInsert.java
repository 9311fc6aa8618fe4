package dev.shardhouse.insert;

import dev.shardhouse.clickhouse.ClickHouseFailure;

/**
 * What an insert into the target table did, as far as it can be known. Failures that leave it uncertain (a timeout,
 * a lost connection) are thrown instead: only a repeat under the same token can settle them.
 */
public sealed interface TargetInsert {

    /** The rows went in (or were dropped as a repeat of the token). */
    record Written(int rows) implements TargetInsert {
    }

    /**
     * The rows went into the target table, and a materialized view on it then failed: ClickHouse writes the block
     * before it pushes it to the views, so nothing may be sent again under another token (issue 12, case 1).
     */
    record ViewFailed(int rows, RuntimeException error) implements TargetInsert {
        public ClickHouseFailure failure() {
            return ClickHouseFailure.of(error);
        }
    }

    /** ClickHouse refused the rows' content before writing anything (a CHECK constraint, a value it cannot parse). */
    record Refused(RuntimeException error) implements TargetInsert {
        public ClickHouseFailure failure() {
            return ClickHouseFailure.of(error);
        }
    }

    /**
     * The table's definition changed after the rows were mapped, and ClickHouse stopped the insert before it read a
     * row (the insert's guard, or a column of the mapping gone): nothing is written, and the same records mapped for
     * the table as it is now may go in.
     */
    record Stale(RuntimeException error) implements TargetInsert {
        public ClickHouseFailure failure() {
            return ClickHouseFailure.of(error);
        }
    }

    /**
     * ClickHouse refused the insert for another reason before writing anything (too many partitions in one block, a
     * column or the table gone): no row of it is at fault, so no row goes to the error table.
     */
    record NotWritten(RuntimeException error) implements TargetInsert {
        public ClickHouseFailure failure() {
            return ClickHouseFailure.of(error);
        }
    }
}
