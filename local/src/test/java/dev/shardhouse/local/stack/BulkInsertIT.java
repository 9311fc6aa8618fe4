package dev.shardhouse.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import dev.shardhouse.config.Identifier;
import dev.shardhouse.testing.LocalServices;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** One RowBinary insert of 100,000 rows through the production client lands whole in a MergeTree table. */
class BulkInsertIT {

    private static final int ROWS = 100_000;

    @Test
    void hundredThousandRowsInOneRowBinaryInsert() throws Exception {
        String table = Identifier.qualified(Sql.DATABASE, Sql.uniqueTable("bulk_insert"));
        try (Client client = LocalServices.clickHouse("default")) {
            Sql.execute(client, "CREATE DATABASE IF NOT EXISTS " + Identifier.quote(Sql.DATABASE));
            Sql.execute(client, "CREATE TABLE " + table + " (id UInt64, payload String) ENGINE = MergeTree ORDER BY id");
            try {
                try (InsertResponse response = client.insert(table, new ByteArrayInputStream(rowBinary()),
                        ClickHouseFormat.RowBinary, new InsertSettings()).get()) {
                    assertEquals(ROWS, response.getWrittenRows());
                }

                assertEquals(ROWS, Sql.queryLong(client, "SELECT count() FROM " + table));
                assertEquals((long) ROWS * (ROWS - 1) / 2, Sql.queryLong(client, "SELECT sum(id) FROM " + table));
                assertEquals(ROWS, Sql.queryLong(client,
                        "SELECT countIf(payload = concat('row-', toString(id))) FROM " + table), "payloads intact");
            } finally {
                Sql.execute(client, "DROP TABLE IF EXISTS " + table);
            }
        }
    }

    /** Rows (id, "row-" + id) for id 0..ROWS-1 in RowBinary: UInt64 little-endian, String as LEB128 length + bytes. */
    private static byte[] rowBinary() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ROWS * 20);
        for (long id = 0; id < ROWS; id++) {
            for (int shift = 0; shift < Long.SIZE; shift += Byte.SIZE) {
                out.write((int) (id >>> shift));
            }
            byte[] payload = ("row-" + id).getBytes(StandardCharsets.UTF_8);
            out.write(payload.length); // < 128: a one-byte LEB128 length
            out.writeBytes(payload);
        }
        return out.toByteArray();
    }
}
