package dev.shardhouse.local.demo;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import dev.shardhouse.config.Identifier;
import dev.shardhouse.dedup.Position;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The demo's tables in ClickHouse: the target table it creates (the ingest function creates its checkpoint and
 * error tables itself) and the counts the progress lines and the verification read. Rows are those of the demo's
 * stream only ({@code _stream}), so earlier runs into the same table do not count.
 */
final class DemoStore {

    private static final List<String> VERIFIED_COLUMNS = List.of("_stream", "_shard_id", "_sequence_number",
            "_sub_sequence_number");

    private final Client client;
    private final String database;
    private final String table;
    private final String errorTable;
    private final String stream;

    DemoStore(Client client, String database, String table, String stream) {
        this.client = client;
        this.database = database;
        this.table = table;
        this.errorTable = table + "_shardhouse_errors";
        this.stream = stream;
    }

    /**
     * The target table: the payload's fields and the metadata columns the ingest function fills. Plain MergeTree
     * deduplicates a repeated insert only within {@code non_replicated_deduplication_window}, which the ingest
     * function requires.
     */
    void createTable() {
        execute("CREATE DATABASE IF NOT EXISTS " + Identifier.quote(database));
        execute("CREATE TABLE IF NOT EXISTS " + Identifier.qualified(database, table) + " (\n"
                + "    id UInt64,\n"
                + "    key String,\n"
                + "    payload String,\n"
                + "    _stream String,\n"
                + "    _shard_id String,\n"
                + "    _sequence_number String,\n"
                + "    _sub_sequence_number UInt64,\n"
                + "    _partition_key String,\n"
                + "    _timestamp DateTime64(3, 'UTC')\n"
                + ") ENGINE = MergeTree ORDER BY (_stream, _shard_id, _sequence_number, _sub_sequence_number)"
                + " SETTINGS non_replicated_deduplication_window = 10000");
        List<String> lacking = new ArrayList<>(VERIFIED_COLUMNS);
        lacking.removeAll(client.queryAll("SELECT name FROM system.columns WHERE database = " + Identifier.literal(database)
                + " AND table = " + Identifier.literal(table)).stream().map(row -> row.getString("name")).toList());
        if (!lacking.isEmpty()) {
            // A table of the same name made otherwise: the verification could not identify the records.
            throw new IllegalStateException("the existing table " + database + "." + table + " lacks the columns "
                    + lacking + " the verification reads: drop it, or give another --table");
        }
    }

    /** Rows stored for the demo's stream. */
    record Stored(long inTable, long inErrorTable) {
    }

    Stored stored() {
        return new Stored(count(table, "_stream"), errorTableExists() ? count(errorTable, "stream") : 0);
    }

    Map<RecordKey, Integer> rowsPerRecordInTable() {
        return rowsPerRecord(table, "_stream", "_shard_id", "_sequence_number", "_sub_sequence_number");
    }

    Map<RecordKey, Integer> rowsPerRecordInErrorTable() {
        return errorTableExists() ? rowsPerRecord(errorTable, "stream", "shard_id", "sequence_number", "sub_sequence_number") : Map.of();
    }

    private boolean errorTableExists() {
        return client.queryAll("EXISTS TABLE " + Identifier.qualified(database, errorTable)).get(0).getInteger(1) == 1;
    }

    private long count(String from, String streamColumn) {
        return client.queryAll("SELECT count() FROM " + Identifier.qualified(database, from)
                + " WHERE " + streamColumn + " = " + Identifier.literal(stream)).get(0).getLong(1);
    }

    private Map<RecordKey, Integer> rowsPerRecord(String from, String streamColumn, String shardColumn,
                                                  String sequenceColumn, String subSequenceColumn) {
        List<GenericRecord> rows = client.queryAll("SELECT " + shardColumn + " AS shard, " + sequenceColumn
                + " AS sequence, toInt64(" + subSequenceColumn + ") AS sub, toUInt32(count()) AS rows FROM "
                + Identifier.qualified(database, from) + " WHERE " + streamColumn + " = " + Identifier.literal(stream)
                + " GROUP BY shard, sequence, sub");
        Map<RecordKey, Integer> counts = new HashMap<>();
        for (GenericRecord row : rows) {
            counts.put(new RecordKey(row.getString("shard"), Position.of(row.getString("sequence"), row.getLong("sub"))),
                    (int) row.getLong("rows"));
        }
        return counts;
    }

    /**
     * Alters the table while records flow, as an operator may: the ingest function reads the table's definition for
     * every batch, so the batches that follow fill the new column (here with its default).
     */
    void addColumnWhileRunning() {
        execute("ALTER TABLE " + Identifier.qualified(database, table)
                + " ADD COLUMN IF NOT EXISTS stored_at DateTime64(3, 'UTC') DEFAULT now64(3)");
    }

    private void execute(String sql) {
        try {
            client.execute(sql).get().close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running: " + sql, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("ClickHouse refused: " + sql, e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("ClickHouse failed: " + sql, e);
        }
    }
}
