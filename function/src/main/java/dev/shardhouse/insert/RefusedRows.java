package dev.shardhouse.insert;

import static dev.shardhouse.config.Identifier.qualified;

import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import dev.shardhouse.clickhouse.ClickHouseFailure;
import dev.shardhouse.clickhouse.ClickHouseSql;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds the rows ClickHouse refuses without writing anything: a dry run against a Null-engine copy of the target
 * table, which checks types and CHECK constraints as the table does but stores nothing. Splitting the real insert
 * instead would leave a part, and a deduplication token, per half: a batch of 2,000 with 100 refused rows made 508
 * parts and pushed other claims' tokens out of the window; and a half that went in could not be taken back should
 * the refusal not happen on a retry (issue 12, cases 1 and 5).
 */
public final class RefusedRows {

    private final ClickHouseSql sql;
    private final String database;
    private final String targetTable;

    public RefusedRows(ClickHouseSql sql, String database, String targetTable) {
        this.sql = sql;
        this.database = database;
        this.targetTable = targetTable;
    }

    /**
     * @param columns the quoted columns of {@code rows}, in order
     * @return the ordinal and reason of every row ClickHouse refuses on its own; empty when none is
     * @throws IllegalStateException if the dry run fails other than by refusing rows
     */
    public Map<Integer, String> find(List<String> columns, List<TargetRow> rows) {
        // A copy of its own: the table may have changed since another invocation made one, and dropping a shared copy
        // would break the other's dry run.
        String probe = qualified(database, targetTable + "_shardhouse_probe_"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
        sql.execute("CREATE TABLE " + probe + " AS " + qualified(database, targetTable) + " ENGINE = Null");
        try {
            Map<Integer, String> refused = new TreeMap<>();
            search(probe, columns, rows, refused);
            return refused;
        } finally {
            sql.execute("DROP TABLE IF EXISTS " + probe + " SYNC");
        }
    }

    /** Halves refused sets of rows until each refused row stands alone: O(refused × log rows) dry inserts. */
    private void search(String probe, List<String> columns, List<TargetRow> rows, Map<Integer, String> refused) {
        try {
            sql.insert(probe, columns, out -> {
                for (TargetRow row : rows) {
                    out.write(row.rowBinary());
                }
            }, ClickHouseFormat.RowBinaryWithDefaults, new InsertSettings());
        } catch (RuntimeException e) {
            ClickHouseFailure failure = ClickHouseFailure.of(e);
            if (!failure.isRejectedData()) {
                throw new IllegalStateException("the dry run that finds refused rows failed: " + failure.message(), e);
            }
            if (rows.size() == 1) {
                refused.put(rows.get(0).ordinal(), "ClickHouse refused the row: " + failure.message());
                return;
            }
            search(probe, columns, rows.subList(0, rows.size() / 2), refused);
            search(probe, columns, rows.subList(rows.size() / 2, rows.size()), refused);
        }
    }
}
