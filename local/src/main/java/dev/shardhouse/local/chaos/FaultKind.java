package dev.shardhouse.local.chaos;

/** The faults a chaos run injects, with the names its figures print. */
public enum FaultKind {
    /** ClickHouse's server process killed with SIGKILL while invocations are inserting, then started again */
    CLICKHOUSE_KILL("clickhouse_sigkill"),
    /** ZooKeeper (the keeper of the checkpoint table) stopped and started again */
    ZOOKEEPER_RESTART("zookeeper_restart"),
    /** an invocation that dies after its insert and before its checkpoint commit */
    KILL_BEFORE_COMMIT("killed_between_insert_and_checkpoint"),
    /** a successful batch delivered again as it was */
    WHOLE_REDELIVERY("redelivered_whole"),
    /** a successful batch delivered again shifted into the records that follow it */
    OVERLAPPING_REDELIVERY("redelivered_overlapping"),
    /** a batch delivered twice at the same time: two invocations on one shard, both after its committed position */
    CONCURRENT_BATCHES("concurrent_batches"),
    /**
     * a shard's next two batches delivered at the same time, the second beyond the first's uncommitted records: what
     * ParallelizationFactor 2 would do, which the stack refuses (off unless asked for, to show why)
     */
    PARALLEL_BATCHES("parallel_batches_factor_2"),
    /** UpdateShardCount doubling the open shards while records are produced */
    RESHARD("reshard_under_load"),
    /** the stream deleted and created again under the same name */
    STREAM_RECREATED("stream_deleted_and_recreated"),
    /** {@code ALTER TABLE … ADD COLUMN added UInt64}: records produced from then on carry it */
    COLUMN_ADDED("column_added"),
    /** {@code ALTER TABLE … MODIFY COLUMN amount Float64} (from UInt32) */
    COLUMN_RETYPED("column_retyped"),
    /** {@code ALTER TABLE … DROP COLUMN obsolete}, a column every record fills */
    COLUMN_DROPPED("column_dropped"),
    /** {@code ALTER TABLE … ADD CONSTRAINT … CHECK ok = 1}: records produced from then on may carry ok = 0 */
    CHECK_CONSTRAINT_ADDED("check_constraint_added"),
    /** a materialized view on the target whose {@code toUInt32(note)} fails on one record in a hundred */
    REFUSING_VIEW_CREATED("refusing_view_created"),
    /** checkpoints the resharding tracker, run every few seconds, archived while the pipelines ran */
    CHECKPOINTS_RETIRED("checkpoints_retired_by_tracker"),
    /** an insert of the first pipeline ran on the server, its response dropped by the proxy: the ambiguous insert */
    RESPONSE_DROPPED_AFTER_INSERT("response_dropped_after_insert"),
    /** a claim (compare-and-set to BEFORE_PROCESSING) took effect, its response dropped */
    RESPONSE_DROPPED_AFTER_CLAIM("response_dropped_after_claim"),
    /** a commit (compare-and-set to AFTER_PROCESSING) took effect, its response dropped: the ambiguous commit */
    RESPONSE_DROPPED_AFTER_COMMIT("response_dropped_after_commit"),
    /** an insert's connection reset halfway through the first bytes of its body */
    RESET_MID_REQUEST_BODY("reset_mid_request_body"),
    /** a claim's or commit's connection reset halfway through its response, after the server ran it */
    RESET_MID_RESPONSE("reset_mid_response"),
    /** an insert's response held for seconds */
    LATENCY_SPIKE("latency_spike"),
    /** an insert and its response trickling at a few kilobytes a second */
    BANDWIDTH_LIMIT("bandwidth_limit"),
    /** nothing through the proxy between the function and ClickHouse for longer than the function's timeout */
    PARTITION("partition_past_function_timeout"),
    /** a keeper write reaches ZooKeeper, its reply is dropped and the link cut until ClickHouse's session expired */
    KEEPER_SESSION_EXPIRED("keeper_session_expired_mid_write");

    private final String label;

    FaultKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * Whether the fault stops a service that other users of the same local stack depend on (a keeper session expiry
     * needs ClickHouse's keeper link to go through the run's proxy, so a stack of the run's own).
     */
    public boolean stopsSharedService() {
        return this == CLICKHOUSE_KILL || this == ZOOKEEPER_RESTART || this == KEEPER_SESSION_EXPIRED;
    }

    /** Whether the fault is the fault-injecting proxy's, counted when it applied rather than when it was armed. */
    public boolean network() {
        return ordinal() >= RESPONSE_DROPPED_AFTER_INSERT.ordinal();
    }

    /** Whether the fault changes the first pipeline's target table, which it can do once per run. */
    public boolean changesTable() {
        return this == COLUMN_ADDED || this == COLUMN_RETYPED || this == COLUMN_DROPPED || this == CHECK_CONSTRAINT_ADDED
                || this == REFUSING_VIEW_CREATED;
    }
}
