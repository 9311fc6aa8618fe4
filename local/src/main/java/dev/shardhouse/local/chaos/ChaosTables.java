package dev.shardhouse.local.chaos;

import static dev.shardhouse.config.Identifier.literal;
import static dev.shardhouse.config.Identifier.qualified;
import static dev.shardhouse.config.Identifier.quote;

import com.clickhouse.client.api.query.GenericRecord;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.dedup.Position;
import dev.shardhouse.local.demo.RecordKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A chaos run's tables: the target table it creates (the ingest function creates its checkpoint and error tables),
 * and what the verification reads back from them. Rows are those of the run's stream name only; the generation
 * of a row comes from its record's data, since a recreated stream may reuse shard ids and sequence numbers.
 */
final class ChaosTables {

    private final ClickHouseSql sql;
    private final String database;
    private final String table;
    private final String errorTable;
    private final String checkpointTable;
    private final String stream;

    ChaosTables(ClickHouseSql sql, String database, String table, String checkpointTable, String stream) {
        this.sql = sql;
        this.database = database;
        this.table = table;
        this.errorTable = table + "_shardhouse_errors";
        this.checkpointTable = checkpointTable;
        this.stream = stream;
    }

    /**
     * The payload's columns and the metadata columns the function fills. A plain MergeTree deduplicates a repeated
     * insert only within {@code non_replicated_deduplication_window} blocks (the function refuses a table without).
     */
    void create() {
        sql.execute("CREATE DATABASE IF NOT EXISTS " + quote(database));
        sql.execute("CREATE TABLE IF NOT EXISTS " + qualified(database, table) + " (\n"
                + "    generation UInt8,\n"
                + "    id UInt64,\n"
                + "    payload String,\n"
                + "    _stream String,\n"
                + "    _shard_id String,\n"
                + "    _sequence_number String,\n"
                + "    _partition_key String,\n"
                + "    _timestamp DateTime64(3, 'UTC')\n"
                + ") ENGINE = MergeTree ORDER BY (_stream, _shard_id, _sequence_number)"
                + " SETTINGS non_replicated_deduplication_window = 10000");
    }

    Map<RecordKey, Integer> rowsPerRecordInTable() {
        return rowsPerRecord("SELECT generation AS g, _shard_id AS shard, _sequence_number AS sequence, toUInt32(count()) AS n"
                + " FROM " + qualified(database, table) + " WHERE _stream = " + literal(stream)
                + " GROUP BY g, shard, sequence");
    }

    /** The error table exists once a function instance has started. */
    Map<RecordKey, Integer> rowsPerRecordInErrorTable() {
        return rowsPerRecord("SELECT toUInt8(JSONExtractUInt(raw_data, 'generation')) AS g, shard_id AS shard,"
                + " sequence_number AS sequence, toUInt32(count()) AS n FROM " + qualified(database, errorTable)
                + " WHERE stream = " + literal(stream) + " GROUP BY g, shard, sequence");
    }

    /** Records committed by the checkpoints of each creation time of the stream: one entry per generation. */
    Map<Long, Long> committedByStreamCreation(String streamArn) {
        Map<Long, Long> committed = new TreeMap<>();
        for (GenericRecord row : sql.query("SELECT stream_created_ms AS created, sum(records_committed) AS records FROM "
                + qualified(database, checkpointTable) + " WHERE stream_arn = " + literal(streamArn)
                + " GROUP BY created", Map.of())) {
            committed.put(row.getLong("created"), row.getLong("records"));
        }
        return committed;
    }

    private Map<RecordKey, Integer> rowsPerRecord(String query) {
        Map<RecordKey, Integer> rows = new HashMap<>();
        List<GenericRecord> result = sql.query(query, Map.of());
        for (GenericRecord row : result) {
            rows.put(new RecordKey(row.getInteger("g"), row.getString("shard"), Position.of(row.getString("sequence"), 0)),
                    (int) row.getLong("n"));
        }
        return rows;
    }
}
