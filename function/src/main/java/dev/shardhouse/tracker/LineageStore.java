package dev.shardhouse.tracker;

import static dev.shardhouse.config.Identifier.qualified;

import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.GenericRecord;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.checkpoint.StreamIdentity;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Reads and writes the lineage table (DDL in {@link TrackerTables#createLineageTable}). */
public final class LineageStore {

    private final ClickHouseSql sql;
    private final String table;

    public LineageStore(ClickHouseSql sql, String database, String table) {
        this.sql = sql;
        this.table = qualified(database, table);
    }

    /** The latest row of every shard ever recorded under this ARN, of every incarnation. */
    public List<LineageRow> read(String streamArn) {
        return sql.query("SELECT stream_arn, stream_created_ms, shard_id, parent_shard_id, adjacent_parent_shard_id,"
                        + " toString(hash_key_start) AS hash_key_start, toString(hash_key_end) AS hash_key_end,"
                        + " starting_sequence, closed, listed, first_seen, last_seen"
                        + " FROM " + table + " FINAL WHERE stream_arn = {arn:String}"
                        + " ORDER BY stream_created_ms, shard_id",
                Map.of("arn", streamArn))
                .stream()
                .map(LineageStore::toRow)
                .toList();
    }

    /** One insert for all rows; ReplacingMergeTree keeps the newest per shard, so a repeated write is harmless. */
    public void write(List<LineageRow> rows, Instant writtenAt) {
        if (rows.isEmpty()) {
            return;
        }
        List<ObjectNode> json = rows.stream().map(row -> toJson(row, writtenAt)).toList();
        JsonRows.insert(sql, table, json, new InsertSettings());
    }

    private static LineageRow toRow(GenericRecord record) {
        ListedShard shard = new ListedShard(
                record.getString("shard_id"),
                record.getString("parent_shard_id"),
                record.getString("adjacent_parent_shard_id"),
                new BigInteger(record.getString("hash_key_start")),
                new BigInteger(record.getString("hash_key_end")),
                record.getString("starting_sequence"),
                record.getBoolean("closed"));
        return new LineageRow(
                new StreamIdentity(record.getString("stream_arn"), record.getLong("stream_created_ms")),
                shard,
                record.getBoolean("listed"),
                record.getInstant("first_seen"),
                record.getInstant("last_seen"));
    }

    private static ObjectNode toJson(LineageRow row, Instant writtenAt) {
        ListedShard shard = row.shard();
        return JsonRows.row()
                .put("stream_arn", row.stream().streamArn())
                .put("stream_created_ms", row.stream().createdMillis())
                .put("shard_id", shard.shardId())
                .put("parent_shard_id", shard.parentShardId())
                .put("adjacent_parent_shard_id", shard.adjacentParentShardId())
                // UInt128 as a decimal string: a JSON number this large would pass through a double.
                .put("hash_key_start", shard.hashKeyStart().toString())
                .put("hash_key_end", shard.hashKeyEnd().toString())
                .put("starting_sequence", shard.startingSequence())
                .put("closed", shard.closed())
                .put("listed", row.listed())
                .put("first_seen", JsonRows.time(row.firstSeen()))
                .put("last_seen", JsonRows.time(row.lastSeen()))
                .put("updated_at", JsonRows.time(writtenAt));
    }
}
