package dev.shardhouse.insert;

import static dev.shardhouse.config.Identifier.qualified;

import com.clickhouse.client.api.Client;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.config.Identifier;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import java.util.List;

/**
 * Writes one claimed range: the mapped rows into the target table and the failed records into the error table,
 * each as a single streamed RowBinary insert carrying the range's {@code insert_deduplication_token}. Repeating
 * the same call after a crash inserts nothing twice (within the tables' deduplication window).
 */
public final class BatchWriter {

    private final Client client;
    private final String targetTable;
    private final List<String> targetColumns;
    private final String errorTable;
    private final List<String> errorColumns;

    /** @param targetColumns the target table's insertable columns in row order, quoted */
    public BatchWriter(Client client, String database, String targetTable, List<String> targetColumns, String errorTable) {
        this.client = client;
        this.targetTable = qualified(database, targetTable);
        this.targetColumns = List.copyOf(targetColumns);
        this.errorTable = qualified(database, errorTable);
        this.errorColumns = ErrorTable.COLUMNS.stream().map(Identifier::quote).toList();
    }

    /** @return rows ClickHouse actually wrote to the target table (0 when it dropped the insert as a repeat) */
    public long write(List<byte[]> rows, List<byte[]> errorRows, String token) {
        long written = rows.isEmpty() ? 0
                : insert(targetTable, targetColumns, ClickHouseFormat.RowBinaryWithDefaults, rows, token);
        if (!errorRows.isEmpty()) {
            insert(errorTable, errorColumns, ClickHouseFormat.RowBinary, errorRows, token);
        }
        return written;
    }

    private long insert(String table, List<String> columns, ClickHouseFormat format, List<byte[]> rows, String token) {
        InsertSettings settings = new InsertSettings().setDeduplicationToken(token);
        try (InsertResponse response = ClickHouseSql.await(client.insert(table, columns, out -> {
            for (byte[] row : rows) {
                out.write(row);
            }
        }, format, settings))) {
            return response.getWrittenRows();
        }
    }
}
