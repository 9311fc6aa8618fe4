package dev.shardhouse.insert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clickhouse.client.api.Client;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.config.Identifier;
import dev.shardhouse.dedup.Position;
import dev.shardhouse.map.RecordFormat;
import dev.shardhouse.map.RowLayout;
import dev.shardhouse.map.TargetTable;
import dev.shardhouse.testing.LocalServices;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an insert into the target table did, told apart against the real ClickHouse: whether anything was written
 * decides whether a claim may be released or its rows re-routed, so each outcome is checked against the table.
 */
class BatchWriterIT {

    private static final String DATABASE = "it_batch_writer";
    private static final RowLayout WITH_NOTE = new RowLayout(List.of("`x`", "`note`"), "`x` Int32, `note` String",
            Optional.empty(), Map.of());
    /** 2,000,000 rows, 10 MB of RowBinaryWithDefaults: more than the socket buffers hold. */
    private static final int LARGE = 2_000_000;
    private static final RowLayout COLUMNS = new RowLayout(List.of("`x`"), "`x` Int32", Optional.empty(), Map.of());

    /** A settings profile bounding insert blocks at two rows, as the server splits a long insert by default. */
    private static final Map<String, String> SMALL_BLOCKS = Map.of("min_insert_block_size_rows", "2",
            "min_insert_block_size_bytes", "1", "max_insert_block_size", "2");

    private final Client client = LocalServices.clickHouse("default");
    private final ClickHouseSql sql = new ClickHouseSql(client);
    private String table;
    private BatchWriter writer;

    @BeforeEach
    void createTables() {
        sql.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
        table = "t_" + Long.toString(System.nanoTime(), 36);
        sql.execute(ErrorTable.createStatement(DATABASE, table + "_errors"));
        writer = new BatchWriter(sql, DATABASE, table, table + "_errors", InsertDeduplication.read(sql));
    }

    private void createTarget(String extra) {
        sql.execute("CREATE TABLE " + DATABASE + "." + table + " (x Int32" + extra + ") ENGINE = MergeTree ORDER BY x"
                + " SETTINGS non_replicated_deduplication_window = 100");
    }

    @Test
    void aRepeatedTokenIsWrittenOnce() {
        createTarget("");

        assertEquals(new TargetInsert.Written(10), writer.insertTarget(COLUMNS, rows(0, 10), "token-1"));
        assertEquals(new TargetInsert.Written(10), writer.insertTarget(COLUMNS, rows(0, 10), "token-1"));
        assertEquals(10, count(table));
    }

    /**
     * Rows carry the definition they were mapped for: a constraint added after the mapping fails the insert as
     * stale (it is not a refusal of the rows by the definition of their claim), and writes nothing.
     */
    @Test
    void anInsertForAnotherDefinitionOfTheTableWritesNothingAndIsNotARefusal() {
        createTarget("");
        RowLayout mapped = new TargetTable(sql, DATABASE, table, RecordFormat.JSON).current().layout();
        sql.execute("ALTER TABLE " + DATABASE + "." + table + " ADD CONSTRAINT small CHECK x < 7");

        TargetInsert result = writer.insertTarget(mapped, rows(0, 10), "token-1");

        TargetInsert.Stale stale = assertInstanceOf(TargetInsert.Stale.class, result);
        assertTrue(stale.failure().message().contains("changed after its rows were mapped"), stale.failure().message());
        assertEquals(0, count(table));
        assertEquals(new TargetInsert.Written(5), writer.insertTarget(
                new TargetTable(sql, DATABASE, table, RecordFormat.JSON).current().layout(), rows(0, 5), "token-1"),
                "mapped for the table as it is now, the same rows go in");
        assertEquals(5, count(table));
    }

    @Test
    void aCheckConstraintRefusesTheInsertWholeAndWritesNothing() {
        createTarget(", CONSTRAINT small CHECK x < 7");

        TargetInsert result = writer.insertTarget(COLUMNS, rows(0, 10), "token-1");

        TargetInsert.Refused refused = assertInstanceOf(TargetInsert.Refused.class, result);
        assertTrue(refused.failure().message().contains("small"), refused.failure().message());
        assertEquals(0, count(table));
    }

    /**
     * A profile may set small insert blocks (to bound a server's memory); ClickHouse then commits an insert block by
     * block, each under its own token ({@code token_0}, {@code token_1}, …). A refusal in a later block left the
     * earlier ones stored, while the claim protocol reads a refusal as "nothing under the token was stored" and
     * re-routes the claim under a new token: duplicates. Every insert forces one block.
     */
    @Test
    void aRefusalWritesNothingWhateverBlockSizeTheProfileSets() {
        createTarget(", CONSTRAINT small CHECK x < 7");
        BatchWriter smallBlocks = new BatchWriter(new ClickHouseSql(LocalServices.clickHouse("default", SMALL_BLOCKS)),
                DATABASE, table, table + "_errors", InsertDeduplication.read(sql));

        TargetInsert result = smallBlocks.insertTarget(COLUMNS, rows(0, 10), "token-1");

        assertInstanceOf(TargetInsert.Refused.class, result);
        assertEquals(0, count(table), "a refused insert stored none of its rows");
    }

    /**
     * Issue 14: the rows of a claim go up while the claim is written. A claim lost ends the body inside its last row,
     * and nothing may be stored, whatever the profile says about blocks or about skipping rows it cannot read: the
     * token belongs to a claim that never was, and rows stored under it would be the records' second copy.
     */
    @Test
    void aBegunInsertWhoseClaimIsLostStoresNothingWhateverTheProfile() {
        createTarget("");
        Map<String, String> lenient = new HashMap<>(SMALL_BLOCKS);
        lenient.put("input_format_allow_errors_num", "1000000");
        lenient.put("input_format_allow_errors_ratio", "1");
        BatchWriter profiled = new BatchWriter(new ClickHouseSql(LocalServices.clickHouse("default", lenient)),
                DATABASE, table, table + "_errors", InsertDeduplication.read(sql));

        for (BatchWriter each : List.of(writer, profiled)) {
            each.beginTarget(COLUMNS, rows(0, 20_000), "lost-claim").abandon();
            each.beginTarget(COLUMNS, rows(0, 1), "lost-claim-of-one").abandon();
        }

        assertEquals(0, count(table), "no row of a lost claim's insert is stored");
        assertEquals(new TargetInsert.Written(20_000), writer.insertTarget(COLUMNS, rows(0, 20_000), "lost-claim"));
        assertEquals(20_000, count(table), "and its token was not taken: the same rows under it go in");
    }

    @Test
    void aBegunInsertWhoseClaimIsWonStoresItsRowsOnceUnderItsToken() {
        createTarget("");
        PendingInsert upload = writer.beginTarget(COLUMNS, rows(0, 20_000), "won-claim");

        assertEquals(new TargetInsert.Written(20_000), upload.finish());
        assertEquals(20_000, count(table));
        writer.insertTarget(COLUMNS, rows(0, 20_000), "won-claim");
        assertEquals(20_000, count(table), "a replay under the claim's token is dropped as a repeat");
        assertEquals("199990000", client.queryAll("SELECT toString(sum(x)) AS s FROM " + DATABASE + "." + table).get(0)
                .getString("s"), "every value whole, the last row's withheld byte sent after the claim was won");
    }

    /** The guard stops a large insert at analysis: it must come back as Stale, whatever the body's size. */
    @Test
    void aLargeStaleInsertIsStale() {
        RowLayout mapped = staleLayout();
        Object result = outcome(() -> writer.insertTarget(mapped, rows(0, LARGE), "stale-large"));
        assertInstanceOf(TargetInsert.Stale.class, result, String.valueOf(result));
    }

    /** The same, begun during its claim and finished once the claim is won. */
    @Test
    void aLargeStaleBegunInsertIsStale() {
        RowLayout mapped = staleLayout();
        PendingInsert upload = writer.beginTarget(mapped, rows(0, LARGE), "stale-large-begun");
        Object result = outcome(upload::finish);
        assertInstanceOf(TargetInsert.Stale.class, result, String.valueOf(result));
    }

    /**
     * Was (adversarial review): a lost claim's upload held back only the last byte of its last row. A row of one column
     * left to its default is one byte in RowBinaryWithDefaults (the flag 1): holding it back ended the body on a row
     * boundary, and ClickHouse stored the 10 rows before it.
     */
    @Test
    void aLostClaimWhoseLastRowIsOneByteStoresNothing() throws InterruptedException {
        // (a row of 5 bytes, 0 and an Int32, as BatchWriterIT's; then one left to its default)
        createTarget("");
        List<TargetRow> rows = new ArrayList<>(rows(0, 10));
        rows.add(new TargetRow(10, new byte[] {1}, Position.of("1010", 0), "pk", Instant.EPOCH, new byte[0]));

        PendingInsert upload = writer.beginTarget(COLUMNS, rows, "lost-claim-default-last");
        Thread.sleep(1000); // the claim's round trip: every row but the last is with the server
        upload.abandon(); // returns once ClickHouse has answered

        assertEquals(0, count(table), "no row of a lost claim's insert is stored");
    }

    /**
     * A retry must split its rows as its attempt did, or its blocks' tokens name other rows: the attempt went in as
     * one block, the retry under a profile of small blocks would store every block but the first again.
     */
    @Test
    void aRetryUnderAnotherProfilesBlockSizeIsStillARepeat() {
        createTarget("");
        BatchWriter smallBlocks = new BatchWriter(new ClickHouseSql(LocalServices.clickHouse("default", SMALL_BLOCKS)),
                DATABASE, table, table + "_errors", InsertDeduplication.read(sql));

        writer.insertTarget(COLUMNS, rows(0, 10), "token-1");
        smallBlocks.insertTarget(COLUMNS, rows(0, 10), "token-1");

        assertEquals(10, count(table), "the retry is dropped whole, as a repeat of the attempt");
    }

    /**
     * Was (second adversarial review): a view whose name ClickHouse back-quotes in its message (db.`t-mv`) was not
     * found by that text, and its failure was taken for a refusal.
     */
    @Test
    void aViewWithAQuotedNameThatFailsIsAViewFailure() {
        TargetInsert result = insertPastAViewThatCannotTakeOneRow(table + "-mv");

        assertEquals(4, count(table), "the target took the block before the view failed");
        assertInstanceOf(TargetInsert.ViewFailed.class, result, String.valueOf(result));
    }

    @Test
    void aViewThatFailsLeavesTheRowsInTheTargetAndSaysSo() {
        TargetInsert result = insertPastAViewThatCannotTakeOneRow(table + "_mv");

        TargetInsert.ViewFailed failed = assertInstanceOf(TargetInsert.ViewFailed.class, result);
        assertEquals(java.util.Optional.of(DATABASE + "." + table + "_mv"), failed.failure().failedView());
        assertEquals(4, count(table), "the target took the block before the view failed");
    }

    @Test
    void tooManyPartitionsInOneBlockWritesNothingAndIsNotTransient() {
        sql.execute("CREATE TABLE " + DATABASE + "." + table + " (x Int32) ENGINE = MergeTree PARTITION BY x ORDER BY x"
                + " SETTINGS non_replicated_deduplication_window = 100");

        TargetInsert result = writer.insertTarget(COLUMNS, rows(0, 150), "token-1");

        TargetInsert.NotWritten notWritten = assertInstanceOf(TargetInsert.NotWritten.class, result);
        assertFalse(notWritten.failure().isRetryable(), "no retry heals a block spanning too many partitions");
        assertEquals(0, count(table));
    }

    @Test
    void theDryRunFindsEveryRefusedRowWithoutWritingAPart() {
        createTarget(", CONSTRAINT small CHECK x % 100 != 7");
        List<TargetRow> rows = rows(0, 2_000);

        Map<Integer, String> refused = new RefusedRows(sql, DATABASE, table).find(COLUMNS, rows);

        assertEquals(IntStream.range(0, 20).map(i -> i * 100 + 7).boxed().toList(), List.copyOf(refused.keySet()));
        assertTrue(refused.get(7).contains("small"), refused.get(7));
        assertEquals(0, count(table));
        assertEquals(0, count("system.parts WHERE database = '" + DATABASE + "' AND table = '" + table + "'"));
        assertEquals(0, count("system.tables WHERE database = '" + DATABASE + "' AND name LIKE '" + table + "_shardhouse_probe_%'"),
                "the dry run's table is dropped");
    }

    @Test
    void aRecordQuotingAViewFailureIsARefusalNotAFailedView() {
        createTarget(", note String, CONSTRAINT short CHECK length(note) < 5");
        // The refusal quotes the value at the end of its text, where ClickHouse names a view that failed.
        List<TargetRow> rows = List.of(row(1, "x: while pushing to view " + DATABASE + ".no_such_mv"));

        TargetInsert result = writer.insertTarget(WITH_NOTE, rows, "token-1");

        assertInstanceOf(TargetInsert.Refused.class, result);
        assertEquals(0, count(table));
    }

    @Test
    void theDryRunRefusesRowsWhosePartitionOrSortingKeyCannotBeComputed() {
        sql.execute("CREATE TABLE " + DATABASE + "." + table + " (x Int32, note String) ENGINE = MergeTree"
                + " PARTITION BY toYYYYMM(toDate(note)) ORDER BY x");
        String sorted = table + "_sorted";
        sql.execute("CREATE TABLE " + DATABASE + "." + sorted + " (x Int32, note String) ENGINE = MergeTree"
                + " ORDER BY toUInt32(note)");

        Map<Integer, String> byPartition = new RefusedRows(sql, DATABASE, table).find(WITH_NOTE,
                List.of(row(0, "2026-12-02"), row(1, "garbage"), row(2, "2026-11-30")));
        Map<Integer, String> bySorting = new RefusedRows(sql, DATABASE, sorted).find(WITH_NOTE,
                List.of(row(0, "12"), row(1, "13"), row(2, "garbage")));

        assertEquals(List.of(1), List.copyOf(byPartition.keySet()));
        assertEquals(List.of(2), List.copyOf(bySorting.keySet()));
        assertEquals(0, count(table));
        assertEquals(0, count(sorted));
    }

    @Test
    void errorRowsGoInWithEveryColumnAndOnceUnderTheirToken() {
        createTarget("");
        byte[] raw = {(byte) 0xff, 0, '{', '"'};
        TargetRow refused = new TargetRow(0, new byte[0], Position.of("49590338271490256608559692538361571095921575989136588898", 3),
                "key-7", Instant.parse("2026-12-02T10:15:30.123Z"), raw);
        // A bad record may be far longer than its row's other columns.
        ErrorRow unmapped = new ErrorRow(Position.of("1001", 0), "key-8", Instant.EPOCH, "x".repeat(1000).getBytes(),
                "not JSON");

        writer.insertErrors("orders", "shardId-000000000001", List.of(refused.rejected("too long"), unmapped), "token-e");
        writer.insertErrors("orders", "shardId-000000000001", List.of(refused.rejected("too long"), unmapped), "token-e");
        writer.insertErrors("orders", "shardId-000000000001", List.of(), "token-none");

        List<String> stored = client.queryAll("SELECT concat_ws('|', stream, shard_id, sequence_number,"
                + " toString(sub_sequence_number), partition_key, toString(approximate_arrival), hex(raw_data), reason)"
                + " AS line FROM " + DATABASE + "." + table + "_errors ORDER BY sequence_number DESC")
                .stream().map(row -> row.getString("line")).toList();
        assertEquals(List.of(
                "orders|shardId-000000000001|49590338271490256608559692538361571095921575989136588898|3|key-7"
                        + "|2026-12-02 10:15:30.123|FF007B22|too long",
                "orders|shardId-000000000001|1001|0|key-8|1970-01-01 00:00:00.000|" + "78".repeat(1000) + "|not JSON"),
                stored);
    }

    private long count(String from) {
        return Long.parseLong(client.queryAll("SELECT toString(count()) AS n FROM "
                + (from.startsWith("system.") ? from : DATABASE + "." + from)).get(0).getString("n"));
    }

    /** One-column rows {@code from} to {@code to} - 1, ordinals from 0. */
    private static List<TargetRow> rows(int from, int to) {
        return IntStream.range(from, to).mapToObj(x -> {
            byte[] row = ByteBuffer.allocate(5).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0).putInt(x).array();
            return new TargetRow(x - from, row, Position.of(String.valueOf(1000 + x), 0), "pk", Instant.EPOCH,
                    new byte[0]);
        }).toList();
    }

    /** A row (x, note) in RowBinaryWithDefaults. */
    private static TargetRow row(int x, String note) {
        ByteBuffer out = ByteBuffer.allocate(7 + note.length()).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 0).putInt(x).put((byte) 0).put((byte) note.length()).put(note.getBytes());
        return new TargetRow(x, out.array(), Position.of(String.valueOf(1000 + x), 0), "pk", Instant.EPOCH,
                new byte[0]);
    }

    /**
     * Inserts rows (x, note) 0 to 3 into a target whose materialized view {@code view} converts note to a number,
     * which row 1's "x" is not: the view fails after the target took the block.
     */
    private TargetInsert insertPastAViewThatCannotTakeOneRow(String view) {
        createTarget(", note String");
        sql.execute("CREATE TABLE " + DATABASE + "." + table + "_numbers (n UInt32) ENGINE = MergeTree ORDER BY n");
        sql.execute("CREATE MATERIALIZED VIEW " + DATABASE + "." + Identifier.quote(view) + " TO " + DATABASE + "."
                + table + "_numbers AS SELECT toUInt32(note) AS n FROM " + DATABASE + "." + table);
        List<TargetRow> rows = IntStream.range(0, 4)
                .mapToObj(i -> row(i, i == 1 ? "x" : Integer.toString(i))).toList();
        return writer.insertTarget(WITH_NOTE, rows, "token-1");
    }

    private RowLayout staleLayout() {
        createTarget("");
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
}
