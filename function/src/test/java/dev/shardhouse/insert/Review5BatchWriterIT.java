package dev.shardhouse.insert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.clickhouse.client.api.Client;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.dedup.Position;
import dev.shardhouse.map.RecordFormat;
import dev.shardhouse.map.RowLayout;
import dev.shardhouse.map.TargetTable;
import dev.shardhouse.testing.LocalServices;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Adversarial review of the fifth session: a stale insert whose body is larger than the socket buffers. */
class Review5BatchWriterIT {

    private static final String DATABASE = "it_review5_writer";
    private static final int ROWS = 2_000_000; // 10 MB of RowBinaryWithDefaults

    private final Client client = LocalServices.clickHouse("default");
    private final ClickHouseSql sql = new ClickHouseSql(client);
    private String table;
    private BatchWriter writer;

    @BeforeEach
    void createTables() {
        sql.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
        table = "t_" + Long.toString(System.nanoTime(), 36);
        sql.execute(ErrorTable.createStatement(DATABASE, table + "_errors"));
        sql.execute("CREATE TABLE " + DATABASE + "." + table + " (x Int32) ENGINE = MergeTree ORDER BY x"
                + " SETTINGS non_replicated_deduplication_window = 100");
        writer = new BatchWriter(sql, DATABASE, table, table + "_errors", InsertDeduplication.read(sql));
    }

    private RowLayout staleLayout() {
        RowLayout mapped = new TargetTable(sql, DATABASE, table, RecordFormat.JSON).current().layout();
        sql.execute("ALTER TABLE " + DATABASE + "." + table + " ADD COLUMN note String DEFAULT 'after'");
        return mapped;
    }

    private static Object outcome(Supplier<TargetInsert> insert) {
        try {
            return insert.get();
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** The guard stops a large insert at analysis: it must come back as Stale, whatever the body's size. */
    @Test
    void aLargeStaleInsertIsStale() {
        RowLayout mapped = staleLayout();
        Object result = outcome(() -> writer.insertTarget(mapped, rows(0, ROWS), "stale-large"));
        assertInstanceOf(TargetInsert.Stale.class, result, String.valueOf(result));
    }

    /** The same, begun during its claim and finished once the claim is won. */
    @Test
    void aLargeStaleBegunInsertIsStale() {
        RowLayout mapped = staleLayout();
        PendingInsert upload = writer.beginTarget(mapped, rows(0, ROWS), "stale-large-begun");
        Object result = outcome(upload::finish);
        assertInstanceOf(TargetInsert.Stale.class, result, String.valueOf(result));
    }

    /**
     * A lost claim's upload holds back only the last byte of its last row. A row of one column left to its default is
     * one byte in RowBinaryWithDefaults (the flag 1): holding it back ends the body on a row boundary, and ClickHouse
     * reads a whole, shorter body.
     */
    @Test
    void aLostClaimWhoseLastRowIsOneByteStoresNothing() {
        // (a row of 5 bytes, 0 and an Int32, as BatchWriterIT's; then one left to its default)
        RowLayout columns = new RowLayout(List.of("`x`"), "`x` Int32", java.util.Optional.empty(), java.util.Map.of());
        List<TargetRow> rows = new java.util.ArrayList<>(rows(0, 10));
        rows.add(new TargetRow(10, new byte[] {1}, Position.of("1010", 0), "pk", Instant.EPOCH, new byte[0]));

        PendingInsert upload = writer.beginTarget(columns, rows, "lost-claim-default-last");
        sleep(1000); // the claim's round trip: the body but its last byte is with the server
        upload.abandon();
        sleep(3000); // abandon() waits for the client, not for the server to end the request

        assertEquals(0L, Long.parseLong(client.queryAll("SELECT toString(count()) AS n FROM " + DATABASE + "." + table)
                .get(0).getString("n")), "no row of a lost claim's insert is stored");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<TargetRow> rows(int from, int to) {
        return IntStream.range(from, to).mapToObj(x -> {
            byte[] row = ByteBuffer.allocate(5).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0).putInt(x).array();
            return new TargetRow(x - from, row, Position.of(String.valueOf(1000 + x), 0), "pk", Instant.EPOCH,
                    new byte[0]);
        }).toList();
    }
}
