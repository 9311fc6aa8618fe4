package dev.shardhouse.tracker;

import static dev.shardhouse.config.Identifier.qualified;

import dev.shardhouse.checkpoint.KeeperMapCheckpointStore;
import dev.shardhouse.clickhouse.ClickHouseSql;

/** DDL of the tracker's own tables, and creation of every table it uses. */
public final class TrackerTables {

    private TrackerTables() {
    }

    /**
     * One row per shard and stream incarnation. Rows are rewritten only when something changed (see
     * {@link LineageDiff}); ReplacingMergeTree keeps the newest by {@code updated_at}, the time of the listing that
     * wrote it, so two runs at once converge on the later listing. Read it with FINAL.
     * Hash keys are UInt128 so that "which shard owns this key" is a plain range query.
     */
    public static String createLineageTable(String database, String table) {
        return "CREATE TABLE IF NOT EXISTS " + qualified(database, table) + " (\n"
                + "    stream_arn String,\n"
                + "    stream_created_ms Int64,\n"
                + "    shard_id String,\n"
                + "    parent_shard_id String,\n"
                + "    adjacent_parent_shard_id String,\n"
                + "    hash_key_start UInt128,\n"
                + "    hash_key_end UInt128,\n"
                + "    starting_sequence String,\n"
                + "    closed Bool,\n"
                + "    listed Bool,\n"
                + "    first_seen DateTime64(3, 'UTC'),\n"
                + "    last_seen DateTime64(3, 'UTC'),\n"
                + "    updated_at DateTime64(3, 'UTC')\n"
                + ") ENGINE = ReplacingMergeTree(updated_at) ORDER BY (stream_arn, stream_created_ms, shard_id)";
    }

    /**
     * Append-only history. A run's events not recorded yet go in under tokens that a repeat carries too (one per event,
     * or one for a mass reshard's many), and the table keeps the last 1000 block tokens: a run that sees events again
     * after a crash between this insert and the lineage write leaves them out, and two runs at once that see the same
     * events have one of their blocks dropped by ClickHouse ({@link ReshardEventStore#append}). A plain MergeTree then
     * holds each event once and needs no FINAL.
     */
    public static String createEventsTable(String database, String table) {
        return "CREATE TABLE IF NOT EXISTS " + qualified(database, table) + " (\n"
                + "    stream_arn String,\n"
                + "    stream_created_ms Int64,\n"
                + "    event_key String,\n"
                + "    event_type LowCardinality(String),\n"
                + "    from_shards Array(String),\n"
                + "    to_shards Array(String),\n"
                + "    open_shards_before UInt32,\n"
                + "    open_shards_after UInt32,\n"
                + "    detected_at DateTime64(3, 'UTC')\n"
                + ") ENGINE = MergeTree ORDER BY (stream_arn, stream_created_ms, detected_at, event_key)\n"
                + "SETTINGS non_replicated_deduplication_window = 1000";
    }

    /** Idempotent: every statement is CREATE TABLE IF NOT EXISTS. */
    public static void createAll(ClickHouseSql sql, TrackerConfig config) {
        String db = config.clickHouse().database();
        KeeperMapCheckpointStore.createTables(sql, db, config.checkpointTable(), config.archiveTable());
        sql.execute(createLineageTable(db, config.lineageTable()));
        sql.execute(createEventsTable(db, config.eventsTable()));
    }
}
