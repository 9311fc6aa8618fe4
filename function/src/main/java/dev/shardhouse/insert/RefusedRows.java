package dev.shardhouse.insert;

import static dev.shardhouse.config.Identifier.qualified;

import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.GenericRecord;
import dev.shardhouse.clickhouse.ClickHouseFailure;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.map.RowLayout;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Finds the rows ClickHouse refuses without writing anything to the target table: a dry run against a throw-away copy
 * of it (its columns, constraints, sorting and partition keys, in a plain MergeTree), which refuses what the table
 * refuses — types, CHECK constraints, a key that cannot be computed — and is dropped after. Splitting the real insert
 * instead would leave a part, and a deduplication token, per half: a batch of 2,000 with 100 refused rows made 508
 * parts and pushed other claims' tokens out of the window; and a half that went in could not be taken back should
 * the refusal not happen on a retry (issue 12, cases 1 and 5).
 */
public final class RefusedRows implements RefusedRowFinder {

    private final ClickHouseSql sql;
    private final String database;
    private final String targetTable;

    public RefusedRows(ClickHouseSql sql, String database, String targetTable) {
        this.sql = sql;
        this.database = database;
        this.targetTable = targetTable;
    }

    /**
     * @param layout how {@code rows} are laid out
     * @return the ordinal and reason of every row ClickHouse refuses on its own; empty when none is
     * @throws IllegalStateException if the dry run fails other than by refusing rows
     */
    @Override
    public Map<Integer, String> find(RowLayout layout, List<TargetRow> rows) {
        // A copy of its own: the table may have changed since another invocation made one, and dropping a shared copy
        // would break the other's dry run. Named from SecureRandom (UUID): ThreadLocalRandom's seed would be the same
        // in every instance restored from one SnapStart snapshot.
        String probe = qualified(database, targetTable + "_shardhouse_probe_"
                + UUID.randomUUID().toString().replace("-", ""));
        GenericRecord keys = sql.query("SELECT sorting_key, partition_key FROM system.tables"
                + " WHERE database = {database:String} AND name = {table:String}",
                Map.of("database", database, "table", targetTable)).get(0);
        String partitionKey = keys.getString("partition_key");
        String sortingKey = keys.getString("sorting_key");
        // With the rows' settings: a Nullable tuple column cannot be created without one.
        sql.execute("CREATE TABLE " + probe + " AS " + qualified(database, targetTable) + " ENGINE = MergeTree"
                + (partitionKey.isEmpty() ? "" : " PARTITION BY (" + partitionKey + ")")
                + " ORDER BY " + (sortingKey.isEmpty() ? "tuple()" : "(" + sortingKey + ")"),
                Map.of(), layout.settings());
        try {
            Map<Integer, String> refused = new TreeMap<>();
            search(probe, layout, rows, refused);
            return refused;
        } finally {
            sql.execute("DROP TABLE IF EXISTS " + probe + " SYNC");
        }
    }

    /** Halves refused sets of rows until each refused row stands alone: O(refused × log rows) dry inserts. */
    private void search(String probe, RowLayout layout, List<TargetRow> rows, Map<Integer, String> refused) {
        try {
            sql.insertFromInput(probe, layout, "",
                    BatchWriter.writing(rows.stream().map(TargetRow::rowBinary).toList()),
                    // Partitions per block are the real insert's business, not a row's: the probe must not refuse them.
                    new InsertSettings().serverSetting("max_partitions_per_insert_block", "0"));
        } catch (RuntimeException e) {
            ClickHouseFailure failure = ClickHouseFailure.of(e);
            if (!failure.isRejectedData()) {
                throw new IllegalStateException("the dry run that finds refused rows failed: " + failure.message(), e);
            }
            if (rows.size() == 1) {
                refused.put(rows.get(0).ordinal(), "ClickHouse refused the row: " + failure.message());
                return;
            }
            search(probe, layout, rows.subList(0, rows.size() / 2), refused);
            search(probe, layout, rows.subList(rows.size() / 2, rows.size()), refused);
        }
    }
}
