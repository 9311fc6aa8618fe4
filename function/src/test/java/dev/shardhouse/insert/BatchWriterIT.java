package dev.shardhouse.insert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.clickhouse.client.api.Client;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.dedup.Position;
import dev.shardhouse.testing.LocalServices;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The streamed insert against the real ClickHouse: a row source failing mid-stream must leave nothing behind. */
class BatchWriterIT {

    private static final String DATABASE = "it_batch_writer";
    private static final int ROWS = 10_000;

    private final Client client = LocalServices.clickHouse("default");
    private final ClickHouseSql sql = new ClickHouseSql(client);
    private String table;
    private BatchWriter writer;

    @BeforeEach
    void createTables() {
        sql.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
        table = "t_" + Long.toString(System.nanoTime(), 36);
        sql.execute("CREATE TABLE " + DATABASE + "." + table + " (x Int32) ENGINE = MergeTree ORDER BY x"
                + " SETTINGS non_replicated_deduplication_window = 100");
        sql.execute(ErrorTable.createStatement(DATABASE, table + "_errors"));
        writer = new BatchWriter(sql, DATABASE, table, List.of("`x`"), table + "_errors");
    }

    @Test
    void aSourceFailingMidStreamInsertsNothingSoTheRangeCanBeWrittenAgain() {
        IllegalStateException fault = new IllegalStateException("the mapper failed on row 5000");
        RowSource failing = new Rows(ROWS, 5_000, fault);

        assertThrows(RuntimeException.class, () -> writer.write("s", "shardId-000000000000", failing, "token-1"));
        assertEquals(0, count(), "rows of the failed insert kept");

        // The repeat carries the same token: had the failed insert kept its first rows, this one would be dropped.
        assertEquals(ROWS, writer.write("s", "shardId-000000000000", new Rows(ROWS, -1, null), "token-1").inserted());
        assertEquals(ROWS, count());
    }

    private long count() {
        return Long.parseLong(client.queryAll("SELECT toString(count()) AS n FROM " + DATABASE + "." + table).get(0)
                .getString("n"));
    }

    /** {@code total} one-column rows 0, 1, 2, ..., throwing {@code fault} when asked for row {@code failAt}. */
    private static final class Rows implements RowSource {
        private final int total;
        private final int failAt;
        private final RuntimeException fault;
        private int next;

        Rows(int total, int failAt, RuntimeException fault) {
            this.total = total;
            this.failAt = failAt;
            this.fault = fault;
        }

        @Override
        public TargetRow next() {
            if (next == failAt) {
                throw fault;
            }
            if (next == total) {
                return null;
            }
            byte[] row = ByteBuffer.allocate(5).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0).putInt(next).array();
            return new TargetRow(row, Position.of(String.valueOf(1000 + next++), 0), "pk", Instant.EPOCH, new byte[0]);
        }

        @Override
        public List<ErrorRow> errors() {
            return List.of();
        }
    }
}
